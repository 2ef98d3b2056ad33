// Thai and English labels, the current language, and formatting of dates and numbers in it.
// The language comes from ?lang=, else the last choice in this browser, else the browser's.

const LABELS = {
  en: {
    skip: "Skip to content",
    tagline:
      "Ask in Thai or English: copgraph reads your communities' discussions and documents " +
      "and shows who knows, with the evidence.",
    "footer.docs": "API docs",
    "nav.search": "Find experts",
    "nav.domains": "Domains",
    "nav.gaps": "Gap map",
    "nav.communities": "Communities",
    "nav.label": "Main",
    otherLanguage: "ไทย",
    switchLanguage: "เปลี่ยนเป็นภาษาไทย",
    apiKey: "API key",
    "apiKey.intro": "This server asks for an API key to read. The key stays in this tab only.",
    "apiKey.use": "Use key",
    "apiKey.forget": "Forget key",
    "apiKey.needed": "Enter an API key to continue.",
    "search.title": "Who knows about…",
    "search.placeholder": "e.g. composting rice straw",
    "search.button": "Search",
    "search.try": "Try:",
    "search.found": "{n} people know about “{q}”",
    "search.found.one": "1 person knows about “{q}”",
    "search.none": "Nobody here has written about “{q}” yet.",
    "search.ask": "Ask the community: post it as a question in one of its communities, where the people who know can answer.",
    "search.askLink": "See the communities",
    "evidence.more": "and {n} more items: +{v}",
    "evidence.more.one": "and 1 more item: +{v}",
    "signal.expert_in": "{v} for expertise in this topic's domains",
    "signal.recent_help": "{v} for answering and replying to others in the last 14 days",
    "signal.match": "{v} learned from how their content matches",
    "signal.similar_questions": "{v} learned from their answers to similar questions",
    "signal.track_record": "{v} learned from their track record of answers",
    "signal.activity": "{v} learned from how recently they took part",
    "search.more": "More people",
    evidence: "Evidence ({n})",
    score: "score",
    lastActive: "last active {date}",
    contribution: "+{v} to the score",
    "role.author": "wrote it",
    "role.asker": "asked",
    "role.starter": "started the thread",
    "role.answerer": "answered",
    "role.commenter": "commented",
    "role.replier": "replied",
    loading: "Loading…",
    stats: "{people} people · {documents} documents · {domains} domains · {practices} practices",
    "home.domains": "Knowledge domains",
    "person.knownFor": "Known for",
    "person.recent": "Recent contributions",
    "person.practices": "Practices written",
    "person.none": "Nothing public yet.",
    "skills.title": "Skills",
    "skills.confirmed": "Confirmed",
    "skills.inferred": "Inferred from their writing",
    "skills.declared": "Says they know",
    "skills.hidden": "Hidden",
    "skills.confirm": "Confirm",
    "skills.hide": "Hide",
    "skills.withdraw": "Withdraw",
    "skills.unhide": "Show again",
    "skills.declare": "Declare a skill",
    "skills.domain": "Domain",
    "skills.level": "Level",
    "skills.add": "Declare",
    "skills.saved": "Profile saved.",
    "skills.why.evidence": "{n} items about it",
    "skills.why.evidence.one": "1 item about it",
    "skills.why.confirmed": "{n} items about it; confirmed by {by} on {on}",
    "skills.why.confirmed.one": "1 item about it; confirmed by {by} on {on}",
    "skills.why.declared": "says they know it; no evidence yet",
    "skills.status": "Status",
    "status.active": "active",
    "status.away": "away until {date}",
    "status.left": "left since {date}",
    "status.unavailable": "not taking questions",
    "level.beginner": "beginner",
    "level.intermediate": "intermediate",
    "level.advanced": "advanced",
    "level.expert": "expert",
    "kind.article": "article",
    "kind.question": "question",
    "kind.thread": "discussion",
    "kind.file": "file",
    "kind.answer": "answer",
    "kind.comment": "comment",
    "kind.reply": "reply",
    accepted: "accepted answer",
    items: "{n} items",
    "items.one": "1 item",
    "domain.broader": "Part of",
    "domain.narrower": "Includes",
    "domain.graph": "People and practices of {d}",
    "domain.graphHelp": "Experts sit on the inner ring, their practices on the outer ring.",
    "domain.experts": "Experts",
    "domain.practices": "Practices",
    "domain.noExperts": "No experts in this domain yet.",
    "domain.noPractices": "No practices written down yet.",
    "domain.list": "Knowledge domains",
    related: "Related practices",
    "related.show": "Show related practices",
    "related.none": "Nothing closely related.",
    by: "by {names}",
    "gaps.title": "Expertise gap map",
    "gaps.intro":
      "Each dot is a domain: further right, more experts; higher up, more questions and " +
      "searches that found little. " +
      "Orange dots are gaps, where questions outrun the active experts; the red one is the biggest.",
    "gaps.chart": "Domains by experts (supply) and questions (demand); {n} gaps, biggest: {top}",
    "gaps.chart.one": "Domains by experts (supply) and questions (demand); 1 gap: {top}",
    "gaps.supply": "Supply: experts",
    "gaps.demand": "Demand: questions and searches that found little",
    "gaps.period": "Period",
    "gaps.months": "{n} months",
    "gaps.asOfLabel": "As of",
    "gaps.community": "Community",
    "gaps.allCommunities": "All communities",
    "gaps.show": "Show",
    "gaps.asOf": "The {n} months up to {d}.",
    "gaps.asOfNewest": "The data ends earlier than that, so the period ends at its newest content.",
    "export.label": "Download:",
    "export.file": "",
        "gaps.actions": "What to do",
    "gaps.because": "Because: {r}",
    "gaps.quiet": "No activity yet",
    "gaps.quietIntro": "No content, questions or experts in these domains yet, so they are not ranked:",
    "col.action": "Suggested action",
    "gaps.top": "Biggest gap",
    "gaps.gap": "Gap",
    "gaps.ok": "Covered",
    "gaps.table": "The numbers behind the chart",
    "gaps.none": "No gaps: every domain with questions has experts to answer them.",
    "col.rank": "#",
    "col.domain": "Domain",
    "col.gap": "Gap score",
    "col.experts": "Experts",
    "col.active": "Active",
    "col.questions": "Questions",
    "col.unanswered": "Unanswered",
    "col.weak": "Weak searches",
    "col.reasons": "Why",
    "col.month": "Month",
    "col.score": "Score",
    "col.evidence": "Evidence items",
    "health.title": "Health of {c}",
    "health.asOf": "As of {m}: each score covers the six months up to then.",
    "health.now": "in the six months to {m}",
    "health.overall": "over all its history: {v}",
    "health.reading": "What it says",
    "level.strong": "strong",
    "level.fair": "fair",
    "level.weak": "weak",
    "reading.head.strong": "Members learn from each other: questions get answered and practices get written down. Keep asking those who answer to write up what worked.",
    "reading.head.fair": "Some shared learning. Ask the people who answer well to turn their answers into a written practice.",
    "reading.head.weak": "Little shared learning. Hold an after-action review of recent work and write down what worked, so others can find it.",
    "reading.heart.strong": "Replies go both ways and answering is spread out: people trust each other. Keep welcoming newcomers by name.",
    "reading.heart.fair": "Some trust, but a few people do most of the answering. Ask them to bring a newcomer into each thread.",
    "reading.heart.weak": "Replies rarely go both ways. Welcome newcomers by name, thank answers in public, and pair members who ask with members who know.",
    "reading.hand.strong": "Many members take part month after month. Keep a regular rhythm of events and questions.",
    "reading.hand.fair": "A steady core takes part. Give others an easy first step: a question of the month or a short online session.",
    "reading.hand.weak": "Few members take part. Start a regular rhythm: a monthly meeting or a question of the month, and invite members one by one.",
    "measure.answer_gini.help": "Gini: 0 when everyone answers equally, close to 1 when one person gives all the answers.",
    "health.members": "{n} members",
    "health.members.one": "1 member",
    "health.type": "Type: {t}",
    "health.overTime": "{f} over time",
    "health.activity": "Activity per month",
    "health.table": "Monthly numbers",
    "health.contents": "contents",
    "health.active": "active members",
    "health.none": "No dated activity yet.",
    "health.window": "The lines give each month's score over the six months up to it.",
    "type.helping": "helping community",
    "type.best-practice": "best-practice community",
    "type.knowledge-stewarding": "knowledge-stewarding community",
    "type.innovation": "innovation community",
    "factor.head": "Head",
    "factor.heart": "Heart",
    "factor.hand": "Hand",
    "factor.head.about": "shared learning",
    "factor.heart.about": "trust and reciprocity",
    "factor.hand.about": "active participation",
    "measure.learning_share": "learning content",
    "measure.questions_answered_share": "questions answered",
    "measure.practices_per_month": "practices per month",
    "measure.reply_reciprocity": "replies returned",
    "measure.ask_and_answer_share": "members who ask and answer",
    "measure.median_hours_to_first_reply": "hours to first reply (median)",
    "measure.answer_gini": "answering concentrated (Gini)",
    "measure.active_member_ratio": "members active in a month",
    "measure.returning_share": "members who came back",
    "communities.title": "Community health",
    "communities.private": "private: members only",
    "communities.none": "No community is visible to this key yet.",
    notFound: "Not found.",
    error: "Something went wrong: {m}",
  },
  th: {
    skip: "ข้ามไปยังเนื้อหา",
    tagline:
      "ถามเป็นภาษาไทยหรืออังกฤษก็ได้ ระบบนี้อ่านกระทู้และเอกสารของชุมชน แล้วบอกว่าใครรู้เรื่องนั้น พร้อมหลักฐาน",
    "nav.search": "ค้นหาผู้รู้",
    "footer.docs": "เอกสารสำหรับนักพัฒนา",
    "nav.domains": "สาขาความรู้",
    "nav.gaps": "แผนที่ช่องว่าง",
    "nav.communities": "ชุมชน",
    "nav.label": "เมนูหลัก",
    otherLanguage: "English",
    switchLanguage: "Switch to English",
    apiKey: "คีย์ API",
    "apiKey.intro": "เซิร์ฟเวอร์นี้ต้องใช้คีย์ API ในการอ่านข้อมูล คีย์จะเก็บไว้ในแท็บนี้เท่านั้น",
    "apiKey.use": "ใช้คีย์นี้",
    "apiKey.forget": "ลบคีย์",
    "apiKey.needed": "กรุณาใส่คีย์ API เพื่อดำเนินการต่อ",
    "search.title": "ใครรู้เรื่อง…",
    "search.placeholder": "เช่น การทำปุ๋ยหมักจากฟางข้าว",
    "search.button": "ค้นหา",
    "search.try": "ลองค้นหา:",
    "search.found": "พบผู้รู้ {n} คนเรื่อง “{q}”",
    "search.none": "ยังไม่มีใครในชุมชนนี้เขียนเรื่อง “{q}”",
    "search.ask": "ลองถามชุมชน: ตั้งเป็นคำถามในชุมชนที่เกี่ยวข้อง เพื่อให้ผู้ที่รู้เข้ามาตอบ",
    "search.askLink": "ดูชุมชนทั้งหมด",
    "evidence.more": "และอีก {n} รายการ: +{v}",
    "signal.expert_in": "{v} จากความเชี่ยวชาญในสาขาของเรื่องนี้",
    "signal.recent_help": "{v} จากการตอบและช่วยเหลือผู้อื่นใน 14 วันที่ผ่านมา",
    "signal.match": "{v} ที่เรียนรู้จากความตรงกันของเนื้อหา",
    "signal.similar_questions": "{v} ที่เรียนรู้จากคำตอบของคำถามที่คล้ายกัน",
    "signal.track_record": "{v} ที่เรียนรู้จากประวัติการตอบคำถาม",
    "signal.activity": "{v} ที่เรียนรู้จากการมีส่วนร่วมล่าสุด",
    "search.more": "ดูผู้รู้เพิ่มเติม",
    evidence: "หลักฐาน ({n} รายการ)",
    score: "คะแนน",
    lastActive: "เคลื่อนไหวล่าสุด {date}",
    contribution: "+{v} คะแนน",
    "role.author": "ผู้เขียน",
    "role.asker": "ผู้ถาม",
    "role.starter": "ผู้เริ่มกระทู้",
    "role.answerer": "ผู้ตอบ",
    "role.commenter": "ผู้แสดงความคิดเห็น",
    "role.replier": "ผู้ตอบกลับ",
    loading: "กำลังโหลด…",
    stats: "{people} คน · {documents} เอกสาร · {domains} สาขา · {practices} แนวปฏิบัติ",
    "home.domains": "สาขาความรู้",
    "person.knownFor": "เชี่ยวชาญด้าน",
    "person.recent": "ผลงานล่าสุด",
    "person.practices": "แนวปฏิบัติที่เขียน",
    "person.none": "ยังไม่มีข้อมูลสาธารณะ",
    "skills.title": "ทักษะ",
    "skills.confirmed": "ยืนยันแล้ว",
    "skills.inferred": "อนุมานจากงานเขียน",
    "skills.declared": "แจ้งว่ามีความรู้",
    "skills.hidden": "ซ่อนไว้",
    "skills.confirm": "ยืนยัน",
    "skills.hide": "ซ่อน",
    "skills.withdraw": "ถอน",
    "skills.unhide": "แสดงอีกครั้ง",
    "skills.declare": "แจ้งทักษะ",
    "skills.domain": "หัวข้อความรู้",
    "skills.level": "ระดับ",
    "skills.add": "แจ้ง",
    "skills.saved": "บันทึกโปรไฟล์แล้ว",
    "skills.why.evidence": "มีผลงาน {n} ชิ้นเกี่ยวกับเรื่องนี้",
    "skills.why.confirmed": "มีผลงาน {n} ชิ้นเกี่ยวกับเรื่องนี้ ยืนยันโดย {by} เมื่อ {on}",
    "skills.why.declared": "แจ้งว่ามีความรู้ แต่ยังไม่มีผลงานให้เห็น",
    "skills.status": "สถานะ",
    "status.active": "ปฏิบัติงานอยู่",
    "status.away": "ไม่อยู่ถึง {date}",
    "status.left": "ลาออกตั้งแต่ {date}",
    "status.unavailable": "ไม่รับคำถาม",
    "level.beginner": "เริ่มต้น",
    "level.intermediate": "ปานกลาง",
    "level.advanced": "สูง",
    "level.expert": "ผู้เชี่ยวชาญ",
    "kind.article": "บทความ",
    "kind.question": "คำถาม",
    "kind.thread": "กระทู้สนทนา",
    "kind.file": "ไฟล์",
    "kind.answer": "คำตอบ",
    "kind.comment": "ความคิดเห็น",
    "kind.reply": "การตอบกลับ",
    accepted: "คำตอบที่ได้รับการยอมรับ",
    items: "{n} รายการ",
    "domain.broader": "อยู่ภายใต้",
    "domain.narrower": "ประกอบด้วย",
    "domain.graph": "ผู้รู้และแนวปฏิบัติด้าน{d}",
    "domain.graphHelp": "วงในคือผู้เชี่ยวชาญ วงนอกคือแนวปฏิบัติที่พวกเขาเขียน",
    "domain.experts": "ผู้เชี่ยวชาญ",
    "domain.practices": "แนวปฏิบัติ",
    "domain.noExperts": "ยังไม่มีผู้เชี่ยวชาญในสาขานี้",
    "domain.noPractices": "ยังไม่มีแนวปฏิบัติที่เขียนไว้",
    "domain.list": "สาขาความรู้",
    related: "แนวปฏิบัติที่เกี่ยวข้อง",
    "related.show": "แสดงแนวปฏิบัติที่เกี่ยวข้อง",
    "related.none": "ไม่มีแนวปฏิบัติที่ใกล้เคียง",
    by: "โดย {names}",
    "gaps.title": "แผนที่ช่องว่างความเชี่ยวชาญ",
    "gaps.intro":
      "แต่ละจุดคือสาขาความรู้ ยิ่งไปทางขวายิ่งมีผู้เชี่ยวชาญมาก ยิ่งสูงยิ่งมีคำถามและการค้นหาที่พบข้อมูลน้อยมาก " +
      "จุดสีส้มคือช่องว่างที่คำถามมีมากกว่าผู้เชี่ยวชาญที่ยังเคลื่อนไหว จุดสีแดงคือช่องว่างที่ใหญ่ที่สุด",
    "gaps.chart":
      "สาขาความรู้ตามจำนวนผู้เชี่ยวชาญ (อุปทาน) และคำถาม (อุปสงค์) มีช่องว่าง {n} สาขา ใหญ่ที่สุดคือ {top}",
    "gaps.supply": "อุปทาน: ผู้เชี่ยวชาญ",
    "gaps.demand": "อุปสงค์: คำถามและการค้นหาที่พบข้อมูลน้อย",
    "gaps.period": "ช่วงเวลา",
    "gaps.months": "{n} เดือน",
    "gaps.asOfLabel": "ณ วันที่",
    "gaps.community": "ชุมชน",
    "gaps.allCommunities": "ทุกชุมชน",
    "gaps.show": "แสดง",
    "gaps.asOf": "ข้อมูล {n} เดือนจนถึงวันที่ {d}",
    "gaps.asOfNewest": "ข้อมูลสิ้นสุดก่อนหน้านั้น จึงนับช่วงเวลาจนถึงเนื้อหาล่าสุด",
    "export.label": "ดาวน์โหลด:",
    "export.file": "ไฟล์ ",
        "gaps.actions": "สิ่งที่ควรทำ",
    "gaps.because": "เพราะ{r}",
    "gaps.quiet": "ยังไม่มีความเคลื่อนไหว",
    "gaps.quietIntro": "สาขาเหล่านี้ยังไม่มีเนื้อหา คำถาม หรือผู้เชี่ยวชาญ จึงไม่ได้จัดอันดับ:",
    "col.action": "สิ่งที่ควรทำ",
    "gaps.top": "ช่องว่างใหญ่ที่สุด",
    "gaps.gap": "ช่องว่าง",
    "gaps.ok": "มีผู้รู้เพียงพอ",
    "gaps.table": "ตัวเลขเบื้องหลังแผนภูมิ",
    "gaps.none": "ไม่มีช่องว่าง ทุกสาขาที่มีคำถามมีผู้เชี่ยวชาญตอบ",
    "col.rank": "#",
    "col.domain": "สาขา",
    "col.gap": "คะแนนช่องว่าง",
    "col.experts": "ผู้เชี่ยวชาญ",
    "col.active": "ยังเคลื่อนไหว",
    "col.questions": "คำถาม",
    "col.unanswered": "ไม่มีคำตอบ",
    "col.weak": "ค้นแล้วพบน้อย",
    "col.reasons": "เหตุผล",
    "col.month": "เดือน",
    "col.score": "คะแนน",
    "col.evidence": "จำนวนหลักฐาน",
    "health.title": "สุขภาพของชุมชน {c}",
    "health.asOf": "ข้อมูล ณ {m}: แต่ละคะแนนนับหกเดือนจนถึงเดือนนั้น",
    "health.now": "ในหกเดือนจนถึง {m}",
    "health.overall": "ตลอดประวัติของชุมชน: {v}",
    "health.reading": "ความหมาย",
    "level.strong": "ดี",
    "level.fair": "พอใช้",
    "level.weak": "อ่อน",
    "reading.head.strong": "สมาชิกเรียนรู้จากกันและกัน คำถามได้รับคำตอบ และมีการเขียนแนวปฏิบัติไว้ ชวนผู้ที่ตอบให้เขียนสิ่งที่ได้ผลต่อไป",
    "reading.head.fair": "มีการเรียนรู้ร่วมกันบ้าง ชวนผู้ที่ตอบได้ดีให้เขียนคำตอบเป็นแนวปฏิบัติ",
    "reading.head.weak": "การเรียนรู้ร่วมกันยังน้อย จัดทบทวนหลังการปฏิบัติงานล่าสุด แล้วบันทึกสิ่งที่ได้ผลให้ผู้อื่นค้นเจอได้",
    "reading.heart.strong": "การตอบกลับเป็นไปทั้งสองทางและผู้ตอบกระจายหลายคน สมาชิกไว้ใจกัน ต้อนรับสมาชิกใหม่ด้วยชื่อต่อไป",
    "reading.heart.fair": "มีความไว้ใจกันบ้าง แต่มีไม่กี่คนที่ตอบเป็นส่วนใหญ่ ชวนพวกเขาดึงสมาชิกใหม่เข้ามาในแต่ละกระทู้",
    "reading.heart.weak": "การตอบกลับยังไม่ค่อยเป็นไปทั้งสองทาง ต้อนรับสมาชิกใหม่ด้วยชื่อ ขอบคุณผู้ตอบอย่างเปิดเผย และจับคู่ผู้ถามกับผู้รู้",
    "reading.hand.strong": "สมาชิกจำนวนมากมีส่วนร่วมทุกเดือน รักษาจังหวะกิจกรรมและคำถามอย่างสม่ำเสมอ",
    "reading.hand.fair": "มีกลุ่มหลักที่มีส่วนร่วมสม่ำเสมอ ให้คนอื่นเริ่มได้ง่าย เช่น คำถามประจำเดือนหรือการพบกันออนไลน์สั้นๆ",
    "reading.hand.weak": "สมาชิกที่มีส่วนร่วมยังน้อย เริ่มจังหวะที่สม่ำเสมอ เช่น ประชุมรายเดือนหรือคำถามประจำเดือน และชวนสมาชิกทีละคน",
    "measure.answer_gini.help": "สัมประสิทธิ์จีนีเป็น 0 เมื่อทุกคนตอบเท่าๆ กัน และเข้าใกล้ 1 เมื่อคนเดียวตอบทั้งหมด",
    "health.members": "สมาชิก {n} คน",
    "health.type": "ประเภท: {t}",
    "health.overTime": "{f} ตามช่วงเวลา",
    "health.activity": "กิจกรรมรายเดือน",
    "health.table": "ตัวเลขรายเดือน",
    "health.contents": "เนื้อหา",
    "health.active": "สมาชิกที่เคลื่อนไหว",
    "health.none": "ยังไม่มีกิจกรรมที่ระบุวันที่",
    "health.window": "เส้นกราฟแสดงคะแนนของแต่ละเดือน คิดจากกิจกรรมหกเดือนล่าสุดจนถึงเดือนนั้น",
    "type.helping": "ชุมชนช่วยเหลือกัน",
    "type.best-practice": "ชุมชนแนวปฏิบัติที่ดี",
    "type.knowledge-stewarding": "ชุมชนดูแลคลังความรู้",
    "type.innovation": "ชุมชนนวัตกรรม",
    "factor.head": "หัว · ความรู้",
    "factor.heart": "ใจ · ความไว้ใจ",
    "factor.hand": "มือ · การลงมือทำ",
    "factor.head.about": "การเรียนรู้ร่วมกัน",
    "factor.heart.about": "ความไว้วางใจและการช่วยเหลือกัน",
    "factor.hand.about": "การมีส่วนร่วมอย่างต่อเนื่อง",
    "measure.learning_share": "สัดส่วนเนื้อหาความรู้",
    "measure.questions_answered_share": "คำถามที่ได้รับคำตอบ",
    "measure.practices_per_month": "แนวปฏิบัติต่อเดือน",
    "measure.reply_reciprocity": "การตอบกลับซึ่งกันและกัน",
    "measure.ask_and_answer_share": "สมาชิกที่ทั้งถามและตอบ",
    "measure.median_hours_to_first_reply": "ชั่วโมงถึงคำตอบแรก (มัธยฐาน)",
    "measure.answer_gini": "การกระจุกตัวของผู้ตอบ (สัมประสิทธิ์จีนี)",
    "measure.active_member_ratio": "สมาชิกที่เคลื่อนไหวในแต่ละเดือน",
    "measure.returning_share": "สมาชิกที่กลับมามีส่วนร่วม",
    "communities.title": "สุขภาพชุมชน",
    "communities.private": "ส่วนตัว: เฉพาะสมาชิก",
    "communities.none": "ยังไม่มีชุมชนที่คีย์นี้มองเห็นได้",
    notFound: "ไม่พบข้อมูล",
    error: "เกิดข้อผิดพลาด: {m}",
  },
};

const STORED = "copgraph.lang";
let current = initialLanguage();

function initialLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "th" || asked === "en") return asked;
  const stored = localStorage.getItem(STORED);
  if (stored === "th" || stored === "en") return stored;
  return (navigator.language || "").toLowerCase().startsWith("th") ? "th" : "en";
}

/** The page language: "th" or "en". */
export function lang() {
  return current;
}

/** Switch language, remember it, and keep ?lang= in the address so a reload agrees. */
export function setLang(next) {
  current = next;
  localStorage.setItem(STORED, next);
  const url = new URL(location.href);
  url.searchParams.set("lang", next);
  history.replaceState(history.state, "", url);
  document.documentElement.lang = next;
}

/**
 * The label `key` in the current language, with {name} placeholders filled from `vars`.
 * A count of one takes the `key.one` label where the language has one ("1 item", not
 * "1 items"; Thai nouns do not change with number, so Thai has none).
 */
export function t(key, vars = {}) {
  const one = vars.n === 1 ? LABELS[current][`${key}.one`] : undefined;
  const text = one ?? LABELS[current][key] ?? LABELS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

/**
 * The label `key` as parts to append, where `vars` may hold nodes: a name or a quoted query
 * stays its own element (marked `translate="no"` by the caller) inside a translated label.
 */
export function tParts(key, vars = {}) {
  const text = t(key, Object.fromEntries(Object.keys(vars).map((name) => [name, `{${name}}`])));
  return text.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name && name in vars ? vars[name] : part;
  });
}

/** The label of a value the API may add to (a role, a kind, a measure); else the value itself. */
export function term(group, value) {
  const key = `${group}.${value}`;
  return LABELS[current][key] ?? LABELS.en[key] ?? value;
}

/** A domain's label in the current language, else English, else its id. */
export function domainName(domain, id) {
  const labels = (domain && domain.labels) || {};
  return labels[current] || labels.en || id;
}

export function formatDate(iso) {
  if (!iso) return "";
  const locale = current === "th" ? "th-TH" : "en-GB";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
}

/** "2024-03" as a short month name and year in the current language. */
export function formatMonth(month) {
  const [year, number] = month.split("-").map(Number);
  if (!year || !number) return month;
  const locale = current === "th" ? "th-TH" : "en-GB";
  const options = { month: "short", year: "2-digit", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(new Date(Date.UTC(year, number - 1)));
}

export function formatNumber(value, digits = 2) {
  const options = { maximumFractionDigits: digits, minimumFractionDigits: 0 };
  return new Intl.NumberFormat(current === "th" ? "th-TH" : "en-GB", options).format(value);
}

/** A number with its sign always shown: a part of a score that may add or take away. */
export function formatSigned(value, digits = 2) {
  const options = { maximumFractionDigits: digits, signDisplay: "always" };
  return new Intl.NumberFormat(current === "th" ? "th-TH" : "en-GB", options).format(value);
}

export function formatPercent(value) {
  const locale = current === "th" ? "th-TH" : "en-GB";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(
    value,
  );
}
