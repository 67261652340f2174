"""The hostile-question bank (chapter hard-questions): at least 15 attacks in each language, the
same number in both, and each with a sound bite of 25 words or fewer, one fact, a question to
put back and a full answer. Each rule has a test that breaks it."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT

PARTS = {"en": ("Sound bite", "Fact", "Ask back", "Full answer"),
         "ru": ("Короткий ответ", "Факт", "Встречный вопрос", "Полный ответ")}
SECTION = {"en": "## Seventeen attacks", "ru": "## Семнадцать нападок"}
MAX_WORDS = 25


def attack_problems(text: str, lang: str) -> tuple[int, list[str]]:
    """(number of attacks, problems) for the attacks section of a chapter."""
    start = text.index(SECTION[lang])
    end = text.index("\n## ", start + 1)
    attacks = re.split(r"\n### ", text[start:end])[1:]
    problems = []
    for attack in attacks:
        title = attack.splitlines()[0]
        parts = dict(re.findall(r"^- \*\*(.+?)\.\*\* (.+)$", attack, re.M))
        for part in PARTS[lang]:
            if not parts.get(part, "").strip():
                problems.append(f"{title}: no '{part}'")
        bite = parts.get(PARTS[lang][0], "")
        words = re.findall(r"\w+(?:[-'’]\w+)*", bite)
        if len(words) > MAX_WORDS:
            problems.append(f"{title}: sound bite of {len(words)} words")
    return len(attacks), problems


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_attack_has_its_four_parts_and_a_short_sound_bite(lang):
    text = (ROOT / "notebooks" / lang / "hard-questions.md").read_text(encoding="utf-8")
    count, problems = attack_problems(text, lang)
    assert count >= 15 and problems == []


def test_both_languages_have_the_same_attacks():
    counts = [attack_problems((ROOT / "notebooks" / lang / "hard-questions.md").read_text(encoding="utf-8"),
                              lang)[0] for lang in ("en", "ru")]
    assert counts[0] == counts[1]


GOOD = """## Seventeen attacks

### 1. "Claim"

- **Sound bite.** "Short answer here."
- **Fact.** A fact (Source, 2020).
- **Ask back.** "A question?"
- **Full answer.** The long answer.

## Next
"""


def test_a_good_attack_passes():
    assert attack_problems(GOOD, "en") == (1, [])


@pytest.mark.parametrize("change, message", [
    (('"Short answer here."', '"' + "word " * 26 + '"'), "sound bite of 26 words"),
    (("- **Ask back.** \"A question?\"\n", ""), "no 'Ask back'"),
    (("**Fact.**", "**Facts.**"), "no 'Fact'"),
])
def test_a_broken_attack_is_reported(change, message):
    _, problems = attack_problems(GOOD.replace(*change), "en")
    assert any(message in p for p in problems), problems
