"""Words out of Thai and English text, the same way for indexing and for queries.

Thai is written without spaces between words, so neither SQLite FTS5 nor Lucene can find
``ความรู้`` inside ``การจัดการความรู้`` on their own. Both stores therefore index
:func:`search_text`, the words joined by single spaces, and queries go through the same
segmenter, so a Thai query matches exactly where its words occur.

Thai runs are cut by newmm, dictionary-based maximal matching, run by nlpo3 (Rust, about
five times faster than PyThaiNLP's Python newmm and identical in output). newmm keeps
compounds such as ``แนวปฏิบัติ`` and ``ความรู้`` whole, which suits both search and
keyphrases. Everything else is cut at Unicode word boundaries by one regular expression.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from functools import cache
from importlib.resources import as_file, files

from graph_service.text.language import THAI_CHARS
from graph_service.text.normalize import normalize_text, prepare_pythainlp

_NLPO3_DICT = "copgraph-newmm-th"
_load_lock = threading.Lock()

# A Thai run, a non-Thai word (letters and digits, with inner apostrophes, dots, commas or
# hyphens as in "don't", "3.14", "e-mail"), or any other single visible character.
_WORD_CHAR = rf"[^\W_{THAI_CHARS}]"
_TOKEN = re.compile(
    rf"(?P<thai>[{THAI_CHARS}]+)|(?P<word>{_WORD_CHAR}+(?:['’.,\-]{_WORD_CHAR}+)*)"
    rf"|[^\s{THAI_CHARS}]"
)
_ALNUM = re.compile(r"[^\W_]")
_LATIN = re.compile(r"[a-z\u00df-\u024f]")
_THAI_WORD = re.compile(rf"[{THAI_CHARS}]")
"""A word that starts with a Latin letter: the words the English stemmer is given."""

# Words that PyThaiNLP lists as stopwords but that name what a Community of Practice is
# about: practice (ปฏิบัติ), practitioner (นัก, as in ชุมชนนักปฏิบัติ), group (กลุ่ม), manage
# as in knowledge management (จัดการ), collaborate (ร่วมมือ), change (เปลี่ยนแปลง), fix a
# problem (แก้ไข). ความรู้, ชุมชน, แนวปฏิบัติ and การเรียนรู้ are not in that list.
DOMAIN_WORDS = frozenset({"ปฏิบัติ", "นัก", "กลุ่ม", "จัดการ", "ร่วมมือ", "เปลี่ยนแปลง", "แก้ไข"})

ENGLISH_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    else etc few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just let me might more most must my
    myself no nor not of off on once only or other our ours ourselves out over own per
    same shall she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up upon us very via was we
    were what when where whether which while who whom whose why will with within without
    would yet you your yours yourself yourselves""".split()
)
"""Function words only: content verbs such as "knows" stay in stored text."""

QUERY_FILLER = frozenset(
    """know knows knew known anyone anybody someone somebody everyone expert experts
    expertise experienced familiar help advice tips
    รู้ รู้เรื่อง เรื่อง เชี่ยวชาญ ผู้เชี่ยวชาญ แนะนำ คำแนะนำ ช่วย สอบถาม ถาม""".split()
)
"""How people ask for an expert ("who knows about", "ใครรู้เรื่อง", "any tips on"), not what
about: a query's keyword side skips them, or every question of the community would match."""

PHRASE_WORDS = range(2, 6)
"""Topic lengths (in words, without the words of asking) looked up as a phrase too: a name
or a term of art; a longer query is a question, whose exact wording nothing repeats."""

_ASKING = frozenset("who whom whose does do anyone ใคร มีใคร ไหม บ้าง about".split())
"""Words of a question that only ask: dropped with the filler before a query is embedded."""


@cache
def _thai_segmenter() -> Callable[[str], list[str]]:
    """Load the newmm dictionary once per process and return the function that uses it."""
    prepare_pythainlp()
    try:
        import nlpo3
    except ImportError:
        return _pythainlp_newmm()
    # Threads of a fresh server can all miss the cache at once; nlpo3 refuses a second load
    # of the same name, so they load it one at a time, and only the first one does.
    with _load_lock:
        _load_newmm_dictionary()

    def segment(run: str) -> list[str]:
        tokens: list[str] = nlpo3.segment(run, _NLPO3_DICT)
        return tokens

    return segment


@cache
def _load_newmm_dictionary() -> None:
    """Give nlpo3 PyThaiNLP's word list under `_NLPO3_DICT` (once: see the caller)."""
    import nlpo3

    with as_file(files("pythainlp.corpus") / "words_th.txt") as words:
        message, loaded = nlpo3.load_dict(str(words), _NLPO3_DICT)
    if not loaded:
        raise RuntimeError(f"nlpo3 could not load PyThaiNLP's word list: {message}")


def _pythainlp_newmm() -> Callable[[str], list[str]]:
    """The same algorithm in Python, for platforms without an nlpo3 wheel."""
    try:
        from pythainlp.tokenize import word_tokenize
    except ImportError as e:
        raise ImportError("Thai text needs PyThaiNLP: pip install 'pythainlp>=5.1,<6'") from e

    def segment(run: str) -> list[str]:
        tokens: list[str] = word_tokenize(run, engine="newmm", keep_whitespace=True)
        return tokens

    return segment


def _tokens(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, token) for every visible token; the tokens cover all non-space text."""
    for match in _TOKEN.finditer(text):
        start, token = match.start(), match.group()
        if match.lastgroup != "thai":
            yield start, token
            continue
        for word in _thai_segmenter()(token):
            yield start, word
            start += len(word)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of every token, punctuation and emoji included.

    The spans cover every non-whitespace character of ``text`` exactly once, which is what
    the chunker needs to cut an over-long sentence between words without losing text.

    Args:
        text: Any text.

    Returns:
        Spans in text order; ``text[start:end]`` is the token.
    """
    return [(start, start + len(token)) for start, token in _tokens(text)]


def segment_words(text: str) -> list[str]:
    """Split text into words: Thai by dictionary, the rest at word boundaries.

    Non-Thai words are lowercased so "KM" and "km" index alike; Thai has no case. Tokens
    without a letter or digit (punctuation, emoji, stray marks) are dropped. This is the
    indexing hot path, so it walks the matches itself instead of going through spans.

    Args:
        text: Text to segment, ideally already passed through ``normalize_text``.

    Returns:
        The words in text order, duplicates kept.
    """
    words: list[str] = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "word":
            words.append(match.group().lower())
        elif match.lastgroup == "thai":
            words.extend(w for w in _thai_segmenter()(match.group()) if _ALNUM.search(w))
    return words


@cache
def _english_stemmer() -> Callable[[list[str]], list[str]]:
    """Snowball's English stemmer (PyStemmer, C), loaded once per process."""
    try:
        import Stemmer
    except ImportError as e:
        raise ImportError("English stemming needs PyStemmer: pip install PyStemmer") from e
    stem: Callable[[list[str]], list[str]] = Stemmer.Stemmer("english").stemWords
    return stem


def index_words(words: list[str]) -> list[str]:
    """``words`` as the full-text indexes hold them: Latin-script words reduced to their
    Snowball English stem, so "vermicompost" finds "vermicomposting" and "grafted" finds
    "grafting"; Thai words (which do not inflect) and numbers stay as they are.

    Args:
        words: Output of :func:`segment_words`.

    Returns:
        The same number of words, in order.
    """
    latin = [i for i, word in enumerate(words) if _LATIN.match(word)]
    if not latin:
        return words
    stems = _english_stemmer()([words[i] for i in latin])
    stemmed = list(words)
    for i, stem in zip(latin, stems, strict=True):
        stemmed[i] = stem
    return stemmed


def search_text(text: str) -> str:
    """Return the indexed words of ``text`` joined by single spaces, the form full-text
    indexes store (segmented, lowercased, English words stemmed).

    Args:
        text: Stored (normalised) text, such as a chunk or a title.

    Returns:
        Space-separated words; empty when the text has none.
    """
    return " ".join(index_words(segment_words(text)))


@cache
def stopwords() -> frozenset[str]:
    """Thai and English function words, minus the CoP vocabulary in :data:`DOMAIN_WORDS`."""
    prepare_pythainlp()
    from pythainlp.corpus import thai_stopwords

    thai: frozenset[str] = thai_stopwords()
    return (thai - DOMAIN_WORDS) | ENGLISH_STOPWORDS


def topic_text(text: str) -> str:
    """A query without the words of asking for an expert (:data:`QUERY_FILLER`, "who",
    "ใคร"): what the query is about, for the embedding model. "who knows about zzxqv" then
    embeds as "zzxqv", and no longer looks like every question of the community. A query
    made only of such words is returned as it is.

    Args:
        text: A user's query in Thai, English or both.

    Returns:
        The remaining words, Thai ones joined as Thai is written, others by spaces.
    """
    words = segment_words(normalize_text(text))
    kept = [word for word in words if word not in QUERY_FILLER and word not in _ASKING]
    if not kept or len(kept) == len(words):
        return text
    joined = ""
    for word in kept:
        thai = bool(_THAI_WORD.match(word))
        if joined and not (thai and _THAI_WORD.match(joined[-1])):
            joined += " "
        joined += word
    return joined


def query_terms(text: str) -> list[str]:
    """Turn a keyword query into the distinct content words to look up.

    The query is normalised, segmented and stemmed exactly as stored text is, so each term
    is a token of some :func:`search_text`. Function words and the words of asking for an
    expert (:data:`QUERY_FILLER`) are dropped in both languages; if nothing else is left,
    the words are kept so that a query made only of them still searches for something.
    A short query also looks up its topic as one phrase, function words included: "after
    action review" is a name, and as the words `action` and `review` alone it matched a
    postmortem's "action items" and a code-review thread above the how-to on it.

    Args:
        text: A user's query in Thai, English or both.

    Returns:
        Distinct words in query order, then the phrase (words separated by spaces), if any.
    """
    sequence = segment_words(normalize_text(text))
    words = list(dict.fromkeys(sequence))
    skipped = stopwords() | QUERY_FILLER
    content = [word for word in words if word not in skipped]
    terms = list(dict.fromkeys(index_words(content or words)))
    phrase = _topic_run(sequence)
    if len(phrase) in PHRASE_WORDS:
        terms.append(" ".join(index_words(phrase)))
    return terms


def _topic_run(sequence: list[str]) -> list[str]:
    """The words of `sequence` between its leading and trailing words of asking, if none
    stands among them (else none: the words would not stand side by side in any text)."""
    asking = QUERY_FILLER | _ASKING
    start, end = 0, len(sequence)
    while start < end and sequence[start] in asking:
        start += 1
    while end > start and sequence[end - 1] in asking:
        end -= 1
    run = sequence[start:end]
    return [] if any(word in asking for word in run) else run
