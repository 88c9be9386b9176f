"""Actors from context: a role noun the dictionary knows, with its country from the text.

"Dozens of protesters in Tbilisi", "the opposition leader", "riot police": no name says
whose they are, so the mention finder leaves them out, and a domestic event ("police
arrested protesters") loses a side. Here such a noun becomes an actor of the role's sector
(``roles.csv``), and of the country the text gives it: a place it is "in", else the one
country the sentence names, else the country the article is about (the one it names most,
when it names it more than any other). Roles of the government and of international
organisations stay with the mention finder, which resolves them by their own rules; a
noun whose country the text does not settle is left out rather than guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

from equipoise.actors._phrases import SPEAKER_PRONOUNS
from equipoise.actors.dictionary import ActorDictionary, Role
from equipoise.actors.mentions import Mention
from equipoise.actors.speakers import speaker_of
from equipoise.actors.wordfiles import read_toml
from equipoise.errors import DataFileError
from equipoise.models import Actor

LEFT_TO_COUNTRY = ("IGO",)
# the kind of a context mention whose country is the sentence's or the article's, not a
# place's: trusted for acts inside that country only (see ``inferred_actors``)
INFERRED = "context-inferred"
NOUN_TAGS = ("NOUN", "PROPN")
PLACE_PREPOSITIONS = ("in", "across", "from", "outside", "near")
# a facility after these is where something happened, not what was acted on
WHERE_PREPOSITIONS = ("in", "to", "from", "inside", "outside", "near", "within")


PlaceCountry = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class ContextWords:
    """``context.toml``: nouns that take a country only from a place, and facilities
    that stand for the sector running them."""

    place_only: frozenset[str]
    facilities: dict[str, Role]
    audiences: frozenset[str]
    crowd_modes: frozenset[str] = frozenset()
    forces: frozenset[str] = frozenset()
    opponents: frozenset[str] = frozenset()
    decrees: Decrees | None = None
    unattributed: frozenset[str] = frozenset()
    members: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Decrees:
    """``[decrees]`` of ``context.toml``: acts on a whole population and who issues them."""

    modes: frozenset[str]
    gatherings: frozenset[str]
    issuers: frozenset[str]


def context_mentions(doc: Doc, mentions: Sequence[Mention], actors: ActorDictionary, *,
                     place_country: PlaceCountry | None = None) -> list[Mention]:
    """The mentions found, with context actors added for role nouns they left out;
    ``place_country`` names the country of a place the mentions do not cover."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    words = load_context_words()
    place_only = words.place_only | frozenset(words.facilities)
    added: list[Mention] = []
    pending: list[tuple[Token, int, Role]] = []
    for tok in doc:
        found = _context_role(tok, taken, actors.roles, words)
        if found is None:
            continue
        start, role = found
        # "Interior Minister Nancy Faeser": the words after the role are a name, not a place
        name_from = start + len(role.term.split())
        country = _place_country(tok, mentions, place_country, name_from=name_from)
        kind = "context"
        if country is None and any(c.dep_ == "poss" for c in tok.children):
            # "its envoy": whose is the possessor's; "his troops" in a sentence that names
            # one country are that country's
            country = _sentence_country(tok, mentions) if _owned_by_pronoun(tok) else None
            party = _party_owner(tok, sorted([*mentions, *added], key=lambda m: m.start))
            role = replace(role, sector=party.sector or role.sector) if party else role
            if country is not None:
                added.append(_context_mention(tok, start, role, country, INFERRED))
            continue
        if country is None and role.term not in place_only:
            country, kind = _sentence_country(tok, mentions), INFERRED
        if country is None:
            pending.append((tok, start, role))
            continue
        added.append(_context_mention(tok, start, role, country, kind))
    main = _main_country(mentions)
    for tok, start, role in pending:
        # "police in Lahore arrested the opposition leader": a neighbour's place, else the
        # article's country (not for people in general, who need a place)
        country = _neighbour_country(tok, added) or (
            main if role.term not in place_only else None)
        if country is not None:
            added.append(_context_mention(tok, start, role, country, INFERRED))
    added += _surnames(doc, added, taken)
    everyone = sorted([*_rehomed(mentions, actors, main), *added], key=lambda m: m.start)
    everyone = sorted([*everyone, *_members(doc, everyone, taken, words)],
                      key=lambda m: m.start)
    everyone = sorted([*everyone, *_speaking_for(doc, everyone, added)], key=lambda m: m.start)
    return _armed_by_story(_as_opponents(doc, everyone, words.opponents), words.unattributed)


FORCES = frozenset({"COP", "MIL", "SPY"})


def _members(doc: Doc, mentions: Sequence[Mention], taken: set[int], words: ContextWords
             ) -> list[Mention]:
    """ "Paris police headquarters said officers detained 44 people", "accused officers of
    using live ammunition" after "Kenyan police": members of a force that do not say which
    (``members`` in context.toml) belong to the one force named in their sentence or the
    one before."""
    out = []
    for tok in doc:
        if tok.lower_ not in words.members or tok.i in taken or tok.dep_ == "compound" or \
                any(c.dep_ in ("compound", "amod", "poss") for c in tok.children):
            continue
        start = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
        forces = {(a.country, a.sector) for m in mentions if start <= m.start < tok.sent.end
                  for a in m.actors if a.sector in FORCES and a.country}
        if len(forces) == 1:
            country, sector = next(iter(forces))
            role = Role(tok.lower_, sector or "COP", "other")
            out.append(_context_mention(tok, tok.i, role, country or "", "context"))
    return out


def _armed_by_story(mentions: list[Mention], generic: frozenset[str]) -> list[Mention]:
    """Gunmen in a story whose only armed groups are criminal ones ("gangs stormed the
    prisons", a cartel named) are of those groups: CRM, not rebels."""
    def unnamed(m: Mention) -> bool:
        return m.kind in ("context", INFERRED) and any(
            a.sector == "REB" and (a.text or "").lower() in generic for a in m.actors)
    armed = {a.sector for m in mentions if not unnamed(m) for a in m.actors
             if a.sector in ("REB", "CRM")}
    if armed != {"CRM"}:
        return mentions
    return [replace(m, actors=tuple(replace(a, sector="CRM") for a in m.actors))
            if unnamed(m) else m for m in mentions]


def _speaking_for(doc: Doc, mentions: Sequence[Mention], added: Sequence[Mention]
                  ) -> list[Mention]:
    """ "The chief prosecutor's office said it had issued warrants": "it" is the speaker
    found here, which the mention finder could not know."""
    if not added:
        return []
    index = {i: m for m in mentions for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        if tok.lower_ in SPEAKER_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass") and \
                tok.i not in index:
            speaker = speaker_of(tok, index)
            if speaker is not None and speaker in added:
                out.append(Mention(tok.i, tok.i + 1, tok.i, speaker.actors, "pronoun"))
    return out


HOMELAND = ("country", "nation")
PARTIES = ("PTY", "OPP")


def _party_owner(tok: Token, mentions: Sequence[Mention]) -> Actor | None:
    """ "dissolved the opposition party and barred 11 of its executives": people of a
    party named just before are of the party's sector."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
        return None
    before = [m for m in mentions if tok.sent.start <= m.start < tok.i and len(m.actors) == 1]
    last = before[-1].actors[0] if before else None
    return last if last is not None and last.sector in PARTIES else None


def _owned_by_pronoun(tok: Token) -> bool:
    """ "his troops", "their supporters", "the country's largest labour federation"."""
    return any(c.dep_ == "poss" and (c.tag_ == "PRP$" or c.lemma_.lower() in HOMELAND)
               for c in tok.children)


def _surnames(doc: Doc, added: Sequence[Mention], taken: set[int]) -> list[Mention]:
    """Later bare surnames of the titled names found here ("Mayor Ekrem Imamoglu", then
    "Imamoglu's degree")."""
    named = {doc[m.head].text: m for m in added
             if doc[m.head].pos_ == "PROPN" and m.end - m.start >= 2}
    covered = taken | {i for m in added for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        first = named.get(tok.text)
        if first is None or tok.i in covered or tok.i < first.end or tok.dep_ == "compound":
            continue
        actors = tuple(replace(a, text=tok.text) for a in first.actors)
        out.append(Mention(tok.i, tok.i + 1, tok.i, actors, first.kind, plural=False))
    return out


def _as_opponents(doc: Doc, mentions: list[Mention], words: frozenset[str]) -> list[Mention]:
    """People described as a rival of the government ("X, the main rival of President Y")
    are the opposition in every mention of the article."""
    names = {a.name for m in mentions if len(m.actors) == 1 and m.kind != "context"
             for a in m.actors if a.name and a.country and any(
                 c.dep_ == "appos" and words & _described(c) for c in doc[m.head].children)}
    if not names:
        return mentions
    return [replace(m, actors=tuple(replace(a, sector="OPP") if a.name in names else a
                                    for a in m.actors)) for m in mentions]


def _described(appos: Token) -> set[str]:
    """What an apposition calls someone, each of its conjuncts too ("the former leader's
    daughter and a bitter rival of Marcos")."""
    return {appos.lemma_.lower()} | {c.lemma_.lower() for c in appos.children
                                     if c.dep_ == "conj"}


def _context_role(tok: Token, taken: set[int], roles: dict[str, Role],
                  words: ContextWords) -> tuple[int, Role] | None:
    """The role a noun not yet taken stands for, and where its phrase starts."""
    if tok.i in taken or tok.pos_ not in NOUN_TAGS or tok.dep_ == "compound":
        return None
    facility = None if tok.dep_ == "pobj" and tok.head.lower_ in WHERE_PREPOSITIONS \
        else _role_at(tok, words.facilities)  # "sentenced to ten years in prison": a place
    found = _role_at(tok, roles) or facility or _titled(tok, roles)
    if found is None:
        return None
    start, role = found
    if role.sector in LEFT_TO_COUNTRY or role.term in words.audiences or any(
            i in taken for i in range(start, tok.i)):
        return None
    return found


def _context_mention(head: Token, start: int, role: Role, country: str, kind: str) -> Mention:
    text = head.doc[start: head.i + 1].text
    actor = Actor(text=text, name=text, country=country, sector=role.sector,
                  title=text if role.rank != "other" else None)
    return Mention(start, head.i + 1, head.i, (actor,), kind, plural=False)


def _neighbour_country(head: Token, added: Sequence[Mention]) -> str | None:
    """The one country that context actors of the sentence took from their place."""
    sent = head.sent
    here = {_country_of(m) for m in added
            if m.kind == "context" and sent.start <= m.start < sent.end}
    here.discard(None)
    return next(iter(here)) if len(here) == 1 else None


def _titled(head: Token, roles: dict[str, Role]) -> tuple[int, Role] | None:
    """A name after a role ("opposition candidate Edmundo Gonzalez", "the opposition Move
    Forward Party", "Mayor X" where the mention finder found no country): the role's
    sector."""
    compounds = [c for c in head.children if c.dep_ == "compound"]
    if head.pos_ != "PROPN" or not compounds:
        return None
    first = min(c.left_edge.i for c in compounds)
    toks = list(head.doc[first: head.i])
    for k in range(len(toks), 0, -1):  # the role words come first, then the name
        role = roles.get(" ".join(t.lower_ for t in toks[:k]))
        if role is not None and all(t.pos_ == "PROPN" for t in toks[k:]):
            return (first, role) if role.sector not in LEFT_TO_COUNTRY else None
    return None


def _role_at(head: Token, roles: dict[str, Role]) -> tuple[int, Role] | None:
    """The longest role ending at ``head`` ("riot police", "opposition leader")."""
    left = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")]
    for first in sorted(left, key=lambda t: t.i):
        words = " ".join(t.lower_ for t in head.doc[first.i: head.i + 1])
        # "television and radio stations": the first modifier names the role too
        role = roles.get(words) or roles.get(f"{first.lower_} {head.lower_}") or roles.get(
            f"{first.lower_} {head.lemma_.lower()}")  # "police stations" as "police station"
        if role is not None:
            return first.i, role
    role = roles.get(head.lower_)
    return (head.i, role) if role is not None else None


def _country_of(mention: Mention) -> str | None:
    codes = {a.country for a in mention.actors}
    return next(iter(codes)) if len(codes) == 1 else None


def _place_country(head: Token, mentions: Sequence[Mention],
                   place_country: PlaceCountry | None, *, name_from: int | None = None
                   ) -> str | None:
    """ "protesters in Tbilisi", "police in Lahore", "Istanbul University": the country of
    the place the noun is in; a place named after "in" comes first ("the National
    Penitentiary in Port-au-Prince": "National" is no place here); an object takes the place
    its verb has ("attacked a police station in Port-au-Prince", however it is parsed)."""
    for tok in head.lefts:  # "Malaysian immigration officers": the modifier's country
        hit = next((m for m in mentions if m.start <= tok.i < m.end), None)
        if tok.dep_ in ("amod", "compound") and hit is not None and _country_of(hit) and \
                hit.kind in ("adjective", "country", "capital"):  # "Paris police headquarters"
            return _country_of(hit)
    holders = [head, head.head] if head.dep_ == "dobj" else [head]
    for prep in (p for h in holders for p in h.rights):
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPOSITIONS:
            continue
        for obj in prep.children:
            hit = next((m for m in mentions if m.start <= obj.i < m.end), None)
            if hit is not None and _country_of(hit):
                return _country_of(hit)
            if hit is None and place_country is not None and obj.pos_ == "PROPN":
                span = next((e for e in head.doc.ents if e.start <= obj.i < e.end), None)
                name = span.text if span is not None else obj.text
                country = place_country(name)
                if country:
                    return country
    for tok in head.lefts:
        if tok.dep_ == "compound" and tok.pos_ == "PROPN" and place_country is not None and \
                not any(m.start <= tok.i < m.end for m in mentions) and \
                (name_from is None or tok.i < name_from):
            country = place_country(tok.text)
            if country:
                return country
    return None


def _sentence_country(head: Token, mentions: Sequence[Mention]) -> str | None:
    """The one country the sentence names, people apart: a person named is as often the
    one acted on ("lawmakers criticised Trump's deal") as a compatriot."""
    sent = head.sent
    here = {_country_of(m) for m in mentions
            if sent.start <= m.start < sent.end and m.kind != "person"}
    here.discard(None)
    return next(iter(here)) if len(here) == 1 else None


def _rehomed(mentions: Sequence[Mention], actors: ActorDictionary, main: str | None
             ) -> list[Mention]:
    """Armed groups that fight in several states, coded by the one the story is set in
    ("JNIM fighters killed residents near Barsalogho" in a story about Burkina Faso)."""
    roaming = [(n, g) for g in actors.groups.values() if main in g.elsewhere for n in g.names]
    out = []
    for m in mentions:
        text = f" {m.actors[0].text} " if m.kind == "group" and len(m.actors) == 1 else ""
        if any(f" {n} " in text for n, _ in roaming):  # "JNIM fighters"
            m = replace(m, actors=(replace(m.actors[0], country=main),))
        out.append(m)
    return out


def _armed_group(mention: Mention) -> bool:
    """An armed group (named, or referred to again): it may fight in several states ("JNIM" is filed
    under Mali and kills in Burkina Faso), so it does not say where the story is."""
    return bool(mention.actors) and all(a.sector in ("REB", "CRM") for a in mention.actors)


def _main_country(mentions: Sequence[Mention]) -> str | None:
    """The country an article is about: named at least twice as often as any other (a
    story between two states has no one home for its bare "police" or "lawmakers"); armed
    groups do not count."""
    counts = Counter(c for m in mentions if (c := _country_of(m)) is not None
                     and not _armed_group(m))
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] < 2 * top[1][1]):
        return None
    return top[0][0]


@lru_cache(maxsize=1)
def load_context_words(path: Path | None = None) -> ContextWords:
    """``context.toml``, checked: a list of nouns and a table of facility -> sector."""
    path = path or Path(str(resources.files("equipoise.data") / "actors" / "context.toml"))
    return _context_words(path, read_toml(path))


def _context_words(path: Path, data: dict[str, object]) -> ContextWords:
    words, places = data.get("place_only"), data.get("facilities")
    audiences, crowd = data.get("audiences"), data.get("crowd")
    opponents, unattributed = data.get("opponents"), data.get("unattributed")
    members = data.get("members")
    lists_ok = all(isinstance(x, list) and all(isinstance(w, str) for w in x)
                   for x in (words, audiences, opponents, unattributed, members))
    if set(data) != {"place_only", "audiences", "opponents", "facilities", "crowd",
                     "decrees", "unattributed", "members"} or \
            not lists_ok or not isinstance(places, dict) or not isinstance(words, list) or \
            not isinstance(audiences, list) or not isinstance(opponents, list) or \
            not isinstance(unattributed, list) or not isinstance(members, list):
        raise DataFileError(f"{path}: expected place_only, audiences, opponents, "
                            "unattributed and members (lists of nouns), [crowd] (modes, "
                            "forces), "
                            "[decrees] (modes, gatherings, issuers) and [facilities] "
                            "(noun = sector)")
    bad = [k for k, v in places.items() if not isinstance(v, str) or len(v) != 3]
    if bad:
        raise DataFileError(f"{path}: facilities {bad} need a three-letter sector")
    modes, forces = _crowd(path, crowd)
    return ContextWords(frozenset(w.casefold() for w in words),
                        {k.casefold(): Role(k.casefold(), v, "other") for k, v in places.items()},
                        frozenset(w.casefold() for w in audiences), modes, forces,
                        frozenset(w.casefold() for w in opponents),
                        _decrees(path, data.get("decrees")),
                        frozenset(w.casefold() for w in unattributed),
                        frozenset(w.casefold() for w in members))


def _decrees(path: Path, table: object) -> Decrees:
    keys = {"modes", "gatherings", "issuers"}
    if not isinstance(table, dict) or set(table) != keys or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in table.values()):
        raise DataFileError(f"{path}: [decrees] needs modes, gatherings and issuers (lists of "
                            "strings)")
    return Decrees(frozenset(table["modes"]), frozenset(table["gatherings"]),
                   frozenset(table["issuers"]))


def _crowd(path: Path, crowd: object) -> tuple[frozenset[str], frozenset[str]]:
    if not isinstance(crowd, dict) or set(crowd) != {"modes", "forces"} or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in crowd.values()):
        raise DataFileError(f"{path}: [crowd] needs modes and forces (lists of strings)")
    return frozenset(crowd["modes"]), frozenset(crowd["forces"])


def inferred_actors(mentions: Sequence[Mention]) -> frozenset[Actor]:
    """Actors whose country the text only implies ("police" in a story about Kenya): an
    act between one of them and another country is more likely misread than reported."""
    named = {a for m in mentions if m.kind != INFERRED for a in m.actors}
    return frozenset(a for m in mentions if m.kind == INFERRED for a in m.actors
                     if a not in named)  # named elsewhere ("the Polish minister"): not implied
