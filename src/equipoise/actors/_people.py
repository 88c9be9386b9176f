"""Who a person's phrase names: a dictionary person, a surname named earlier or in
office, an unknown person with a country, a title that refers back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Token

from equipoise.actors._phrases import PhraseSteps
from equipoise.actors.dictionary import ActorDictionary, Person
from equipoise.actors.matcher import NameMatch
from equipoise.models import Actor

# entity labels of words that share a spelling with a surname but are not people
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})



class PersonSteps(PhraseSteps):
    """The steps that turn a phrase's names and title into one actor."""

    def _actor_of(self, head: Token, toks: list[Token], names: list[NameMatch]) -> Actor | None:
        text = self.doc[toks[0].i: toks[-1].i + 1].text
        title = self._title(toks)
        people = [n for n in names if n.kind == "person"]
        if people:
            return self._known_person(text, people[0], title)
        codes = [n for n in names if n.kind != "person"]
        person_name = self._person_name(head)
        if not person_name and not codes and (head.pos_ == "PROPN" or head.is_title):
            return self._bare_surname(head, text)
        if person_name:
            return self._unknown_person(text, person_name, codes, title, head)
        if codes:
            return self._group(text, codes, title, head)
        if title:
            return self._title_reference(text, title, head)
        return None

    def _bare_surname(self, head: Token, text: str) -> Actor | None:
        """A capitalised word the NER did not call a person ("Trump" as ORG): a surname of
        someone named earlier, or of someone in office on the publication date."""
        if head.ent_type_ in NOT_NAMES:
            return None  # "on Friday" is a day, not Saint Vincent's Prime Minister Friday
        earlier = self._earlier_person(head.text)
        if earlier is not None:
            return replace(earlier, text=text)
        if self.namesakes.blocks(head.text, head.i):
            return None  # "Lai" after "Jimmy Lai" is not Taiwan's president
        hits = self._surname_hits(head.text)
        if len({p.name for p in hits}) > 1:
            hits = [p for p in hits if self.actors.rank_of(p.title) == "leader"]
        if len({p.name for p in hits}) != 1:
            return None  # unknown, or several office holders share the name
        return _person_actor(text, _pick_person(tuple(hits), self.published), self.published,
                             None)

    def _surname_hits(self, name: str) -> list[Person]:
        """Office holders a bare surname can mean here: of a state the article names; else
        a minister of a state known by surname alone, or a leader (data/actors/
        known_by_surname.txt says why)."""
        hits = self.actors.people_with_surname(name, self.published)
        named = [p for p in hits if (p.country or p.org) in self.named_codes]
        if named:
            return named
        return [p for p in hits if p.country in self.actors.known_by_surname
                or self.actors.rank_of(p.title) == "leader"]

    def _known_person(self, text: str, match: NameMatch, title: str | None) -> Actor:
        person = _pick_person(match.people, self.published)
        return _person_actor(text, person, self.published, title)

    def _unknown_person(self, text: str, name: str, codes: list[NameMatch], title: str | None,
                        head: Token) -> Actor | None:
        earlier = self._earlier_person(name)
        if earlier is not None and not codes:
            return replace(earlier, text=text)
        if not codes and not title and self.namesakes.blocks(name, head.i):
            return None  # "Lai" after "Jimmy Lai" is not Taiwan's president
        if not codes:
            surname_hits = self._surname_hits(name)
            if surname_hits:
                return _person_actor(text, _pick_person(tuple(surname_hits), self.published),
                                     self.published, title)
            codes = self._appositive_codes(head)
            if not codes:
                return self._titled_before(text, name, title)
        code = codes[0]
        role = self.actors.roles.get((title or "").casefold())
        sector = role.sector if role else "GOV"
        if code.kind == "group" and code.sector and (role is None or role.rank == "leader"):
            sector = code.sector  # "Histadrut chairman Arnon Bar-David" leads a union
        return code_actor(text, code, self.actors, name=name, title=title, sector=sector)

    def _group(self, text: str, codes: list[NameMatch], title: str | None, head: Token) -> Actor:
        role = self.actors.roles.get((title or "").casefold())
        sector = role.sector if role else None
        if codes[0].kind == "org" and sector in ("CVL", "REF"):
            sector = None  # "the U.N. refugee agency" is the organisation, not refugees
        if codes[0].kind == "org" and title and title.casefold() in self.doc[
                codes[0].start: codes[0].end].text.casefold():
            # "Reporters Without Borders", "Doctors Without Borders": the role word is
            # part of the organisation's name, not its members' trade
            sector, title = None, None
        if codes[0].kind == "group" and codes[0].sector and title and (
                title.casefold() in (codes[0].label or "").casefold()
                or (role is not None and role.rank == "leader")):
            # "Rapid Support Forces", "Histadrut chairman": the group's own sector, not
            # that of "forces" or of a company chairman
            sector = None
        name = text if title else None
        return code_actor(text, codes[0], self.actors, name=name, title=title, sector=sector)

    def _titled_before(self, text: str, name: str, title: str | None) -> Actor | None:
        """ "Ambassador Kenji Kanasugi" after "the Japanese ambassador": same title, same state."""
        if not title:
            return None
        for actor in reversed(self.seen_titled):
            if actor.title and actor.title.casefold() == title.casefold() and actor.code:
                return replace(actor, text=text, name=name)
        return None

    def _title_reference(self, text: str, title: str, head: Token) -> Actor | None:
        if not any(t.lower_ in ("the", "his", "her", "their", "its") for t in head.lefts):
            return None
        for actor in reversed(self.seen_people):
            if actor.title and actor.title.casefold() == title.casefold():
                return replace(actor, text=text)
        return None

    def _earlier_person(self, name: str) -> Actor | None:
        key = name.casefold()
        for actor in reversed(self.seen_people):
            full = (actor.name or "").casefold()
            if full == key or full.split()[-1:] == [key] or key in full.split():
                return actor
        return None

    def _appositive_codes(self, head: Token) -> list[NameMatch]:
        for child in head.rights:
            if child.dep_ == "appos":
                codes = [self.by_token[t.i] for t in child.subtree
                         if t.i in self.by_token and self.by_token[t.i].kind != "person"]
                if codes:
                    return codes
        return []

    def _expand(self, actor: Actor) -> tuple[Actor, ...]:
        org = self.actors.organisations.get(actor.org or "")
        if org is None or not org.expand:
            return (actor,)
        return tuple(Actor(text=actor.text, name=self.actors.countries[m].name, country=m,
                           sector="GOV") for m in org.members if m in self.actors.countries)


def _pick_person(people: tuple[Person, ...], day: date | None) -> Person:
    in_office = [p for p in people if p.in_office(day)]
    pool = in_office or list(people)
    return sorted(pool, key=lambda p: (p.end is not None, -(p.start or date.min).toordinal()))[0]



# a former head of state or government in the news (tried, arrested, rallying supporters)
# is as a rule the government's opponent; other former officials act for no known part
FORMER_HEADS = frozenset({"president", "prime minister"})



def _person_actor(text: str, person: Person, day: date | None, title: str | None) -> Actor:
    current = person.in_office(day)
    said = text.casefold()
    if not current and title and title.casefold() in said and "former" not in said:
        current = True  # "President Bazoum" two days after the coup: still his office
    former = "OPP" if person.sector == "GOV" and person.title.casefold() in FORMER_HEADS \
        else "UNK"
    return Actor(text=text, name=person.name, country=person.country, org=person.org,
                 sector=person.sector if current else former,
                 title=person.title if current else title)



def code_actor(text: str, match: NameMatch, actors: ActorDictionary, *, name: str | None,
                title: str | None, sector: str | None) -> Actor:
    if match.kind == "org":
        org = actors.organisations.get(match.code or "")
        return Actor(text=text, name=name or (org.name if org else match.code), org=match.code,
                     sector=sector or (org.sector if org else "IGO"), title=title)
    if match.kind == "group":
        return Actor(text=text, name=name or match.label, country=match.code,
                     sector=sector or match.sector, title=title)
    country = actors.countries.get(match.code or "")
    if match.kind == "demonym" and not sector:
        sector = "CVL"  # "South Koreans rallied": people, not their government
    return Actor(text=text, name=name or (country.name if country else match.code),
                 country=match.code, sector=sector or "GOV", title=title)

