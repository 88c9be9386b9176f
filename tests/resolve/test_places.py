"""The gazetteer: shipped data, ranking by context, user files and schema errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from equipoise.errors import DataFileError
from equipoise.resolve.places import PLACE_COLUMNS, Gazetteer, Place, normalize_name

HEADER = "\t".join(PLACE_COLUMNS)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def write_tsv(path: Path, *rows: str) -> Path:
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "context", "country", "geonameid"),
    [
        ("Seoul", (), "KOR", 1835848),
        ("Tokyo", (), "JPN", 1850147),
        ("Beijing", (), "CHN", 1816670),
        ("Peking", (), "CHN", 1816670),
        ("Nara", ("JPN", "KOR"), "JPN", 1855612),
        ("Istanbul", (), "TUR", 745044),
        ("Sharm El Sheikh", (), "EGY", 349340),
        ("Bahawalpur", (), "PAK", 1183880),
        ("Washington", (), "USA", 4140963),
        ("Gyeongju", (), "KOR", 1841603),
        ("Lima", (), "PER", 3936456),
        ("Gaza City", (), "PSE", 281133),
    ],
)
def test_cities(
    gazetteer: Gazetteer, name: str, context: tuple[str, ...], country: str, geonameid: int
) -> None:
    place = gazetteer.lookup(name, countries=context)
    assert place is not None
    assert (place.country, place.geonameid) == (country, geonameid)


def test_nara_is_stored_as_nara_shi_and_found_by_its_bare_name(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Nara", countries={"JPN", "KOR"})
    assert place is not None
    assert place.name == "Nara-shi"
    assert place.lat == pytest.approx(34.685, abs=0.01)
    assert place.lon == pytest.approx(135.805, abs=0.01)


def test_without_context_the_larger_nara_wins_and_context_can_pick_the_other(
    gazetteer: Gazetteer,
) -> None:
    # Nara, Japan (367,353) outranks Nara, Mali (23,599) when nothing says otherwise.
    assert [p.country for p in gazetteer.candidates("Nara")][:2] == ["JPN", "MLI"]
    place = gazetteer.lookup("Nara")
    assert place is not None and place.country == "JPN"
    mali = gazetteer.lookup("Nara", countries=["MLI"])
    assert mali is not None and mali.country == "MLI"


def test_context_picks_a_namesake_in_the_countries_in_play(gazetteer: Gazetteer) -> None:
    # a namesake in play wins unless the top place weighs CONTEXT_WEIGHT times more
    mali = gazetteer.lookup("Nara", countries={"MLI", "FRA"})
    assert mali is not None and mali.country == "MLI"
    dc = gazetteer.lookup("Washington", countries={"GBR"})
    assert dc is not None and dc.country == "USA"  # a capital outweighs a small namesake
    peru = gazetteer.lookup("Lima", countries={"USA", "CHN"})
    assert peru is not None and peru.country == "PER"  # Biden met Xi in Lima, not in Ohio


def test_context_without_a_match_falls_back_to_the_top_ranked(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Lima", countries={"KOR"})
    assert place is not None and place.country == "PER"


@pytest.mark.parametrize(
    ("name", "expected", "country"),
    [
        ("Chequers", "Chequers", "GBR"),
        ("Scarborough Shoal", "Scarborough Shoal", "CHN"),
        ("the Kremlin", "Kremlin", "RUS"),
        ("The Élysée", "Elysee Palace", "FRA"),
        ("Cheong Wa Dae", "Blue House", "KOR"),
        ("Takeshima", "Dokdo", "KOR"),
        ("Diaoyu Islands", "Senkaku Islands", "JPN"),
        ("Gaza", "Gaza Strip", "PSE"),
        ("Azad Kashmir", "Pakistan-administered Kashmir", "PAK"),
        ("Bali", "Bali", "IDN"),
        ("Türkiye", "Turkey", "TUR"),
        ("turkiye", "Turkey", "TUR"),
    ],
)
def test_curated_places_and_countries(
    gazetteer: Gazetteer, name: str, expected: str, country: str
) -> None:
    place = gazetteer.lookup(name)
    assert place is not None
    assert (place.name, place.country) == (expected, country)


def test_international_waters_have_no_country(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Taiwan Strait")
    assert place is not None and place.country is None
    assert 23.0 < place.lat < 26.0 and 118.0 < place.lon < 121.0


def test_punjab_follows_context(gazetteer: Gazetteer) -> None:
    india = gazetteer.lookup("Punjab", countries={"IND"})
    pakistan = gazetteer.lookup("Punjab")
    assert india is not None and india.country == "IND"
    assert pakistan is not None and pakistan.country == "PAK"


@pytest.mark.parametrize("name", ["Atlantis-on-Thames", "", "   ", "the"])
def test_unknown_names_give_none(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) is None
    assert gazetteer.candidates(name) == []


def test_case_punctuation_and_suffix_variants(gazetteer: Gazetteer) -> None:
    expected = gazetteer.lookup("Sharm El Sheikh")
    for variant in ("SHARM EL-SHEIKH", "sharm el sheikh", "Sharm-el-Sheikh"):
        assert gazetteer.lookup(variant) == expected
    assert gazetteer.lookup("Nara City", countries={"JPN"}) == gazetteer.lookup("Nara-shi")


def test_normalize_name() -> None:
    assert normalize_name("The Élysée") == "elysee"
    assert normalize_name("Xi'an") == "xian"
    assert normalize_name("Łódź") == "lodz"
    assert normalize_name("  Washington,  D.C. ") == "washington dc"


def test_country_point_for_korea_is_seoul(gazetteer: Gazetteer) -> None:
    point = gazetteer.country_point("KOR")
    assert point is not None
    assert (point.name, point.country) == ("South Korea", "KOR")
    assert point.lat == pytest.approx(37.57, abs=0.05)
    assert point.lon == pytest.approx(126.98, abs=0.05)
    assert gazetteer.country_point("kor") == point
    assert gazetteer.country_point("XYZ") is None


def test_every_extra_place_has_a_known_country_and_is_found_by_name(
    gazetteer: Gazetteer,
) -> None:
    from importlib import resources

    text = resources.files("equipoise.data").joinpath("places/extra.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]
    assert rows.pop(0) == list(PLACE_COLUMNS)
    assert len(rows) >= 40
    for row in rows:
        place = gazetteer.lookup(row[1])
        assert place is not None and place.name == row[1], row[1]


def test_a_user_file_overrides_and_adds_places(tmp_path: Path) -> None:
    user = write_tsv(
        tmp_path / "mine.tsv",
        "1855612\tNara-shi\tJPN\t34.7\t135.8\t367353\tNara|Old Capital",
        "\tEquipoise Hall\tKOR\t37.5\t127.0\t0\tEP Hall",
        "\tLima\tUSA\t40.74\t-84.1\t0\t",
    )
    gazetteer = Gazetteer.load([user])
    nara = gazetteer.lookup("Old Capital")
    assert nara is not None and (nara.geonameid, nara.lat) == (1855612, 34.7)
    assert gazetteer.candidates("Nara").count(nara) == 1
    assert gazetteer.lookup("ep hall") == Place("Equipoise Hall", "KOR", 37.5, 127.0, None, 0)
    # A user's own row outranks a larger GeoNames namesake.
    lima = gazetteer.lookup("Lima")
    assert lima is not None and lima.country == "USA"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("\tBadLat\tKOR\tninety\t127.0\t0\t", "lat 'ninety' is not a number"),
        ("\tFarNorth\tKOR\t95\t127.0\t0\t", "lat 95.0 is outside"),
        ("\tNowhere\tKR\t37.5\t127.0\t0\t", "country 'KR'"),
        ("\t\tKOR\t37.5\t127.0\t0\t", "name column is empty"),
        ("\tShort\tKOR\t37.5\t127.0", "expected 7 tab-separated fields, found 5"),
        ("x1\tBadId\tKOR\t37.5\t127.0\t0\t", "geonameid 'x1'"),
        ("\tNegative\tKOR\t37.5\t127.0\t-5\t", "population -5 is negative"),
    ],
)
def test_a_malformed_user_file_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    user = write_tsv(tmp_path / "bad.tsv", "\tFine\tKOR\t37.5\t127.0\t0\t", row)
    with pytest.raises(DataFileError) as caught:
        Gazetteer.load([user])
    assert f"{user}:3:" in str(caught.value)
    assert message in str(caught.value)


def test_a_user_file_with_the_wrong_header_is_rejected(tmp_path: Path) -> None:
    user = tmp_path / "noheader.tsv"
    user.write_text("# my places\n\tSomewhere\tKOR\t37.5\t127.0\t0\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"noheader\.tsv:2: header must be"):
        Gazetteer.load([user])


def test_a_missing_user_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        Gazetteer.load([tmp_path / "absent.tsv"])


@pytest.mark.parametrize(("code", "country", "name"), [
    ("UN", "USA", "New York City"), ("NATO", "BEL", "Brussels"), ("AU", "ETH", "Addis Ababa"),
    ("ICJ", "NLD", "The Hague")])
def test_an_organisation_sits_in_its_seat(gazetteer: Gazetteer, code: str, country: str,
                                          name: str) -> None:
    seat = gazetteer.seat_of(code)
    assert seat is not None and (seat.country, seat.name) == (country, name)


def test_a_grouping_without_a_seat_has_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.seat_of("G7") is None and gazetteer.seat_of("KOR") is None


def test_every_seat_is_an_organisation_of_the_actor_dictionary(gazetteer: Gazetteer) -> None:
    from equipoise.actors.dictionary import ActorDictionary

    orgs = ActorDictionary.load().organisations
    assert gazetteer.seated() <= set(orgs)


@pytest.mark.parametrize(("code", "name"), [("UKR", "Kyiv"), ("USA", "Washington"),
                                            ("CHN", "Beijing"), ("KOR", "Seoul")])
def test_the_capital_of_a_country(gazetteer: Gazetteer, code: str, name: str) -> None:
    capital = gazetteer.capital_of(code)
    assert capital is not None and capital.name == name and capital.country == code
