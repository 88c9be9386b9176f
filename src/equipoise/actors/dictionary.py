"""The actor dictionary: states, organisations, people and role words, from data files.

Shipped files live in ``equipoise/data/actors/``. Users extend or override them with
their own CSV files of the same layout (``actor_files`` setting); a user file's kind is
told by its header. Multiple values inside a cell are separated by ``|``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path

from equipoise.errors import DataFileError

COUNTRY_COLUMNS = ("code", "iso2", "name", "aliases", "adjectives", "demonyms", "capitals",
                   "metonyms")
ORG_COLUMNS = ("code", "name", "aliases", "members", "expand", "sector")
PEOPLE_COLUMNS = ("name", "aliases", "surname", "country", "org", "title", "sector", "start",
                  "end")
ROLE_COLUMNS = ("term", "sector", "rank")
GROUP_COLUMNS = ("name", "aliases", "country", "sector")
RANKS = ("leader", "minister", "vice", "official", "other")
SHIPPED = ("countries.csv", "organisations.csv", "ngos.csv", "people.csv", "roles.csv",
           "groups.csv", "agencies.csv", "institutions.csv", "parties.csv", "companies.csv",
           "armed_groups.csv")


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organisation:
    code: str
    name: str
    names: tuple[str, ...]
    members: tuple[str, ...]
    expand: bool
    sector: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    names: tuple[str, ...]
    surname: str
    country: str | None
    org: str | None
    title: str
    sector: str
    start: date | None
    end: date | None

    def in_office(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Group:
    """A party, armed group, company or agency that stands for one state's territory."""

    name: str
    names: tuple[str, ...]
    country: str
    sector: str
    # other states an armed group fights in ("MLI|BFA|NER" in the file: Mali first); in a
    # story set in one of them the group is coded by that state
    elsewhere: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    term: str
    sector: str
    rank: str


@dataclass(slots=True)
class ActorDictionary:
    """Everything known about actors, indexed for lookup."""

    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    agent_nouns: frozenset[str] = frozenset()
    instrument_nouns: frozenset[str] = frozenset()
    known_by_surname: frozenset[str] = frozenset()
    descriptions: dict[str, str] = field(default_factory=dict)
    shared_names: dict[str, SharedName] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = ()) -> ActorDictionary:
        """The shipped files, then each user file on top (same key replaces)."""
        out = cls()
        base = resources.files("equipoise.data") / "actors"
        out.sectors = load_sectors(Path(str(base / "sectors.csv")))
        for name in SHIPPED:
            out._add_file(Path(str(base / name)))
        for extra in extra_files:
            out._add_file(Path(extra))
        out.agent_nouns = _word_list(Path(str(base / "agents.txt")))
        out._unspoken(c.upper() for c in _word_list(Path(str(base / "unspoken_codes.txt"))))
        out.instrument_nouns = _word_list(Path(str(base / "instruments.txt")))
        out.known_by_surname = frozenset(
            c.upper() for c in _word_list(Path(str(base / "known_by_surname.txt"))))
        out.descriptions = _descriptions(Path(str(base / "descriptions.csv")))
        out.shared_names = _shared_names(Path(str(base / "shared_names.csv")))
        return out

    def _unspoken(self, codes: Iterable[str]) -> None:
        """Codes that are no name in text ("AI" is Amnesty International's code, not a
        name to find it by)."""
        for code in codes:
            org = self.organisations.get(code)
            if org is not None:
                self.organisations[code] = replace(
                    org, names=tuple(n for n in org.names if n != code))

    def _add_file(self, path: Path) -> None:
        rows, header = _read_rows(path)
        kind = _kind_of(header, path)
        for line, row in rows:
            try:
                self._add_row(kind, row)
            except (ValueError, KeyError) as exc:
                raise DataFileError(f"{path}:{line}: {exc}") from exc

    def _add_row(self, kind: str, row: dict[str, str]) -> None:
        sector = (row.get("sector") or "").strip()
        if sector and self.sectors and sector not in self.sectors:
            raise ValueError(f"sector {sector!r} is not one of {' '.join(self.sectors)} "
                             "(docs/actors.md lists them)")
        cell = (row.get("country") or "").strip().upper()
        for country in _split(cell) if kind == "groups" else (cell,):
            if kind in ("groups", "people") and country and country not in self.countries:
                raise ValueError(f"country {country!r} is not a code in countries.csv")
        if kind == "countries":
            c = _country(row)
            self.countries[c.code] = c
        elif kind == "organisations":
            o = _organisation(row)
            self.organisations[o.code] = o
        elif kind == "people":
            p = _person(row)  # one row per term: a user file's row replaces the same term
            key = (p.name, p.title, p.start)
            self.people = [q for q in self.people if (q.name, q.title, q.start) != key]
            self.people.append(p)
        elif kind == "groups":
            g = _group(row)
            self.groups[g.name] = g
        else:
            r = _role(row)
            self.roles[r.term] = r

    def people_named(self, alias: str) -> list[Person]:
        key = alias.casefold()
        return [p for p in self.people if key in (n.casefold() for n in p.names)]

    def people_with_surname(self, surname: str, day: date | None) -> list[Person]:
        key = surname.casefold()
        return [p for p in self.people if p.surname.casefold() == key and p.in_office(day)]

    def rank_of(self, title: str | None) -> str:
        if not title:
            return "other"
        role = self.roles.get(title.casefold())
        return role.rank if role else "other"


DESCRIPTION_KINDS = ("org", "state", "group", "craft", "home")
SECTOR_COLUMNS = ("code", "sector", "covers")


def load_sectors(path: Path) -> dict[str, str]:
    """The sector vocabulary (code -> name): every sector in an actor file must be one."""
    rows, header = _read_rows(path)
    if header != SECTOR_COLUMNS:
        raise DataFileError(f"{path}: expected the columns {','.join(SECTOR_COLUMNS)}")
    out = {}
    for line, row in rows:
        code = (row.get("code") or "").strip()
        if len(code) != 3 or not code.isupper():
            raise DataFileError(f"{path}:{line}: a sector code is three capital letters")
        out[code] = (row.get("sector") or "").strip() or code
    return out


@dataclass(frozen=True, slots=True)
class SharedName:
    """A country's name that is also a place in another ("Georgia", the US state): the
    other is meant when a clue word is near or the other country is named and the first
    is not otherwise (by adjective, capital or person)."""

    name: str
    country: str
    other: str
    clues: frozenset[str]


def _shared_names(path: Path) -> dict[str, SharedName]:
    rows, header = _read_rows(path)
    if header != ("name", "country", "other", "clues"):
        raise DataFileError(f"{path}: expected the columns name,country,other,clues")
    out = {}
    for line, row in rows:
        try:
            name = _required(row, "name")
            codes = [_required(row, k).upper() for k in ("country", "other")]
        except ValueError as exc:
            raise DataFileError(f"{path}:{line}: {exc}") from exc
        if any(len(c) != 3 for c in codes):
            raise DataFileError(f"{path}:{line}: country and other are ISO alpha-3 codes")
        out[name] = SharedName(name, codes[0], codes[1], frozenset(
            w.strip().casefold() for w in (row.get("clues") or "").split("|") if w.strip()))
    return out


def _descriptions(path: Path) -> dict[str, str]:
    """ "the alliance" -> an organisation named before; "the junta" -> a state."""
    rows, header = _read_rows(path)
    if header != ("term", "refers_to"):
        raise DataFileError(f"{path}: expected the columns term,refers_to")
    out = {}
    for line, row in rows:
        kind = (row.get("refers_to") or "").strip()
        if kind not in DESCRIPTION_KINDS:
            raise DataFileError(f"{path}:{line}: refers_to must be one of {DESCRIPTION_KINDS}")
        out[_required(row, "term").casefold()] = kind
    return out


def _word_list(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read word list {path}: {exc}") from exc
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


def _date(cell: str | None) -> date | None:
    cell = (cell or "").strip()
    return date.fromisoformat(cell) if cell else None


def _read_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], tuple[str, ...]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = tuple(reader.fieldnames or ())
            rows = [(i + 2, dict(r)) for i, r in enumerate(reader)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"cannot read actor file {path}: {exc}") from exc
    return rows, header


def _kind_of(header: Iterable[str], path: Path) -> str:
    cols = tuple(header)
    for kind, expected in (("countries", COUNTRY_COLUMNS), ("organisations", ORG_COLUMNS),
                           ("people", PEOPLE_COLUMNS), ("roles", ROLE_COLUMNS),
                           ("groups", GROUP_COLUMNS)):
        if cols == expected:
            return kind
    raise DataFileError(
        f"{path}: unknown header {','.join(cols)}; an actor file has the columns of "
        "countries, organisations, people, groups or roles (see docs/actors.md)"
    )


def _required(row: dict[str, str], key: str) -> str:
    value = (row.get(key) or "").strip()
    if not value:
        raise ValueError(f"column {key!r} is empty")
    return value


def _country(row: dict[str, str]) -> Country:
    code = _required(row, "code").upper()
    if len(code) != 3:
        raise ValueError(f"country code {code!r} is not ISO alpha-3")
    name = _required(row, "name")
    return Country(code, name, (name, *_split(row["aliases"])), _split(row["adjectives"]),
                   _split(row["demonyms"]), _split(row["capitals"]), _split(row["metonyms"]))


def _organisation(row: dict[str, str]) -> Organisation:
    code = _required(row, "code")
    name = _required(row, "name")
    return Organisation(code, name, (code, name, *_split(row["aliases"])),
                        tuple(m.upper() for m in _split(row["members"])),
                        (row.get("expand") or "0").strip() == "1",
                        (row.get("sector") or "IGO").strip() or "IGO")


def _person(row: dict[str, str]) -> Person:
    name = _required(row, "name")
    country = (row.get("country") or "").strip().upper() or None
    org = (row.get("org") or "").strip() or None
    if bool(country) == bool(org):
        raise ValueError(f"{name}: exactly one of country and org must be set")
    start, end = _date(row.get("start")), _date(row.get("end"))
    if start and end and end < start:
        raise ValueError(f"{name}: term ends before it starts")
    surname = (row.get("surname") or "").strip() or name.split()[-1]
    return Person(name, (name, *_split(row.get("aliases"))), surname, country, org,
                  _required(row, "title"), (row.get("sector") or "GOV").strip() or "GOV",
                  start, end)


def _group(row: dict[str, str]) -> Group:
    name = _required(row, "name")
    country, *elsewhere = _split(_required(row, "country").upper())
    if any(len(c) != 3 for c in (country, *elsewhere)):
        raise ValueError(f"{name}: country {country!r} is not ISO alpha-3")
    return Group(name, (name, *_split(row.get("aliases"))), country,
                 (row.get("sector") or "GOV").strip() or "GOV", tuple(elsewhere))


def _role(row: dict[str, str]) -> Role:
    rank = _required(row, "rank")
    if rank not in RANKS:
        raise ValueError(f"rank {rank!r} is not one of {', '.join(RANKS)}")
    return Role(_required(row, "term").casefold(), _required(row, "sector"), rank)
