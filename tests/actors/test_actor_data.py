"""Schema and fact checks for the shipped actor reference tables (data/actors/*.csv)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from importlib.resources import files
from itertools import pairwise

import pytest

Row = dict[str, str]

HEADERS = {
    "countries.csv": "code,iso2,name,aliases,adjectives,demonyms,capitals,metonyms",
    "organisations.csv": "code,name,aliases,members,expand,sector",
    "people.csv": "name,aliases,surname,country,org,title,sector,start,end",
    "roles.csv": "term,sector,rank",
}
COUNTRY_FORM_COLUMNS = ("name", "aliases", "adjectives", "demonyms", "capitals", "metonyms")
SECTORS = set(
    ["GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "CRM", "BUS", "MED", "NGO",
     "EDU", "REL", "HLH", "LAB", "CVL", "REF", "IGO", "UNK"]
)
RANKS = {"leader", "minister", "vice", "official", "other"}
# office holders since 2020, and the heads of state and government (with a few foreign
# ministers and heads of organisations) of the decades before, whom real news of those
# years names (issue 10, fifth round)
WINDOW_START = dt.date(1990, 1, 1)
WINDOW_END = dt.date(2026, 11, 29)


def _path(filename: str) -> str:
    return str(files("equipoise.data") / "actors" / filename)


def _header(filename: str) -> list[str]:
    with open(_path(filename), encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def _rows(filename: str) -> list[Row]:
    with open(_path(filename), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _values(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture(scope="module")
def countries() -> list[Row]:
    return _rows("countries.csv")


@pytest.fixture(scope="module")
def country_codes(countries: list[Row]) -> set[str]:
    return {row["code"] for row in countries}


@pytest.fixture(scope="module")
def organisations() -> list[Row]:
    return _rows("organisations.csv")


@pytest.fixture(scope="module")
def people() -> list[Row]:
    return _rows("people.csv")


@pytest.fixture(scope="module")
def roles() -> list[Row]:
    return _rows("roles.csv")


def _country(countries: list[Row], code: str) -> Row:
    return next(row for row in countries if row["code"] == code)


def _org(organisations: list[Row], code: str) -> Row:
    return next(row for row in organisations if row["code"] == code)


def _person(people: list[Row], name: str, title: str) -> list[Row]:
    return [row for row in people if row["name"] == name and row["title"] == title]


# --- shape of every file -------------------------------------------------------------


@pytest.mark.parametrize("filename", sorted(HEADERS))
def test_header_is_exact(filename: str) -> None:
    assert ",".join(_header(filename)) == HEADERS[filename]


@pytest.mark.parametrize("filename", sorted(HEADERS))
def test_every_row_has_the_header_width(filename: str) -> None:
    with open(_path(filename), encoding="utf-8", newline="") as handle:
        widths = {len(record) for record in csv.reader(handle)}
    assert widths == {len(HEADERS[filename].split(","))}


@pytest.mark.parametrize("filename", sorted(HEADERS))
def test_no_stray_whitespace_or_empty_list_items(filename: str) -> None:
    bad = [
        (line, value)
        for line, row in enumerate(_rows(filename), start=2)
        for cell in row.values()
        for value in ([cell, *cell.split("|")] if cell else [])
        if value != value.strip() or not value
    ]
    assert bad == []


# --- countries -----------------------------------------------------------------------


def test_all_un_members_observers_taiwan_and_kosovo_are_present(country_codes: set[str]) -> None:
    assert len(country_codes) >= 197
    assert {"PSE", "VAT", "TWN", "XKX", "KOR", "PRK", "SSD", "TLS"} <= country_codes


def test_country_codes_are_unique_and_well_formed(countries: list[Row]) -> None:
    codes = [row["code"] for row in countries]
    iso2 = [row["iso2"] for row in countries]
    assert len(set(codes)) == len(codes)
    assert len(set(iso2)) == len(iso2)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in iso2)


def test_every_country_has_a_name_and_capital(countries: list[Row]) -> None:
    assert [row["code"] for row in countries if not row["name"] or not row["capitals"]] == []


def test_no_surface_form_points_to_two_countries(countries: list[Row]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in countries:
        for column in COUNTRY_FORM_COLUMNS:
            for form in _values(row[column]):
                owners[form].add(row["code"])
    assert {form: codes for form, codes in owners.items() if len(codes) > 1} == {}


def test_bare_korean_is_left_to_the_resolver(countries: list[Row]) -> None:
    for code in ("KOR", "PRK"):
        row = _country(countries, code)
        forms = {form for column in COUNTRY_FORM_COLUMNS for form in _values(row[column])}
        assert "Korean" not in forms and "Koreans" not in forms


def test_aliases_do_not_start_with_the(countries: list[Row]) -> None:
    aliases = [a for row in countries for a in _values(row["aliases"])]
    assert [a for a in aliases if a.lower().startswith("the ")] == []


@pytest.mark.parametrize(
    ("code", "column", "value"),
    [
        ("KOR", "capitals", "Seoul"),
        ("KOR", "name", "South Korea"),
        ("KOR", "aliases", "ROK"),
        ("KOR", "adjectives", "South Korean"),
        ("KOR", "metonyms", "the Blue House"),
        ("PRK", "aliases", "DPRK"),
        ("RUS", "metonyms", "the Kremlin"),
        ("USA", "metonyms", "the White House"),
        ("USA", "adjectives", "American"),
        ("USA", "aliases", "U.S."),
        ("GBR", "aliases", "Britain"),
        ("GBR", "metonyms", "Downing Street"),
        ("CHN", "metonyms", "Zhongnanhai"),
        ("JPN", "metonyms", "Kasumigaseki"),
        ("PHL", "adjectives", "Filipino"),
        ("PHL", "demonyms", "Filipinos"),
        ("TUR", "aliases", "Türkiye"),
        ("NLD", "capitals", "The Hague"),
        ("ISR", "capitals", "Jerusalem"),
        ("PSE", "capitals", "Ramallah"),
        ("PSE", "name", "Palestine"),
    ],
)
def test_country_spot_checks(countries: list[Row], code: str, column: str, value: str) -> None:
    assert value in _values(_country(countries, code)[column])


# --- organisations -------------------------------------------------------------------


def test_organisation_codes_are_unique_and_named(organisations: list[Row]) -> None:
    codes = [row["code"] for row in organisations]
    assert len(set(codes)) == len(codes)
    assert all(row["name"] for row in organisations)


def test_organisations_cover_the_guideline_acronyms(organisations: list[Row]) -> None:
    required = set(
        [
            "EU",
            "UN",
            "ASEAN",
            "NATO",
            "IAEA",
            "APEC",
            "G7",
            "G20",
            "WTO",
            "AU",
            "SCO",
            "BRICS",
            "OPEC",
            "WHO",
            "ICC",
            "ICJ",
            "E3",
            "QUAD",
            "AUKUS",
            "GCC",
            "LAS",
        ]
    )
    assert required <= {row["code"] for row in organisations}


def test_organisation_members_are_known_countries(
    organisations: list[Row], country_codes: set[str]
) -> None:
    unknown = {m for row in organisations for m in _values(row["members"])} - country_codes
    assert unknown == set()


def test_expand_flag_is_binary_and_needs_members(organisations: list[Row]) -> None:
    assert {row["expand"] for row in organisations} <= {"0", "1"}
    assert [r["code"] for r in organisations if r["expand"] == "1" and not r["members"]] == []


def test_organisation_sectors(organisations: list[Row]) -> None:
    assert {row["sector"] for row in organisations} <= {"IGO", "NGO"}
    assert _org(organisations, "ICRC")["sector"] == "NGO"


@pytest.mark.parametrize(
    ("code", "members", "expand"),
    [
        ("E3", {"GBR", "FRA", "DEU"}, "1"),
        ("QUAD", {"USA", "JPN", "IND", "AUS"}, "1"),
        ("AUKUS", {"AUS", "GBR", "USA"}, "1"),
        ("G7", {"USA", "JPN", "DEU", "GBR", "FRA", "ITA", "CAN"}, "0"),
        ("GCC", {"BHR", "KWT", "OMN", "QAT", "SAU", "ARE"}, "0"),
    ],
)
def test_grouping_membership(
    organisations: list[Row], code: str, members: set[str], expand: str
) -> None:
    row = _org(organisations, code)
    assert set(_values(row["members"])) == members
    assert row["expand"] == expand


def test_bloc_sizes(organisations: list[Row]) -> None:
    assert len(_values(_org(organisations, "EU")["members"])) == 27
    assert len(_values(_org(organisations, "NATO")["members"])) == 32
    assert _org(organisations, "EU")["expand"] == "0"
    assert _org(organisations, "NATO")["expand"] == "0"


# --- people --------------------------------------------------------------------------


def test_people_have_names_surnames_and_titles(people: list[Row]) -> None:
    assert [r for r in people if not (r["name"] and r["surname"] and r["title"])] == []


def test_surname_occurs_in_the_name(people: list[Row]) -> None:
    assert [r["name"] for r in people if r["surname"] not in r["name"]] == []


def test_each_person_has_exactly_one_of_country_or_org(people: list[Row]) -> None:
    assert [r["name"] for r in people if bool(r["country"]) == bool(r["org"])] == []


def test_people_reference_known_countries_and_orgs(
    people: list[Row], country_codes: set[str], organisations: list[Row]
) -> None:
    org_codes = {row["code"] for row in organisations}
    assert {r["country"] for r in people if r["country"]} - country_codes == set()
    assert {r["org"] for r in people if r["org"]} - org_codes == set()


def test_people_sectors(people: list[Row]) -> None:
    assert {row["sector"] for row in people} <= SECTORS
    assert {r["sector"] for r in people if r["org"]} == {"IGO"}


def test_terms_are_ordered_and_touch_the_window(people: list[Row]) -> None:
    for row in people:
        start = _date(row["start"])
        end = _date(row["end"]) if row["end"] else WINDOW_END
        assert start <= end, row
        assert start <= WINDOW_END and end >= WINDOW_START, row


def test_no_duplicate_rows(people: list[Row]) -> None:
    keys = [(r["name"], r["country"], r["org"], r["title"], r["start"]) for r in people]
    assert len(set(keys)) == len(keys)


# offices several people hold at once by design (a ministry has several spokespeople), or
# that rival governments claimed at once (Libya 2022-2023)
SHARED_OFFICES = {("CHN", "Foreign Ministry Spokesperson"), ("LBY", "Prime Minister")}


def test_one_holder_per_office_at_a_time(people: list[Row]) -> None:
    offices: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for row in people:
        if (row["country"] or row["org"], row["title"]) in SHARED_OFFICES:
            continue
        end = _date(row["end"]) if row["end"] else WINDOW_END
        offices[(row["country"] or row["org"], row["title"])].append(
            (_date(row["start"]), end, row["name"])
        )
    clashes = [
        (office, a[2], b[2])
        for office, terms in offices.items()
        for a, b in pairwise(sorted(terms))
        if b[0] < a[1]
    ]
    assert clashes == []


@pytest.mark.parametrize(
    ("name", "title", "country", "start", "end"),
    [
        ("Lee Jae-myung", "President", "KOR", "2025-06-04", ""),
        ("Yoon Suk Yeol", "President", "KOR", "2022-05-10", "2025-04-04"),
        ("Moon Jae-in", "President", "KOR", "2017-05-10", "2022-05-09"),
        ("Sanae Takaichi", "Prime Minister", "JPN", "2025-10-21", ""),
        ("Shigeru Ishiba", "Prime Minister", "JPN", "2024-10-01", "2025-10-21"),
        ("Fumio Kishida", "Prime Minister", "JPN", "2021-10-04", "2024-10-01"),
        ("Joe Biden", "President", "USA", "2021-01-20", "2025-01-20"),
        ("Marco Rubio", "Secretary of State", "USA", "2025-01-21", ""),
        ("Choi Sang-mok", "Acting President", "KOR", "2024-12-27", "2025-03-24"),
    ],
)
def test_people_spot_checks(
    people: list[Row], name: str, title: str, country: str, start: str, end: str
) -> None:
    rows = _person(people, name, title)
    assert [(r["country"], r["start"], r["end"]) for r in rows] == [(country, start, end)]


def test_trump_has_two_presidential_terms(people: list[Row]) -> None:
    terms = sorted((r["start"], r["end"]) for r in _person(people, "Donald Trump", "President"))
    assert terms == [("2017-01-20", "2021-01-20"), ("2025-01-20", "")]


def test_han_duck_soo_acting_spells(people: list[Row]) -> None:
    rows = _person(people, "Han Duck-soo", "Acting President")
    spells = sorted((r["start"], r["end"]) for r in rows)
    assert spells == [("2024-12-14", "2024-12-27"), ("2025-03-24", "2025-05-01")]


def test_igo_heads(people: list[Row]) -> None:
    current = {(r["org"], r["name"]) for r in people if r["org"] and not r["end"]}
    expected = {("UN", "Antonio Guterres"), ("NATO", "Mark Rutte"), ("IAEA", "Rafael Grossi")}
    assert expected <= current


def test_aliases_carry_alternative_spellings(people: list[Row]) -> None:
    zelensky = _person(people, "Volodymyr Zelensky", "President")[0]
    assert "Volodymyr Zelenskyy" in _values(zelensky["aliases"])
    lee = _person(people, "Lee Jae-myung", "President")[0]
    assert "Lee Jae Myung" in _values(lee["aliases"]) and lee["surname"] == "Lee"


# --- roles ---------------------------------------------------------------------------


def test_roles_are_unique_lower_case_single_terms(roles: list[Row]) -> None:
    terms = [row["term"] for row in roles]
    assert len(set(terms)) == len(terms)
    assert all(term == term.lower() and "|" not in term for term in terms)
    assert len(terms) >= 120


def test_roles_use_known_sectors_and_ranks(roles: list[Row]) -> None:
    assert {row["sector"] for row in roles} <= SECTORS
    assert {row["rank"] for row in roles} <= RANKS


@pytest.mark.parametrize(
    ("term", "sector", "rank"),
    [
        ("president", "GOV", "leader"),
        ("foreign minister", "GOV", "minister"),
        ("vice foreign minister", "GOV", "vice"),
        ("ambassador", "GOV", "official"),
        ("coast guard", "COP", "other"),
        ("navy", "MIL", "other"),
        ("protesters", "CVL", "other"),
        ("militants", "REB", "other"),
        ("lawmakers", "LEG", "other"),
    ],
)
def test_role_spot_checks(roles: list[Row], term: str, sector: str, rank: str) -> None:
    assert {"term": term, "sector": sector, "rank": rank} in roles


def test_un_organs_are_coded_as_the_un(organisations: list[Row]) -> None:
    """The guideline codes the Security Council and General Assembly as UN."""
    [un] = [o for o in organisations if o["code"] == "UN"]
    assert {"UN Security Council", "UNSC", "General Assembly"} <= set(un["aliases"].split("|"))
    assert not [o for o in organisations if o["code"] in ("UNSC", "UNGA")]
