"""Namesakes of dictionary people (our own sentences).

"Jimmy Lai" is not Taiwan's president and "Listyo Sigit Prabowo" is not Indonesia's,
nor is the bare surname after them; the dictionary person named in full, by an alias
or with a title still is."""

from __future__ import annotations

from datetime import date

import pytest

from equipoise.actors.mentions import Mention
from equipoise.config import load_settings
from equipoise.pipeline import Resources

DAY = date(2025, 6, 2)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load(load_settings(environ={}))


def _people(text: str, resources: Resources) -> list[tuple[str, str | None, str | None]]:
    """(text, dictionary name or None, sector) of each mention whose text names a person."""
    doc = resources.nlp(text)
    mentions: list[Mention] = resources.coder.mentions(doc, DAY)
    return [(doc[m.start: m.end].text, a.name, a.sector) for m in mentions for a in m.actors]


def _names(text: str, resources: Resources) -> set[str | None]:
    return {name for _, name, _ in _people(text, resources)}


@pytest.mark.parametrize("text", [
    "Hong Kong publisher Jimmy Lai was sentenced on Monday. Lai denied the charges.",
    "Jimmy Lai, 78, was sentenced on Monday. Lai has been held since 2020.",
    "The court jailed Jimmy Lai on Monday, and Lai's lawyers said he would appeal.",
])
def test_a_full_name_with_other_given_names_is_not_the_dictionary_person(
        text: str, resources: Resources) -> None:
    assert "Lai Ching-te" not in _names(text, resources)


def test_a_namesake_matched_by_surname_keeps_his_own_office(resources: Resources) -> None:
    text = ("Indonesian police chief General Listyo Sigit Prabowo spoke in Jakarta on Monday. "
            "Prabowo said the smugglers had fled.")
    found = _people(text, resources)
    assert "Prabowo Subianto" not in {name for _, name, _ in found}
    assert {sector for t, _, sector in found if "Prabowo" in t} == {"COP"}


@pytest.mark.parametrize(("text", "later", "name"), [
    ("Taiwan's President Lai Ching-te spoke on Monday. Lai urged Beijing to talk.",
     "Lai", "Lai Ching-te"),
    ("William Lai Ching-te spoke on Monday. Lai urged Beijing to talk.", "Lai",
     "Lai Ching-te"),
    ("Jimmy Lai was jailed on Monday. Separately, President Lai urged Beijing to talk.",
     "President Lai", "Lai Ching-te"),
    ("Jimmy Lai was jailed on Monday. Taiwan's President Lai Ching-te condemned it. "
     "Lai urged Beijing to free him.", "Lai", "Lai Ching-te"),
    ("Police chief Listyo Sigit Prabowo spoke on Monday. President Prabowo urged calm.",
     "President Prabowo", "Prabowo Subianto"),
    ("Prabowo Subianto met Anthony Albanese on Monday. Prabowo thanked Australia.",
     "Prabowo", "Prabowo Subianto"),
    ("Secretary of State Marco Rubio met Olivier Nduhungirehe. Rubio thanked Rwanda.",
     "Rubio", "Marco Rubio"),
    ("The Prime Minister of Albania, Mr. Edi Rama, spoke on Monday. Rama thanked Italy.",
     "Rama", "Edi Rama"),
])
def test_the_dictionary_person_in_full_by_alias_or_titled_stays(
        text: str, later: str, name: str, resources: Resources) -> None:
    assert {n for t, n, _ in _people(text, resources) if t == later} == {name}
