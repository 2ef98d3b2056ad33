"""Other forms of unwritten words: a long shared beginning and a close meaning, both needed,
and only for words the community never wrote."""

from __future__ import annotations

import numpy as np

from queries.term_bridge import Vocabulary
from queries.word_forms import FormMatch, WordForms


def _unit(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    return array / np.linalg.norm(array)


class _Bridge:
    """The two things WordForms asks of a TermBridge: the written words, and vectors of
    words nobody wrote."""

    def __init__(self, written: dict[str, list[float]], unwritten: dict[str, list[float]]):
        self._latin = Vocabulary(3)
        self._latin.extend(list(written), np.vstack([_unit(v) for v in written.values()]))
        self._unwritten = {word: _unit(vector) for word, vector in unwritten.items()}
        self.embedded_asked: list[str] = []

    def vocabulary(self, script: str) -> Vocabulary | None:
        return self._latin if script == "latin" else None

    def embedded(self, words: list[str]) -> dict[str, np.ndarray]:
        self.embedded_asked.extend(words)
        return {word: self._unwritten[word] for word in words if word in self._unwritten}


SUGAR = [1.0, 0.1, 0.0]
GAME = [0.0, 1.0, 0.1]


def _forms(bridge: _Bridge, text: str) -> list[str]:
    return WordForms(bridge).expand(text)  # type: ignore[arg-type]  # a stand-in bridge


def test_an_unwritten_word_finds_the_form_the_community_wrote() -> None:
    bridge = _Bridge(
        written={"hypoglycaemia": SUGAR, "gamification": GAME, "patients": [0, 0, 1]},
        unwritten={"hypoglycaemic": [0.98, 0.15, 0.0], "gamified": [0.05, 1.0, 0.1]},
    )
    forms = _forms(bridge, "Who treats patients who are hypoglycaemic, in gamified wards?")
    assert set(forms) == {"hypoglycaemia", "gamif"}  # as indexed: Snowball stems
    assert "patients" not in bridge.embedded_asked, "a written word is searched as typed"


def test_a_look_alike_of_another_meaning_is_no_form() -> None:
    bridge = _Bridge(written={"police": GAME}, unwritten={"policy": SUGAR})
    assert _forms(bridge, "policy") == [], "polic is 5 of 6 letters, but the meanings differ"


def test_a_close_meaning_without_the_shared_beginning_is_no_form() -> None:
    bridge = _Bridge(written={"hydrogen": SUGAR}, unwritten={"hydroponic": SUGAR})
    assert _forms(bridge, "hydroponic") == [], "hydro is 5 of 8 letters: under 0.75"


def test_short_words_are_not_looked_up() -> None:
    bridge = _Bridge(written={"teams": SUGAR}, unwritten={"team": SUGAR})
    assert _forms(bridge, "team") == []
    assert FormMatch().shortest == 5


def test_at_most_per_word_forms_closest_first() -> None:
    written = {f"gamif{suffix}": [0.1 * n, 1.0, 0.0] for n, suffix in enumerate("abcde")}
    bridge = _Bridge(written=written, unwritten={"gamify": GAME})
    forms = WordForms(bridge, FormMatch(per_word=2)).expand("gamify")  # type: ignore[arg-type]
    assert forms == ["gamifa", "gamifb"]


def test_vocabulary_lists_words_by_their_beginning() -> None:
    vocabulary = Vocabulary(3)
    vocabulary.extend(["graft", "grape", "grafting"], np.vstack([_unit(SUGAR)] * 3))
    vocabulary.extend(["grafted"], _unit(GAME)[None, :])
    assert vocabulary.starting_with("graft") == ["graft", "grafted", "grafting"]
    assert vocabulary.starting_with("zz") == []
