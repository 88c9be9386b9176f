"""The actor dictionary loader: shipped files, user files on top, schema errors."""

from datetime import date
from pathlib import Path

import pytest

from equipoise.actors.dictionary import ActorDictionary
from equipoise.errors import DataFileError

SHIPPED = ActorDictionary.load()


def test_shipped_files_load_with_people_in_office() -> None:
    assert {"KOR", "PRK", "TWN", "XKX", "PSE"} <= set(SHIPPED.countries)
    assert SHIPPED.organisations["E3"].expand and SHIPPED.organisations["E3"].members
    [lee] = [p for p in SHIPPED.people_with_surname("Lee", date(2026, 1, 13))
             if p.title == "President"]
    assert lee.name == "Lee Jae-myung" and lee.country == "KOR"
    [yoon] = [p for p in SHIPPED.people_with_surname("Yoon", date(2024, 5, 27))
              if p.title == "President"]
    assert yoon.name == "Yoon Suk Yeol"
    assert SHIPPED.groups["Hamas"].country == "PSE"
    assert SHIPPED.rank_of("Vice Foreign Minister") == "vice"
    assert "vessel" in SHIPPED.agent_nouns


def test_user_files_extend_and_override(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "name,aliases,surname,country,org,title,sector,start,end\n"
        "Ana Example,A. Example,Example,KOR,,Unification Minister,GOV,2026-01-01,\n",
        encoding="utf-8")
    groups = tmp_path / "groups.csv"
    groups.write_text("name,aliases,country,sector\nHamas,,EGY,REB\n", encoding="utf-8")
    actors = ActorDictionary.load([people, groups])
    assert actors.people_named("A. Example")[0].country == "KOR"
    assert actors.groups["Hamas"].country == "EGY"  # a user row replaces the shipped one
    assert len(actors.people) == len(SHIPPED.people) + 1


@pytest.mark.parametrize(("header", "row", "message"), [
    ("name,aliases,surname,country,org,title,sector,start,end",
     "Bad Term,,Term,KOR,,President,GOV,2026-01-02,2026-01-01", "ends before it starts"),
    ("name,aliases,surname,country,org,title,sector,start,end",
     "Both,,Both,KOR,UN,President,GOV,,", "exactly one of country and org"),
    ("code,iso2,name,aliases,adjectives,demonyms,capitals,metonyms",
     "KO,KR,Korea,,,,,", "not ISO alpha-3"),
    ("term,sector,rank", "envoy,GOV,boss", "rank"),
    ("term,sector,rank", "envoy,DIP,official", "sector"),
    ("name,aliases,country,sector", "Polisario Front,,ESX,REB", "country"),
    ("who,what", "x,y", "unknown header"),
])
def test_schema_errors_name_file_and_line(tmp_path: Path, header: str, row: str,
                                          message: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        ActorDictionary.load([bad])
    assert "bad.csv" in str(err.value)


def test_two_terms_in_one_office_are_both_kept() -> None:
    """Han Duck-soo was acting president twice; the second row must not replace the first."""
    spells = sorted(p.start for p in SHIPPED.people_named("Han Duck-soo")
                    if p.title == "Acting President" and p.start is not None)
    assert spells == [date(2024, 12, 14), date(2025, 3, 24)]
    assert "Acting President" in {p.title for p in SHIPPED.people_with_surname(
        "Han", date(2024, 12, 20)) if p.country == "KOR"}


def test_georgia_is_a_name_the_country_shares_with_a_us_state() -> None:
    shared = ActorDictionary.load().shared_names["Georgia"]
    assert (shared.country, shared.other) == ("GEO", "USA") and "governor" in shared.clues
