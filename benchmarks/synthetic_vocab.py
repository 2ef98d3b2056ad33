# Phrase tables: one line per list keeps a domain's phrases readable side by side.
# ruff: noqa: E501
"""Words the synthetic corpus is written with: per-domain phrases in Thai and English, names.

Each domain of the sample taxonomy (`ingest/sample/domains.yaml`) has topics (noun phrases),
problems (clauses) and actions (verb phrases) in both languages, so that a generated thread
is about one domain in the vocabulary practitioners of that domain use, and the domain
assigner, keyword search and the vector index see text with a realistic spread of
similarity. Thai phrases carry no spaces inside them, as in real Thai writing; sentences
built from them are joined without spaces too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phrases:
    """The topics, problems and actions of one domain in one language."""

    topics: tuple[str, ...]
    problems: tuple[str, ...]
    actions: tuple[str, ...]


def _phrases(topics: str, problems: str, actions: str) -> Phrases:
    def split(text: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in text.split("|"))

    return Phrases(split(topics), split(problems), split(actions))


VOCABULARY: dict[str, dict[str, Phrases]] = {
    "agriculture": {
        "th": _phrases(
            "ต้นทุนการผลิตข้าว|การปลูกพืชหมุนเวียน|ดินในแปลงนา|เมล็ดพันธุ์ข้าว|ตลาดผลผลิตชุมชน|การเตรียมดินก่อนปลูก",
            "ผลผลิตต่อไร่ลดลงทุกปี|ดินแข็งและเป็นกรด|ราคาปุ๋ยแพงขึ้นมาก|ฝนทิ้งช่วงนานผิดปกติ|แมลงลงแปลงหนักกว่าเดิม|เกษตรกรรุ่นใหม่ไม่อยากทำนา",
            "ตรวจวิเคราะห์ดินก่อนใส่ปุ๋ย|ปลูกถั่วเขียวบำรุงดินหลังนา|จดบันทึกต้นทุนทุกรอบการผลิต|คัดเมล็ดพันธุ์ไว้ใช้เอง|รวมกลุ่มขายผลผลิตเอง|ไถกลบตอซังแทนการเผา",
        ),
        "en": _phrases(
            "rice production costs|crop rotation|paddy soil|rice seed|community produce market|land preparation",
            "yields per rai keep falling|the soil is compacted and acidic|fertiliser prices doubled|the rains stopped for weeks|pest pressure is worse than last year|young farmers are leaving",
            "test the soil before fertilising|plant mung beans after the rice harvest|record production costs every season|keep our own seed|sell produce as a group|plough stubble back in instead of burning",
        ),
    },
    "organic-farming": {
        "th": _phrases(
            "ข้าวอินทรีย์|มาตรฐานเกษตรอินทรีย์|การจัดการวัชพืช|สารชีวภัณฑ์|น้ำหมักชีวภาพ|ผักอินทรีย์ในสวนหลังบ้าน",
            "วัชพืชขึ้นหนาแน่นในนาข้าว|หนอนกินใบผักจนหมด|ยื่นขอรับรองมาตรฐานไม่ผ่าน|เพื่อนบ้านยังฉีดยาฆ่าหญ้า|ผลผลิตช่วงปรับเปลี่ยนต่ำมาก|เชื้อราขึ้นที่โคนต้น",
            "ปล่อยน้ำท่วมแปลงกดวัชพืช|ฉีดเชื้อบิวเวอร์เรียกำจัดแมลง|ทำแนวกันชนกับแปลงข้างเคียง|เก็บบันทึกการผลิตให้ครบตามมาตรฐาน|ปลูกดาวเรืองไล่แมลง|ใช้ไตรโคเดอร์มาคลุกเมล็ด",
        ),
        "en": _phrases(
            "organic rice|organic certification|weed management|biocontrol agents|fermented plant juice|home vegetable garden",
            "weeds are choking the paddy|caterpillars stripped the greens|the certification audit failed|the neighbour still sprays herbicide|yields dropped during conversion|fungus is rotting the stems",
            "flood the field to suppress weeds|spray Beauveria against insects|plant a buffer strip next to the neighbour|keep production records the standard asks for|grow marigolds to repel pests|coat seed with Trichoderma",
        ),
    },
    "composting": {
        "th": _phrases(
            "ปุ๋ยหมักฟางข้าว|กองปุ๋ยแบบไม่พลิกกลับ|มูลวัว|จุลินทรีย์พด.1|ความชื้นของกองปุ๋ย|เศษอาหารจากโรงอาหาร",
            "กองปุ๋ยมีกลิ่นเหม็น|ฟางข้าวไม่ย่อยหลายเดือน|กองปุ๋ยไม่ร้อนเลย|มีแมลงวันตอมกองปุ๋ย|ปุ๋ยหมักแห้งเกินไป|น้ำเสียไหลออกจากกอง",
            "ผสมมูลวัวหนึ่งส่วนต่อฟางสามส่วน|เสียบท่อไม้ไผ่ให้อากาศเข้า|รดน้ำให้ชื้นเหมือนฟองน้ำบิดหมาด|กองเป็นชั้นสูงไม่เกินหนึ่งเมตรครึ่ง|เติมกากน้ำตาลเร่งการย่อย|คลุมกองด้วยผ้าใบกันฝน",
        ),
        "en": _phrases(
            "rice straw compost|no-turn compost piles|cow manure|microbial starter|pile moisture|canteen food waste",
            "the pile smells|straw has not broken down in months|the pile never heats up|flies swarm the pile|the compost is too dry|leachate runs out of the pile",
            "mix one part manure to three parts straw|push bamboo poles through the pile|water until it feels like a wrung-out sponge|build layers no higher than one and a half metres|add molasses to speed it up|cover the pile against rain",
        ),
    },
    "water-management": {
        "th": _phrases(
            "ฝายชะลอน้ำ|คลองส่งน้ำ|สระน้ำในไร่นา|การทำนาเปียกสลับแห้ง|รอบเวรการส่งน้ำ|กลุ่มผู้ใช้น้ำ",
            "น้ำไม่พอใช้ช่วงหน้าแล้ง|ปลายคลองไม่ได้รับน้ำ|ฝายพังหลังน้ำป่า|สมาชิกแย่งน้ำกันทุกปี|สระน้ำตื้นเขินเร็ว|ค่าสูบน้ำแพงขึ้น",
            "ทำตารางรอบเวรส่งน้ำร่วมกัน|ซ่อมฝายด้วยกระสอบทรายก่อนฝนมา|ขุดลอกคลองปีละครั้ง|ปล่อยให้นาแห้งสลับกับขังน้ำ|ติดตั้งท่อวัดระดับน้ำในแปลง|ตั้งกองทุนค่าซ่อมบำรุงของกลุ่ม",
        ),
        "en": _phrases(
            "check dams|irrigation canals|farm ponds|alternate wetting and drying|irrigation schedules|water user groups",
            "there is not enough water in the dry season|the tail end of the canal gets nothing|the check dam broke after the flash flood|members fight over water every year|the pond silts up quickly|pumping costs went up",
            "agree a rotation schedule together|repair the weir with sandbags before the rains|dredge the canal once a year|let the field dry between floodings|install a field water tube|set up a group maintenance fund",
        ),
    },
    "nursing": {
        "th": _phrases(
            "การส่งเวรแบบเอสบาร์|การดูแลผู้ป่วยสูงอายุ|ภาวะสับสนเฉียบพลัน|การตอบสนองโค้ดบลู|แผลกดทับ|การวางแผนจำหน่ายผู้ป่วย",
            "ข้อมูลตกหล่นตอนส่งเวร|ผู้ป่วยสูงอายุสับสนตอนกลางคืน|ทีมมาช้าเมื่อเกิดเหตุฉุกเฉิน|แผลกดทับเกิดใหม่ในหอผู้ป่วย|พยาบาลจบใหม่ไม่มั่นใจ|ญาติไม่เข้าใจการดูแลที่บ้าน",
            "ส่งเวรข้างเตียงตามแบบเอสบาร์|พลิกตัวผู้ป่วยทุกสองชั่วโมง|ซ้อมโค้ดบลูทุกเดือน|ประเมินภาวะสับสนทุกเวร|สอนญาติก่อนกลับบ้าน|จับคู่พี่เลี้ยงกับพยาบาลใหม่",
        ),
        "en": _phrases(
            "SBAR handover|care of older patients|delirium|code blue response|pressure injuries|discharge planning",
            "information gets lost at handover|older patients get confused at night|the team is slow to arrive in an emergency|new pressure injuries appear on the ward|new graduate nurses lack confidence|families do not understand home care",
            "hand over at the bedside with SBAR|turn patients every two hours|run a code blue drill every month|screen for delirium every shift|teach the family before discharge|pair each new nurse with a preceptor",
        ),
    },
    "patient-safety": {
        "th": _phrases(
            "การป้องกันการพลัดตกหกล้ม|ยาที่มีความเสี่ยงสูง|การระบุตัวผู้ป่วย|ความคลาดเคลื่อนทางยา|รายงานอุบัติการณ์|การติดเชื้อในโรงพยาบาล",
            "ผู้ป่วยพลัดตกเตียงตอนกลางคืน|ให้ยาผิดคนเกือบเกิดขึ้น|ป้ายข้อมือผู้ป่วยหลุดหาย|ไม่มีใครกล้ารายงานอุบัติการณ์|ยาชื่อคล้ายกันวางใกล้กัน|อัตราการติดเชื้อเพิ่มขึ้น",
            "ตรวจสอบชื่อและวันเกิดก่อนให้ยาทุกครั้ง|แยกชั้นวางยาที่มีความเสี่ยงสูง|ประเมินความเสี่ยงการพลัดตกแรกรับ|ตรวจสอบยาซ้ำโดยพยาบาลสองคน|รายงานเหตุการณ์เกือบพลาดโดยไม่กล่าวโทษ|ล้างมือตามห้าจังหวะ",
        ),
        "en": _phrases(
            "falls prevention|high-alert medications|patient identification|medication errors|incident reporting|hospital-acquired infections",
            "patients fall out of bed at night|we nearly gave a drug to the wrong patient|wristbands go missing|nobody dares to report incidents|look-alike drugs are stored side by side|infection rates went up",
            "check name and date of birth before every dose|store high-alert drugs on a separate shelf|assess fall risk on admission|double-check doses with a second nurse|report near misses without blame|wash hands at the five moments",
        ),
    },
    "knowledge-management": {
        "th": _phrases(
            "ชุมชนนักปฏิบัติ|คลังความรู้องค์กร|ความรู้ฝังลึก|การสืบทอดความรู้|แพลตฟอร์มแลกเปลี่ยนเรียนรู้|คุณอำนวย",
            "สมาชิกชุมชนไม่ค่อยโพสต์|ความรู้หายไปเมื่อคนเกษียณ|คลังความรู้ไม่มีใครเข้าไปใช้|ผู้บริหารไม่เห็นคุณค่า|ข้อมูลกระจัดกระจายหลายที่|กิจกรรมจัดแล้วเงียบหายไป",
            "จัดวงแลกเปลี่ยนเรียนรู้ทุกเดือน|สัมภาษณ์ผู้เชี่ยวชาญก่อนเกษียณ|ตั้งคุณอำนวยประจำชุมชน|จัดหมวดหมู่คลังความรู้ใหม่|วัดผลจากการนำความรู้ไปใช้จริง|เชิญผู้บริหารมาร่วมวง",
        ),
        "en": _phrases(
            "communities of practice|the organisational knowledge base|tacit knowledge|knowledge retention|the knowledge sharing platform|community facilitators",
            "members rarely post|knowledge walks out when people retire|nobody uses the knowledge base|management does not see the value|information is scattered everywhere|activities fizzle out after launch",
            "hold a sharing circle every month|interview experts before they retire|appoint a facilitator for each community|reorganise the knowledge base|measure reuse instead of uploads|invite leaders into the circle",
        ),
    },
    "after-action-review": {
        "th": _phrases(
            "การทบทวนหลังปฏิบัติงาน|การถอดบทเรียน|คำถามสี่ข้อของเอเออาร์|บรรยากาศไม่กล่าวโทษ|แผนปรับปรุงงาน|การทบทวนก่อนเริ่มงาน",
            "ทีมไม่กล้าพูดความจริง|ถอดบทเรียนแล้วไม่มีใครทำตาม|การทบทวนกลายเป็นการหาคนผิด|ประชุมนานเกินไป|บทเรียนเดิมเกิดซ้ำ|หัวหน้าพูดอยู่คนเดียว",
            "ถามว่าคาดหวังอะไรและเกิดอะไรขึ้นจริง|ทบทวนทันทีหลังจบงาน|ให้หัวหน้าพูดเป็นคนสุดท้าย|จำกัดเวลาไว้ยี่สิบนาที|บันทึกสิ่งที่จะทำต่างออกไปพร้อมผู้รับผิดชอบ|เปิดบันทึกครั้งก่อนก่อนเริ่มงานใหม่",
        ),
        "en": _phrases(
            "after action reviews|lessons learned|the four AAR questions|a blame-free atmosphere|improvement plans|before action reviews",
            "the team will not speak openly|lessons are captured but never applied|the review turns into finding someone to blame|meetings run too long|the same mistakes repeat|the manager does all the talking",
            "ask what was expected and what actually happened|review right after the work ends|let the leader speak last|timebox it to twenty minutes|record what we will do differently with an owner|read the last review before starting new work",
        ),
    },
    "storytelling": {
        "th": _phrases(
            "การเล่าเรื่องความสำเร็จ|วงเล่าเรื่อง|เรื่องเล่าเร้าพลัง|การฟังอย่างลึกซึ้ง|การจับประเด็นจากเรื่องเล่า|ขุมความรู้",
            "ผู้เล่าเล่ายาวแต่ไม่มีประเด็น|คนฟังไม่ตั้งใจฟัง|จับความรู้จากเรื่องเล่าไม่ได้|ผู้ร่วมวงไม่กล้าเล่า|เรื่องเล่ากลายเป็นการโอ้อวด|บันทึกเรื่องเล่าไม่ทัน",
            "ให้เล่าเฉพาะเรื่องที่ทำสำเร็จจริง|ตั้งคนจับประเด็นประจำวง|ถามว่าทำอย่างไรจึงสำเร็จ|จัดวงเล็กไม่เกินแปดคน|สรุปขุมความรู้เป็นข้อๆ|อัดเสียงแล้วถอดความภายหลัง",
        ),
        "en": _phrases(
            "success storytelling|story circles|springboard stories|deep listening|harvesting insights from stories|knowledge assets",
            "storytellers ramble without a point|listeners do not pay attention|we cannot capture what the stories teach|participants are shy to share|stories turn into bragging|note takers cannot keep up",
            "tell only stories of what actually worked|appoint a harvester for each circle|ask how exactly it succeeded|keep circles to eight people|summarise the knowledge assets as a list|record audio and transcribe later",
        ),
    },
    "education": {
        "th": _phrases(
            "การพัฒนาครู|ชุมชนการเรียนรู้ทางวิชาชีพ|หลักสูตรสถานศึกษา|การนิเทศภายใน|ผลสัมฤทธิ์ทางการเรียน|ครูรุ่นใหม่",
            "ครูมีภาระงานเอกสารมาก|การอบรมไม่นำไปใช้ในห้องเรียน|นักเรียนอ่านไม่คล่อง|ครูย้ายบ่อย|ผู้ปกครองไม่มีส่วนร่วม|เวลาเรียนไม่พอ",
            "จัดวงพีแอลซีทุกสัปดาห์|สังเกตชั้นเรียนกันเองแบบกัลยาณมิตร|ลดงานเอกสารที่ไม่จำเป็น|ให้ครูพี่เลี้ยงประกบครูใหม่|ใช้ข้อมูลผลการเรียนวางแผนสอน|เชิญผู้ปกครองมาร่วมกิจกรรม",
        ),
        "en": _phrases(
            "teacher development|professional learning communities|the school curriculum|instructional coaching|student achievement|early-career teachers",
            "teachers drown in paperwork|training never reaches the classroom|students cannot read fluently|teachers move schools often|parents are not involved|there is not enough teaching time",
            "hold a PLC meeting every week|observe each other's lessons as critical friends|cut paperwork nobody reads|pair new teachers with mentors|plan lessons from assessment data|invite parents into school activities",
        ),
    },
    "classroom-practice": {
        "th": _phrases(
            "การเรียนรู้เชิงรุก|การตั้งคำถาม|การเรียนรู้แบบโครงงาน|การให้ข้อมูลย้อนกลับ|การประเมินเพื่อการเรียนรู้|การจัดการชั้นเรียน",
            "นักเรียนเงียบไม่ตอบคำถาม|งานกลุ่มมีคนทำอยู่คนเดียว|ห้องเรียนเสียงดังควบคุมไม่ได้|นักเรียนไม่อ่านคอมเมนต์ของครู|โครงงานใช้เวลานานเกินแผน|เด็กเก่งกับเด็กอ่อนห่างกันมาก",
            "รอคำตอบอย่างน้อยห้าวินาที|ใช้บัตรทางออกท้ายคาบ|กำหนดบทบาทในกลุ่มให้ชัด|ให้นักเรียนแก้งานหลังได้ข้อมูลย้อนกลับ|แบ่งโครงงานเป็นช่วงมีกำหนดส่ง|ใช้คำถามปลายเปิด",
        ),
        "en": _phrases(
            "active learning|questioning techniques|project-based learning|feedback on student work|assessment for learning|classroom management",
            "students stay silent when asked|one student does all the group work|the class is too noisy to manage|students ignore written feedback|projects overrun the plan|the gap between strong and weak students is wide",
            "wait at least five seconds for an answer|use exit tickets at the end of class|give each group member a clear role|have students revise after feedback|split projects into checkpoints|ask open questions",
        ),
    },
    "software-engineering": {
        "th": _phrases(
            "ระบบซีไอ|การดีพลอยขึ้นโปรดักชัน|หนี้ทางเทคนิค|การเขียนเทสต์อัตโนมัติ|การมอนิเตอร์ระบบ|ไมโครเซอร์วิส",
            "ไพป์ไลน์ช้ามาก|เทสต์ล้มแบบสุ่ม|ดีพลอยแล้วระบบล่มบ่อย|โค้ดเก่าไม่มีใครกล้าแก้|แจ้งเตือนดังทั้งคืน|สภาพแวดล้อมทดสอบไม่ตรงกับโปรดักชัน",
            "แยกเทสต์ที่ช้าออกไปรันตอนกลางคืน|ดีพลอยทีละน้อยแบบคานารี|เขียนเทสต์ก่อนแก้โค้ดเก่า|ตั้งเกณฑ์แจ้งเตือนจากผลกระทบต่อผู้ใช้|ใช้คอนเทนเนอร์ให้ทุกสภาพแวดล้อมเหมือนกัน|เก็บล็อกไว้ที่เดียว",
        ),
        "en": _phrases(
            "continuous integration|production deployments|technical debt|automated tests|system monitoring|microservices",
            "the pipeline takes forever|tests fail at random|deployments keep breaking production|nobody dares touch the legacy code|alerts fire all night|staging does not match production",
            "move slow tests to a nightly run|roll out gradually with canaries|write tests before changing legacy code|alert on user-facing symptoms|use containers so every environment matches|centralise the logs",
        ),
    },
    "code-review": {
        "th": _phrases(
            "การรีวิวโค้ด|พูลรีเควสขนาดเล็ก|เช็กลิสต์การรีวิว|คอมเมนต์ที่สุภาพ|เวลารอรีวิว|การจับคู่เขียนโปรแกรม",
            "พูลรีเควสรอรีวิวหลายวัน|คอมเมนต์รีวิวแรงเกินไป|รีวิวแค่กดอนุมัติผ่านๆ|พูลรีเควสใหญ่จนอ่านไม่ไหว|ถกเถียงเรื่องสไตล์ไม่จบ|คนรีวิวมีอยู่คนเดียว",
            "แบ่งพูลรีเควสให้เล็กกว่าสี่ร้อยบรรทัด|ให้เครื่องมือตรวจสไตล์อัตโนมัติ|ตอบรีวิวภายในหนึ่งวันทำการ|เขียนคอมเมนต์เป็นคำถามแทนคำสั่ง|หมุนเวียนคนรีวิวทั้งทีม|ใช้เช็กลิสต์สั้นๆก่อนขอรีวิว",
        ),
        "en": _phrases(
            "code review|small pull requests|review checklists|kind review comments|review turnaround time|pair programming",
            "pull requests wait days for review|review comments are too harsh|reviews are rubber stamps|pull requests are too big to read|style debates never end|only one person ever reviews",
            "keep pull requests under four hundred lines|let a linter settle style|answer reviews within one working day|phrase comments as questions|rotate reviewers across the team|use a short checklist before asking for review",
        ),
    },
    "incident-postmortem": {
        "th": _phrases(
            "การทบทวนหลังระบบล่ม|ลำดับเหตุการณ์|ปัจจัยร่วม|งานแก้ไขพร้อมผู้รับผิดชอบ|การสื่อสารระหว่างเหตุขัดข้อง|เวรออนคอล",
            "ระบบล่มซ้ำด้วยสาเหตุเดิม|งานแก้ไขไม่มีใครตามต่อ|การทบทวนกลายเป็นการโทษคน|ลูกค้ารู้ก่อนทีม|ข้อมูลช่วงเกิดเหตุไม่ครบ|คนออนคอลหมดแรง",
            "เขียนลำดับเหตุการณ์จากล็อกจริง|ถามว่าระบบเปิดช่องให้พลาดได้อย่างไร|กำหนดเจ้าของและวันเสร็จของทุกงานแก้ไข|ตั้งช่องทางสื่อสารเหตุขัดข้องช่องเดียว|ทบทวนภายในห้าวันทำการ|แชร์รายงานให้ทั้งองค์กรอ่าน",
        ),
        "en": _phrases(
            "incident postmortems|the incident timeline|contributing factors|owned action items|incident communication|on-call rotations",
            "the same outage happens again|action items are never followed up|postmortems turn into blame|customers notice before we do|data from the incident is incomplete|on-call engineers burn out",
            "build the timeline from real logs|ask how the system allowed the mistake|give every action item an owner and a date|use a single incident channel|hold the review within five working days|share the report with the whole organisation",
        ),
    },
}
"""Per domain id, per language: what threads and documents of that domain talk about."""

THAI_FIRST = (
    "สมชาย สมศรี มาลี วิชัย สุนีย์ ณัฐยา ปราณี กนกวรรณ กิตติพงษ์ อนันต์ ธีรศักดิ์ ประเสริฐ "
    "สุภาพร วรรณา ชัยวัฒน์ พิมพ์ชนก ศิริพร อรุณี สุรชัย บุญมี จันทร์เพ็ญ ธนากร นภาพร วีระ "
    "รัตนา สุดารัตน์ ปิยะ อำไพ ทองใบ เพ็ญศรี ศักดิ์ชัย กัญญา ธิดารัตน์ ภานุวัฒน์ จิราพร "
    "สายสุนีย์ ยุทธนา อัมพร เอกชัย พรทิพย์"
).split()
THAI_LAST = (
    "ใจดี สุวรรณรัตน์ ทองดี อินทร์แก้ว ศรีสวัสดิ์ บุญมา พรหมมา แสงทอง แก้วมณี วงศ์ไทย "
    "ศรีสุข จันทร์หอม ทองคำ รักษ์ไทย มีสุข สายบุญ พึ่งตน ชัยมงคล เพชรรัตน์ ปัญญาดี "
    "บุญเรือง สมบูรณ์ แก้วกาญจนา ศรีประเสริฐ นาคสุข"
).split()
ENGLISH_FIRST = (
    "David Emma John Priya Sarah Michael Anna James Laura Daniel Maria Peter Sophie Thomas "
    "Rachel Mark Julia Kevin Helen Paul Grace Simon Alice Robert Nina Chris Olivia Martin"
).split()
ENGLISH_LAST = (
    "Chen Wilson Smith Raman Brown Taylor Nguyen Müller Garcia Clarke Walker Evans Tanaka "
    "Hughes Patel Rossi Young Kim Murphy Silva Lopez Novak Fischer Ward"
).split()

THAI_OPENERS = ("สวัสดีครับ", "สวัสดีค่ะทุกคน", "รบกวนสอบถามครับ", "ขอปรึกษาหน่อยค่ะ", "")
THAI_CLOSERS = ("ขอบคุณล่วงหน้าครับ", "ขอบคุณค่ะ", "ใครมีประสบการณ์ช่วยแนะนำด้วยนะคะ", "")
THAI_CHATTER = (
    "ขอบคุณมากครับจะลองทำดู",
    "เห็นด้วยค่ะที่หน่วยงานเราก็เจอแบบเดียวกัน",
    "ขอบคุณที่แบ่งปันนะคะ",
    "ได้ผลยังไงมาเล่าให้ฟังด้วยครับ",
    "ขอลิงก์เอกสารด้วยได้ไหมคะ",
)
ENGLISH_OPENERS = ("Hi all,", "Hello everyone.", "Quick question.", "Hi,", "")
ENGLISH_CLOSERS = ("Thanks in advance.", "Any advice welcome.", "Thanks!", "")
ENGLISH_CHATTER = (
    "Thanks, I will try this next week.",
    "Same here, we ran into exactly this.",
    "Thanks for sharing.",
    "Please tell us how it goes.",
    "Could you share the template?",
)
