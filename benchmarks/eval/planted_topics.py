# Prose tables: one sentence per line reads better than wrapped fragments.
# ruff: noqa: E501
"""What the planted experts wrote and how they are asked: real text, Thai and English.

The evaluation embeds with a real multilingual model, so a Thai query and the English
document it asks about (and the other way round) are translations in meaning, not in words.
Every `marker` (and every rare `word` and its `form`) is absent from the background's
vocabulary (`benchmarks.synthetic_vocab`); a unit test checks it. Newcomer topics are the
exception by design: they are written in their domain's everyday words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rare:
    """An English how-to document on a topic nobody else writes about.

    Attributes:
        community: where it is posted.
        title, body: the document.
        word: its one rare word (in the title and the body).
        form: another form of `word`, absent from the document.
        form_query: a question using `form` and otherwise common words.
        thai_query: a Thai question about the same topic.
    """

    community: str
    title: str
    body: str
    word: str
    form: str
    form_query: str
    thai_query: str


@dataclass(frozen=True)
class ThaiAnswer:
    """A Thai thread whose accepted Thai answer is the only one on its topic."""

    key: str
    community: str
    marker: str
    title: str
    question: str
    answer: str
    english_query: str


@dataclass(frozen=True)
class Focused:
    """Three questions on one topic, each with the focused expert's accepted answer."""

    key: str
    domain: str
    community: str
    thai: bool
    marker: str
    query: str
    questions: tuple[tuple[str, str], ...]
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Volume:
    """Sentences of equally relevant documents (`title` has an `{n}` slot)."""

    key: str
    community: str
    thai: bool
    marker: str
    query: str
    title: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Newcomer:
    """A first document that answers `query` exactly, in a busy domain's own words."""

    key: str
    community: str
    thai: bool
    query: str
    title: str
    body: str


RARE: tuple[Rare, ...] = (
    Rare(
        "cop-agri",
        "Vermicomposting with red wigglers in rice-husk bins",
        "We started vermicomposting last year with a few hundred red wigglers in plastic bins lined with rice husk. "
        "The worms eat kitchen scraps and shredded banana leaves, and after about ten weeks the bins hold dark, crumbly castings. "
        "Keep the bedding damp but not wet and the bins in the shade: above thirty-five degrees the worms try to escape. "
        "Vermicomposting needs no turning, but feed little and often and never add citrus peel, meat or oil.",
        "vermicomposting",
        "vermicompost",
        "How do I start making vermicompost at home?",
        "เลี้ยงไส้เดือนทำปุ๋ยหมักในถังแกลบต้องเริ่มอย่างไร",
    ),
    Rare(
        "cop-agri-north",
        "Cleft grafting durian seedlings onto local rootstock",
        "Cleft grafting lets a smallholder turn a cheap seedling into a known durian variety in one season. "
        "Cut the rootstock straight across at pencil thickness, split it two centimetres deep, and slide in a scion cut into a wedge so the green layers meet on one side. "
        "Wrap the union tightly with plastic tape and cover the scion with a small bag until new leaves open. "
        "In our nursery four seedlings out of five took when we did the grafting in the cool early morning.",
        "grafting",
        "grafted",
        "Who here has grafted fruit trees before?",
        "วิธีต่อกิ่งทุเรียนบนต้นตอพื้นบ้าน",
    ),
    Rare(
        "cop-agri",
        "Hydroponics on a rooftop: lettuce in recycled gutters",
        "Our school group grows lettuce with hydroponics on a rooftop, in old rain gutters fed by a small pump on a timer. "
        "The nutrient solution is mixed from two stock tanks, and we check its strength with a cheap EC meter every morning. "
        "Lettuce is ready to cut in about five weeks; basil and morning glory do well too. "
        "The main lesson of hydroponics in the heat is to shade the tank, because warm water holds little oxygen and the roots turn brown.",
        "hydroponics",
        "hydroponic",
        "Can anyone help me set up a hydroponic garden?",
        "ปลูกผักไฮโดรโปนิกส์บนดาดฟ้าต้องเริ่มอย่างไร",
    ),
    Rare(
        "cop-agri-north",
        "Beekeeping with stingless bees in longan orchards",
        "Beekeeping with stingless bees suits longan growers: the colonies are gentle, need no protective suit, and stay close to the trees they pollinate. "
        "We keep the hives in split coconut logs hung under the canopy and move them in before flowering starts. "
        "The bees also make a sour, runny honey that sells for a good price at the district market. "
        "Stop spraying insecticide two weeks before the hives come in, or the colonies will die; that is the one rule of beekeeping in orchards.",
        "beekeeping",
        "beekeepers",
        "Are there any beekeepers in this community?",
        "เลี้ยงผึ้งชันโรงในสวนลำไยเพื่อช่วยผสมเกสรทำอย่างไร",
    ),
    Rare(
        "cop-agri",
        "Aquaponics: tilapia tanks that feed a vegetable bed",
        "In aquaponics the fish feed the plants: water from a tilapia tank runs through a gravel bed where bacteria turn the waste into nitrate, and the cleaned water flows back to the fish. "
        "Our unit is a one-tonne tank and two grow beds of Chinese kale and water spinach. "
        "Feed the fish only what they eat in five minutes, and test ammonia weekly in the first two months while the bacteria settle in. "
        "Aquaponics uses a fraction of the water a soil garden needs.",
        "aquaponics",
        "aquaponic",
        "How do I build an aquaponic system at home?",
        "การเลี้ยงปลานิลควบคู่กับการปลูกผักโดยใช้น้ำหมุนเวียนจากบ่อปลาทำอย่างไร",
    ),
    Rare(
        "cop-icu",
        "Preparing the ward for emergency intubation",
        "When a patient on a general ward needs emergency intubation, the minutes before the anaesthetist arrives decide how smoothly it goes. "
        "Keep an airway trolley with a checked laryngoscope, tubes in three sizes, a bougie and working suction, and check it every shift. "
        "Pre-oxygenate with a tight-fitting mask, position the head, and sit the patient up if the blood pressure allows. "
        "After intubation, confirm the tube position with waveform capnography, not only by listening to the chest.",
        "intubation",
        "intubated",
        "What should the ward have ready before a patient is intubated?",
        "หอผู้ป่วยต้องเตรียมอุปกรณ์อะไรบ้างก่อนใส่ท่อช่วยหายใจผู้ป่วยในภาวะฉุกเฉิน",
    ),
    Rare(
        "cop-health",
        "Daily tracheostomy care at home after discharge",
        "Families who take a patient home with a tracheostomy need hands-on practice before discharge, not just a leaflet. "
        "We teach them to suction with a clean technique, to clean the inner cannula twice a day, and to change the ties with two people so the tube cannot slip out. "
        "A spare tube one size smaller stays taped to the bed. "
        "Our tracheostomy checklist is signed by the caregiver only after they have done each step in front of a nurse.",
        "tracheostomy",
        "tracheostomies",
        "Who knows how to look after tracheostomies at home?",
        "ควรสอนญาติดูแลท่อเจาะคอของผู้ป่วยที่บ้านหลังออกจากโรงพยาบาลอย่างไร",
    ),
    Rare(
        "cop-health",
        "Treating hypoglycaemia on the ward with the rule of fifteen",
        "For hypoglycaemia in an alert patient we use the rule of fifteen: give fifteen grams of fast sugar, such as half a glass of juice, and recheck the capillary glucose after fifteen minutes. "
        "Repeat until the reading is above four, then give a snack with starch. "
        "A patient who cannot swallow gets intravenous glucose from the emergency box, never sugar by mouth. "
        "Most hypoglycaemia we see follows a missed meal after the morning insulin, so we now check meal trays against the insulin chart.",
        "hypoglycaemia",
        "hypoglycaemic",
        "What should we do when a patient becomes hypoglycaemic at night?",
        "ผู้ป่วยเบาหวานมีภาวะน้ำตาลในเลือดต่ำในหอผู้ป่วย ควรช่วยเหลืออย่างไร",
    ),
    Rare(
        "cop-teachers",
        "Gamification of vocabulary practice with team points",
        "We tried gamification in grade five English: teams earn points for each new word they use correctly when speaking, and the scoreboard stays on the wall all term. "
        "Badges go to the team that helps others most, not only the one with the most points, so weaker students are pulled in. "
        "Keep rounds short, ten minutes at most, and change the rewards every few weeks or the excitement fades. "
        "Gamification raised the number of words students used, but we still test spelling the usual way.",
        "gamification",
        "gamified",
        "Has anyone gamified their lessons?",
        "การนำกลไกของเกมมาใช้สอนคำศัพท์ภาษาอังกฤษให้นักเรียนสนุกทำได้อย่างไร",
    ),
    Rare(
        "cop-teachers",
        "Supporting pupils with dyslexia in a mixed class",
        "Pupils with dyslexia often hide behind good behaviour, so we screen every child in grade two with a short reading and spelling check. "
        "In class they get texts in a larger, plain font on cream paper, extra time, and the chance to answer aloud instead of in writing. "
        "A ten-minute daily phonics session in a small group helps more than one long weekly session. "
        "Tell parents early: dyslexia is a different way of learning to read, not a lack of effort.",
        "dyslexia",
        "dyslexic",
        "How can I help a dyslexic student keep up in class?",
        "ครูจะช่วยนักเรียนที่มีภาวะบกพร่องทางการอ่านในห้องเรียนรวมได้อย่างไร",
    ),
    Rare(
        "cop-devops",
        "Refactoring a billing monolith with the strangler fig pattern",
        "Refactoring our billing monolith in one go failed twice, so we switched to the strangler fig pattern. "
        "A routing layer sends one endpoint at a time to a new service while everything else still hits the old code, and we compare the two responses in production before switching over. "
        "Each slice is small enough to roll back in minutes. "
        "After eighteen months of steady refactoring the old monolith serves only two reports, and nobody misses it.",
        "refactoring",
        "refactor",
        "What is the safest way to refactor old code?",
        "จะค่อยๆ ปรับโครงสร้างโค้ดของระบบเก่าขนาดใหญ่โดยไม่ให้ระบบล่มได้อย่างไร",
    ),
    Rare(
        "cop-hr",
        "Onboarding new staff with a buddy and a ninety-day plan",
        "Our onboarding used to be a day of slides and a stack of manuals. "
        "Now every new colleague gets a buddy from another team and a ninety-day plan with three small real tasks, one a month, each talked through over coffee. "
        "The buddy introduces them to the people who hold the knowledge nobody wrote down. "
        "Since we changed onboarding, new staff ask questions in the community space from their first week.",
        "onboarding",
        "onboard",
        "What is a good way to onboard new employees?",
        "การรับพนักงานใหม่เข้าทำงานโดยมีเพื่อนร่วมงานคอยดูแลและแผนเก้าสิบวันควรทำอย่างไร",
    ),
    Rare(
        "cop-km",
        "Podcasting practitioners' stories for the whole network",
        "Podcasting turned out to be the easiest way to spread practitioners' stories beyond the monthly circle. "
        "Each episode is a fifteen-minute conversation with one member about a single piece of work, recorded on a phone with a clip-on microphone. "
        "We cut long pauses but keep the hesitations, because they show where the real difficulty was. "
        "Since we started podcasting, field staff listen on the road and reply with examples of their own.",
        "podcasting",
        "podcast",
        "Who can help us start a podcast for our network?",
        "อัดเสียงสัมภาษณ์สมาชิกเล่าประสบการณ์ทำงานเผยแพร่ให้ทั้งเครือข่ายฟังอย่างไร",
    ),
    Rare(
        "cop-devops",
        "Throttling noisy API clients with per-key rate limits",
        "Throttling saved our public API the night one partner's script went into a retry loop. "
        "Every API key now gets a token bucket, a steady rate plus a short burst, and requests over the limit get a 429 answer with a Retry-After header. "
        "We keep the counters in the gateway's memory, not in the database, so throttling costs almost nothing per request. "
        "Publish the limits in the documentation and partners will build their clients to respect them.",
        "throttling",
        "throttle",
        "How do we throttle a client that floods our API?",
        "จะจำกัดจำนวนคำขอของลูกค้าที่เรียกเอพีไอถี่เกินไปได้อย่างไร",
    ),
)

THAI_ANSWERS: tuple[ThaiAnswer, ...] = (
    ThaiAnswer(
        "straw-mushrooms",
        "cop-agri",
        "เห็ดฟาง",
        "เพาะเห็ดฟางในตะกร้าอย่างไรให้ออกดอกเยอะ",
        "สวัสดีครับ อยากเพาะเห็ดฟางในตะกร้าไว้กินเองและขายในหมู่บ้าน ลองทำมาสองรอบแล้วแต่ออกดอกน้อยมาก ใครมีประสบการณ์ช่วยแนะนำด้วยครับ",
        "เพาะเห็ดฟางในตะกร้าให้ได้ผลต้องคุมความชื้นและอุณหภูมิให้ดีครับ แช่ฟางในน้ำหนึ่งคืนแล้วอัดเป็นชั้นในตะกร้า โรยเชื้อเห็ดรอบขอบตะกร้าทุกชั้นสลับกับอาหารเสริมเช่นผักตบชวาสับ "
        "แล้วคลุมด้วยพลาสติกให้ข้างในอุ่นราวสามสิบห้าองศา หลังเจ็ดวันให้เปิดพลาสติกระบายอากาศวันละครั้ง ดอกเห็ดจะเริ่มออกในวันที่เก้าถึงสิบ ควรเก็บตอนดอกยังตูมไม่บาน",
        "How do I grow straw mushrooms in baskets?",
    ),
    ThaiAnswer(
        "frogs",
        "cop-agri-north",
        "เลี้ยงกบ",
        "เลี้ยงกบในบ่อซีเมนต์แล้วกบตายบ่อยมาก",
        "ขอปรึกษาหน่อยค่ะ เลี้ยงกบในบ่อซีเมนต์ได้สองเดือน ลูกกบตายไปเกือบครึ่ง น้ำในบ่อก็เน่าเร็วมาก ควรทำอย่างไรดีคะ",
        "เลี้ยงกบในบ่อซีเมนต์ต้องเปลี่ยนน้ำบ่อยค่ะ บ่อใหม่ต้องแช่ต้นกล้วยหรือน้ำส้มสายชูเพื่อล้างฤทธิ์ปูนก่อนอย่างน้อยหนึ่งสัปดาห์ ใส่น้ำลึกแค่ห้าถึงสิบเซนติเมตร "
        "ใส่แผ่นโฟมหรือไม้ลอยน้ำให้กบขึ้นไปพัก ให้อาหารเม็ดวันละสองครั้งเท่าที่กินหมด แล้วเปลี่ยนน้ำทุกสองถึงสามวัน ถ้าเห็นกบท้องบวมหรือขาแดงให้แยกออกทันทีเพราะโรคติดต่อกันเร็วมาก",
        "How should I raise frogs in concrete tanks so they stop dying?",
    ),
    ThaiAnswer(
        "urinary-catheters",
        "cop-health",
        "สายสวนปัสสาวะ",
        "ดูแลสายสวนปัสสาวะอย่างไรให้ลดการติดเชื้อ",
        "รบกวนสอบถามค่ะ หอผู้ป่วยของเรามีผู้ป่วยติดเชื้อทางเดินปัสสาวะจากการคาสายสวนเพิ่มขึ้น อยากทราบว่าที่อื่นดูแลสายสวนปัสสาวะกันอย่างไร",
        "หอผู้ป่วยของเราลดการติดเชื้อจากสายสวนปัสสาวะได้ด้วยการทบทวนทุกวันว่าผู้ป่วยยังจำเป็นต้องคาสายอยู่หรือไม่ ถ้าไม่จำเป็นให้ถอดทันที ใส่สายด้วยเทคนิคปลอดเชื้อ "
        "ตรึงสายไว้กับต้นขาไม่ให้ดึงรั้ง แขวนถุงปัสสาวะให้ต่ำกว่าระดับกระเพาะปัสสาวะเสมอแต่ไม่วางกับพื้น เทปัสสาวะออกเมื่อถุงเต็มสามในสี่ และทำความสะอาดบริเวณรอบสายด้วยน้ำสะอาดกับสบู่วันละครั้ง",
        "How can we prevent infections from urinary catheters?",
    ),
    ThaiAnswer(
        "picture-books",
        "cop-teachers",
        "นิทานภาพ",
        "ใช้นิทานภาพช่วยเด็กประถมหนึ่งให้อ่านออก",
        "สวัสดีค่ะทุกคน นักเรียนชั้นประถมศึกษาปีที่หนึ่งห้องนี้หลายคนยังอ่านไม่ออก อยากลองใช้นิทานช่วย มีใครเคยทำบ้างคะ",
        "ครูใช้นิทานภาพวันละสิบห้านาทีก่อนเริ่มเรียนค่ะ รอบแรกครูอ่านให้ฟังพร้อมชี้คำ รอบสองให้เด็กอ่านตามพร้อมกันทั้งกลุ่ม รอบสามให้เด็กจับคู่อ่านให้เพื่อนฟัง "
        "เลือกนิทานที่มีคำซ้ำและประโยคสั้น แล้วให้เด็กวาดภาพตอนที่ชอบพร้อมเขียนคำสั้นๆ ใต้ภาพ ผ่านไปหนึ่งภาคเรียนเด็กที่ยังอ่านไม่ออกเหลือแค่สองคน",
        "How can picture books help first graders learn to read?",
    ),
    ThaiAnswer(
        "database-backups",
        "cop-devops",
        "สำรองฐานข้อมูล",
        "สำรองฐานข้อมูลทุกคืนแต่ไม่เคยทดสอบกู้คืน",
        "รบกวนสอบถามครับ ทีมเราตั้งให้สำรองฐานข้อมูลทุกคืน แต่ไม่เคยลองกู้คืนจริงเลย ควรจัดการเรื่องนี้อย่างไรดีครับ",
        "การสำรองข้อมูลที่ไม่เคยทดสอบกู้คืนก็เท่ากับไม่มีข้อมูลสำรองครับ ทีมเราตั้งงานสำรองฐานข้อมูลอัตโนมัติทุกคืนแล้วเก็บไฟล์ไว้นอกเครื่องหลักสองแห่ง "
        "ทุกวันจันทร์มีสคริปต์ดึงไฟล์สำรองล่าสุดมากู้คืนลงเครื่องทดสอบ แล้วนับจำนวนแถวของตารางสำคัญเทียบกับระบบจริง ถ้าไม่ตรงหรือกู้คืนไม่สำเร็จจะมีข้อความแจ้งเข้ากลุ่มของทีม "
        "เราจดเวลาที่ใช้กู้คืนไว้ทุกครั้งเพื่อรู้ว่าถ้าเกิดเหตุจริงจะกลับมาให้บริการได้เร็วแค่ไหน",
        "How often should we test restoring our database backups?",
    ),
)

FOCUSED: tuple[Focused, ...] = (
    Focused(
        "drip-irrigation",
        "water-management",
        "cop-agri",
        False,
        "drip",
        "Who knows about drip irrigation for dry-season vegetables?",
        (
            (
                "Drip lines clogging with silt from the farm pond",
                "Our drip lines clog within a month because the pond water carries a lot of silt. What filter should we use?",
            ),
            (
                "How long should drip irrigation run for chillies in the dry season?",
                "We grow chillies on sandy soil and have just installed drip lines. How many minutes a day should they run?",
            ),
            (
                "Is drip irrigation worth it for a one-rai vegetable plot?",
                "We water vegetables by hand from the pond. Would drip irrigation pay off on a plot this small?",
            ),
        ),
        (
            "Put a 120-mesh screen filter after the pump and a settling drum before it, and flush the end of every drip line once a week. Drip emitters clog from silt and from algae, so keep the pipes out of the sun and run a little chlorine through the lines once a month.",
            "For chillies on sandy soil we run drip irrigation twice a day, twenty to thirty minutes each time, with two-litre-per-hour emitters thirty centimetres apart. Dig beside a plant an hour after watering: the soil should be moist fifteen centimetres down. Cut back when the fruit starts to colour.",
            "On one rai drip irrigation paid for itself in two dry seasons: it uses about half the water of furrows, and weeds only grow where the drops fall. Start with a header pipe and cheap lay-flat drip tape; a small tank raised one metre gives enough pressure.",
        ),
    ),
    Focused(
        "tuna-model",
        "knowledge-management",
        "cop-km",
        True,
        "ปลาทู",
        "ใครเข้าใจการใช้โมเดลปลาทูในการจัดการความรู้บ้าง",
        (
            (
                "โมเดลปลาทูคืออะไร หัวปลา ตัวปลา หางปลาต่างกันอย่างไร",
                "เพิ่งได้รับมอบหมายให้ดูแลเรื่องการจัดการความรู้ของหน่วยงาน อยากเข้าใจโมเดลปลาทูให้ชัดกว่านี้ค่ะ",
            ),
            (
                "เริ่มใช้โมเดลปลาทูกับหน่วยงานเล็กๆ ควรเริ่มตรงไหน",
                "หน่วยงานเรามีกันแค่สิบคน อยากลองใช้โมเดลปลาทูแต่ไม่รู้จะเริ่มจากส่วนไหนก่อนครับ",
            ),
            (
                "หางปลาในโมเดลปลาทูควรเก็บความรู้แบบไหน",
                "ทุกครั้งที่จัดวงแลกเปลี่ยนเสร็จ เราไม่รู้ว่าควรบันทึกอะไรเก็บไว้เป็นหางปลาค่ะ",
            ),
        ),
        (
            "โมเดลปลาทูแบ่งการจัดการความรู้เป็นสามส่วนค่ะ หัวปลาคือเป้าหมายว่าเราจัดการความรู้ไปเพื่ออะไร ตัวปลาคือการแลกเปลี่ยนเรียนรู้ระหว่างคนทำงาน และหางปลาคือคลังที่เก็บสิ่งที่ได้จากการแลกเปลี่ยนไว้ใช้ต่อ ทั้งสามส่วนต้องไปด้วยกัน ถ้ามีแต่หางปลาก็จะได้คลังเอกสารที่ไม่มีใครเปิด",
            "ให้เริ่มจากหัวปลาก่อนค่ะ ชวนทีมตกลงเป้าหมายเดียวที่วัดได้ เช่นลดเวลารอคิวของผู้รับบริการ แล้วค่อยจัดวงแลกเปลี่ยนเป็นตัวปลาโดยเชิญคนที่ทำเรื่องนั้นได้ดีมาเล่า อย่าเพิ่งลงทุนทำระบบคลังความรู้จนกว่าจะรู้ว่าความรู้แบบไหนที่คนอยากใช้ซ้ำ",
            "หางปลาควรเก็บเป็นขุมความรู้สั้นๆ ที่หยิบไปใช้ได้ทันทีค่ะ เช่นเทคนิคเป็นข้อๆ พร้อมชื่อคนที่ทำได้จริงเพื่อให้ติดต่อถามต่อได้ บันทึกทั้งสิ่งที่สำเร็จและเงื่อนไขที่ทำให้สำเร็จ แล้วทบทวนหางปลาทุกไตรมาสว่าความรู้ไหนยังใช้ได้",
        ),
    ),
    Focused(
        "feature-flags",
        "software-engineering",
        "cop-devops",
        False,
        "feature flag",
        "Who has experience with feature flags for safe releases?",
        (
            (
                "How do we stop old feature flags from piling up?",
                "We have over ninety feature flags and nobody knows which ones are still needed. How do other teams clean them up?",
            ),
            (
                "Feature flags or long-lived branches for a half-finished feature?",
                "A feature will take two months. Should we keep it on a branch or merge it behind a feature flag?",
            ),
            (
                "Testing code paths behind feature flags",
                "How do you test code when every feature flag doubles the number of paths?",
            ),
        ),
        (
            "Give every feature flag an owner and an expiry date when it is created, and make the build warn when a flag is past its date. We review the flag list at the end of each sprint and delete the losing code path. Our count of live feature flags fell from ninety to fifteen.",
            "Merge to main behind a feature flag instead of keeping a long-lived branch. The unfinished code ships switched off, so merges stay small and nobody spends a week on conflicts. Turn the flag on for internal users first, then for a few percent of customers.",
            "Run the test suite with each live feature flag both on and off, but not every combination. Keep flag checks at the edges of the code, one check per request, so a feature flag does not spread through twenty files.",
        ),
    ),
    Focused(
        "early-warning-scores",
        "patient-safety",
        "cop-health",
        False,
        "early warning score",
        "Who knows how to use early warning scores on the ward?",
        (
            (
                "When should an early warning score trigger a call to the doctor?",
                "Our ward is introducing early warning scores. What totals should make a nurse call for help?",
            ),
            (
                "Nurses fill in early warning scores but nobody acts on them",
                "The charts are complete, yet deteriorating patients are still found late. What are we missing?",
            ),
            (
                "Early warning scores for patients with chronic lung disease",
                "Our patients with chronic lung disease trigger alerts all day because of their low oxygen levels. How do other wards handle this?",
            ),
        ),
        (
            "We use the national early warning score: a total of five, or three in any single parameter, means the nurse calls the doctor within thirty minutes, and seven or more means an emergency call. Print the thresholds on the chart itself so nobody has to remember them.",
            "An early warning score only helps if someone must act on it. We made escalation part of the chart: the nurse writes who was called and when, and the charge nurse audits ten charts a week. Missed escalations fell by half in three months.",
            "For patients with chronic lung disease the oxygen target is lower, eighty-eight to ninety-two percent, so score them on the second oxygen scale of the early warning score and record that the doctor agreed to it. Otherwise they trigger calls all day.",
        ),
    ),
)

VOLUME: tuple[Volume, ...] = (
    Volume(
        "solar-dried-bananas",
        "cop-agri",
        False,
        "solar dryer",
        "How do you dry bananas in a solar dryer?",
        "Drying bananas in a solar dryer: notes from batch {n}",
        (
            "A solar dryer made of a black-painted box under a clear polycarbonate roof dries sliced bananas in three sunny days.",
            "Slice ripe bananas lengthwise, dip them in lime water for ten minutes, and lay them on mesh trays without overlapping.",
            "Leave vents at the bottom and the top so moist air escapes and the fruit does not ferment.",
            "Turn the slices once a day and bring the trays in when rain is coming.",
            "Dried bananas kept in sealed jars stay good for months.",
        ),
    ),
    Volume(
        "coconut-charcoal",
        "cop-agri-north",
        True,
        "กะลามะพร้าว",
        "ทำถ่านอัดแท่งจากกะลามะพร้าวอย่างไร",
        "การทำถ่านอัดแท่งจากกะลามะพร้าว บันทึกครั้งที่ {n}",
        (
            "เผากะลามะพร้าวในถังสองร้อยลิตรแบบปิดให้อากาศเข้าน้อยจนได้ถ่านสีดำสนิท",
            "บดถ่านให้ละเอียดแล้วผสมแป้งมันสำปะหลังต้มสุกเป็นตัวประสานประมาณห้าส่วนในร้อยส่วน",
            "อัดส่วนผสมด้วยเครื่องอัดแบบมือหมุนให้เป็นแท่งยาวเท่ากัน",
            "ตากแท่งถ่านกลางแดดสามถึงสี่วันจนแห้งสนิทก่อนบรรจุถุง",
            "ถ่านอัดแท่งจากกะลามะพร้าวให้ความร้อนนานและมีควันน้อยกว่าถ่านไม้ทั่วไป",
        ),
    ),
    Volume(
        "peer-tutoring",
        "cop-teachers",
        False,
        "tutoring",
        "How should I organise peer tutoring in my class?",
        "Peer tutoring in a mixed-ability class, week {n}",
        (
            "In peer tutoring a stronger student coaches a classmate for twenty minutes, three times a week.",
            "Train the tutors first: show them how to give hints instead of answers and how to praise effort.",
            "Pair students whose levels differ a little, not a lot, so both stay engaged.",
            "Give each pair a short card with the task, the steps and one check question for the end.",
            "Swap the roles now and then so the tutored student also teaches something they are good at.",
        ),
    ),
    Volume(
        "chaos-game-days",
        "cop-devops",
        False,
        "game day",
        "How do we run a chaos engineering game day?",
        "Chaos engineering game day {n}: what we broke and what we learned",
        (
            "A chaos engineering game day is a planned session in which the team breaks part of a staging system on purpose and watches what happens.",
            "Write down beforehand what you expect the system and the alerts to do, then inject one failure at a time, such as killing a database replica.",
            "Keep a clear stop button and one person whose only job is to call the experiment off.",
            "Compare what happened with what you expected and turn every surprise into a ticket.",
            "Hold a game day every quarter so the on-call team practises recovery before a real outage.",
        ),
    ),
)

NEWCOMER: tuple[Newcomer, ...] = (
    Newcomer(
        "smelly-no-turn-pile",
        "cop-agri",
        False,
        "How do I stop a no-turn compost pile from smelling?",
        "How I stopped our no-turn compost pile from smelling",
        "Our no-turn compost pile smelled of rotten eggs every time it rained. "
        "The cause was too much wet canteen food waste packed down without air. "
        "I rebuilt the pile with a thick layer of dry rice straw between every layer of food waste, pushed bamboo poles through it for air, and covered the top against rain. "
        "Within a week the smell was gone and the pile was warm again. "
        "If a no-turn compost pile smells, add dry straw and air before anything else.",
    ),
    Newcomer(
        "bedside-sbar",
        "cop-health",
        True,
        "ส่งเวรข้างเตียงแบบเอสบาร์อย่างไรไม่ให้ข้อมูลตกหล่น",
        "ส่งเวรข้างเตียงแบบเอสบาร์อย่างไรไม่ให้ข้อมูลตกหล่น",
        "หอผู้ป่วยของเราเคยมีข้อมูลตกหล่นตอนส่งเวรเกือบทุกสัปดาห์ จึงเปลี่ยนมาส่งเวรข้างเตียงแบบเอสบาร์ "
        "พยาบาลสองเวรยืนที่เตียงผู้ป่วยพร้อมกัน เล่าสถานการณ์ ภูมิหลัง การประเมิน และข้อเสนอแนะตามลำดับ แล้วให้ผู้ป่วยหรือญาติช่วยเติมข้อมูลที่ขาด "
        "เราใช้แบบฟอร์มเอสบาร์หนึ่งหน้าวางไว้ข้างเตียง และให้พยาบาลที่รับเวรทวนข้อมูลสำคัญกลับทุกครั้ง "
        "หลังทำมาสามเดือนไม่พบข้อมูลตกหล่นตอนส่งเวรอีกเลย",
    ),
    Newcomer(
        "pull-request-turnaround",
        "cop-devops",
        False,
        "How do we get pull requests reviewed within a day?",
        "Getting pull requests reviewed within a day",
        "Pull requests in our team waited three or four days for review, so features piled up half-finished. "
        "We agreed on small pull requests under three hundred lines, a review slot every morning after stand-up, and a bot that posts any pull request older than one working day to the team channel. "
        "Reviewers phrase comments as questions rather than orders, and the author merges once one reviewer approves. "
        "Our median wait for review dropped from three days to five hours.",
    ),
    Newcomer(
        "short-aar",
        "cop-km",
        False,
        "How do I run a short after action review that people attend?",
        "Running a twenty-minute after action review that people actually attend",
        "Our after action reviews used to take an hour and the team dreaded them. "
        "Now I run a twenty-minute after action review straight after each field visit, standing up, with the four questions on a whiteboard: what did we expect, what actually happened, why was there a difference, and what will we do differently next time. "
        "The team leader speaks last, and every action gets one owner and a date. "
        "People now ask for the review instead of avoiding it.",
    ),
)

NOBODY: tuple[tuple[str, str], ...] = (
    ("gibberish-latin", "zzxqv"),
    ("gibberish-thai", "ฟหกดฟหกด่าสว"),
    ("off-topic-en", "quantum chromodynamics"),
    ("off-topic-th", "ทฤษฎีสนามควอนตัมของอนุภาคควาร์ก"),
)
"""Queries nobody in an agriculture, nursing, teaching, KM and DevOps community can answer."""
