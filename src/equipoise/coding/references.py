"""What plural references and one-sided events stand for, from the article so far.

"The two leaders", "both sides", "they" mean the parties in play: those named earlier in
the same sentence when there are two or more, else the parties of the last event with
two sides, else the last two states mentioned.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from equipoise.actors.mentions import Mention
from equipoise.coding.rosters import Roster, load_gathering_words, roster_near
from equipoise.models import Actor


@dataclass(slots=True)
class ArticleState:
    """What the coder remembers while it reads one article from top to bottom."""

    in_play: tuple[str, ...] = ()
    conflict_in_play: bool = False
    hostile_parties: tuple[str, ...] = ()
    gathering: tuple[str, ...] = ()  # the parties of the latest meeting
    history: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    representative: dict[str, Actor] = field(default_factory=dict)
    mentioned: list[str] = field(default_factory=list)
    parties: list[tuple[str, tuple[Actor, ...]]] = field(default_factory=list)
    forceful: tuple[str, ...] = ()  # the actors of the latest act of force coded
    rosters: list[Roster] = field(default_factory=list)  # gatherings the article lists
    sent_starts: tuple[int, ...] = ()

    def note_mention(self, mention: Mention, doc: Doc | None = None) -> None:
        """Remember who was named; a city named as a venue ("met in The Hague") is not a
        party that "the leaders" could mean later."""
        venue = doc is not None and _is_place(mention, doc)
        for actor in mention.actors:
            code = actor.code
            if code is None:
                continue
            if code not in self.representative or (actor.title and actor.name):
                self.representative[code] = actor
            if not venue and (not self.mentioned or self.mentioned[-1] != code):
                self.mentioned.append(code)

    def note_acts(self, kind: str, actor_codes: tuple[str, ...]) -> None:
        self.history.append((kind, actor_codes))

    def note_parties(self, kind: str, actors: list[Actor]) -> None:
        """The actors of an event with their sectors, for acts inside one country."""
        self.parties.append((kind, tuple(actors)))

    def party_for(self, code: str, kinds: tuple[str, ...], text: str) -> Actor:
        """The actor of that code in the latest event of one of ``kinds``, with its
        sector ("condemned the coup": the soldiers who seized power), else the country's
        representative."""
        for kind, actors in reversed(self.parties):
            found = next((a for a in actors if a.code == code), None) if kind in kinds else None
            if found is not None:
                return replace(found, text=text)
        return self.actor_for(code, text)

    def last_parties(self, kinds: tuple[str, ...], ours: list[Actor]) -> list[Actor]:
        """The actors of the latest event of one of ``kinds`` by another party than
        ``ours``, told apart by sector too ("police denied it": the accusers)."""
        mine = {(a.code, a.sector) for a in ours}
        for kind, actors in reversed(self.parties):
            if kind in kinds and actors and not {(a.code, a.sector) for a in actors} & mine:
                return list(actors)
        return []

    def last_actors(self, kinds: tuple[str, ...], exclude: set[str]) -> tuple[str, ...]:
        """The actors of the latest event of one of ``kinds`` not by ``exclude``."""
        for kind, codes in reversed(self.history):
            if kind in kinds and not set(codes) & exclude:
                return codes
        return ()

    def note_meeting(self, codes: list[str]) -> None:
        if codes:
            self.gathering = tuple(dict.fromkeys(codes))

    def note_event(self, codes: list[str], *, conflict: bool = False) -> None:
        if len(set(codes)) >= 2:
            self.in_play = tuple(dict.fromkeys(codes))
            self.conflict_in_play = conflict
            if conflict:
                self.hostile_parties = self.in_play

    def actor_for(self, code: str, text: str) -> Actor:
        known = self.representative.get(code)
        if known is None:
            return Actor(text=text, name=code, country=code if len(code) == 3 else None,
                         org=None if len(code) == 3 else code)
        return Actor(text=text, name=known.name, country=known.country, org=known.org,
                     sector=known.sector, title=known.title)

    def parties_before(self, sentence_mentions: list[Mention], plural: Mention, doc: Doc, *,
                       two: bool = False, hostile: bool = False) -> list[str]:
        found = self._parties_before(sentence_mentions, plural, doc, two=two, hostile=hostile)
        count = _stated_count(doc[plural.start: plural.end])
        if count > 2 and len(found) == 1 and len(found[0]) != 3:
            return found  # "The 32 leaders": the organisation acting as one
        # "five Nordic nations are sanctioning Belarus" with two states in play: not those two
        return found if count <= 2 or len(found) >= count else []

    def _parties_before(self, sentence_mentions: list[Mention], plural: Mention, doc: Doc, *,
                        two: bool = False, hostile: bool = False) -> list[str]:
        here: list[str] = []
        earlier = [m for m in sentence_mentions if m.start < plural.start and not m.plural
                   and not _is_place(m, doc) and not described_in_passing(m, plural, doc)]
        people = [m for m in earlier if any(a.title for a in m.actors)]
        # "the allies" after a summit are those who met, never the adversary they condemned
        leaders = doc[plural.head].lower_ in MEETING_GROUPS | ALLIED
        body = self._body_of_many(doc[plural.start: plural.end]) if leaders else None
        if body is not None:
            return [body]
        if leaders and len(people) < 2 and len(self.gathering) >= 2:
            # "both leaders condemned ...": those who just met, even in a hostile act
            pair = self._acting_pair(self.gathering) if two and len(self.gathering) > 2 else ()
            return list(pair or (self.gathering[-2:] if two else self.gathering))
        if leaders and not two and not earlier and len(self.gathering) == 1 and (
                len(self.gathering[0]) != 3):
            return list(self.gathering)  # "NATO leaders met ... The 32 leaders agreed"
        for m in people if len(people) >= 2 else earlier:
            here += [a.code for a in m.actors if a.code and a.code not in here]
        if len(here) >= 2:
            return here[-2:] if two else here
        if hostile and self.hostile_parties:
            return list(self.hostile_parties[-2:] if two else self.hostile_parties)
        if self.in_play:
            pair = self._acting_pair(self.in_play) if two and len(self.in_play) > 2 else ()
            return list(pair or (self.in_play[-2:] if two else self.in_play))
        recent: list[str] = []
        for code in reversed(self.mentioned):
            if code not in recent:
                recent.append(code)
            if len(recent) == 2:
                break
        if (leaders or doc[plural.head].lower_ in BODY_HEADS) and len(recent) == 1 and (
                len(recent[0]) != 3):
            return recent  # "NATO leaders met ... The leaders condemned ...": the body
        return recent if len(recent) == 2 else []

    def _acting_pair(self, pool: tuple[str, ...]) -> tuple[str, ...]:
        """ "The two ministers signed ... and were received by Trump. The two governments
        commit ...": of three who met, the two who last acted side by side."""
        for _, codes in reversed(self.history):
            pair = tuple(dict.fromkeys(codes))
            if len(pair) == 2 and set(pair) <= set(pool):
                return pair
        return ()

    def _body_of_many(self, span: Span) -> str | None:
        """ "The 32 leaders approved ...": more parties than are in play, so the members
        of the organisation named last, acting as one."""
        count = next((int(t.text) for t in span if t.text.isdigit()), 0)
        if count <= max(len(self.gathering), len(self.in_play), 2):
            return None
        return next((c for c in reversed(self.mentioned) if len(c) != 3), None)

    def resolve(self, mentions: tuple[Mention, ...], sentence_mentions: list[Mention],
                doc: Doc, *, hostile: bool = False) -> list[Actor]:
        out: list[Actor] = []
        for m in mentions:
            if m.kind == "bare":  # "Arab leaders meeting in Doha": only a listed gathering
                codes = self.roster_of(m) or _bloc_meeting(sentence_mentions, doc)
                out += [self.actor_for(c, doc[m.start: m.end].text) for c in codes]
            elif m.plural:
                span = doc[m.start: m.end]
                two = any(t.lower_ in ("two", "both", "pair", "each", "either") for t in span)
                out += [self.actor_for(c, span.text)
                        for c in self.parties_before(sentence_mentions, m, doc, two=two,
                                                     hostile=hostile)]
            else:
                out += list(m.actors)
        return out

    def roster_of(self, mention: Mention) -> tuple[str, ...]:
        """The members of the listed gathering a collective reference stands for."""
        index = bisect_right(self.sent_starts, mention.start) - 1
        roster = roster_near(self.rosters, index)
        return roster.codes if roster is not None else ()

    def other_party(self, codes: set[str]) -> str | None:
        """The one party in play that is not among ``codes`` (for "the summit with Japan")."""
        others = [c for c in self.in_play if c not in codes]
        return others[0] if len(others) == 1 and codes & set(self.in_play) else None




def _bloc_meeting(mentions: list[Mention], doc: Doc) -> tuple[str, ...]:
    """ "Meeting at an emergency summit of ECOWAS, heads of state condemned ...": with no
    list of who came, the leaders at a bloc's own summit act as the bloc."""
    cues = load_gathering_words().cues
    for m in mentions:
        if len(m.actors) != 1 or not m.actors[0].org:
            continue
        tok = doc[m.head]
        near = [tok.head, tok.head.head] if tok.dep_ in ("pobj", "appos") else [tok.head]
        if any(t.lemma_.lower() in cues and t.pos_ in ("NOUN", "PROPN") for t in near):
            return (m.actors[0].org,)
    return ()


PLACE_PREPS = ("in", "at", "near", "to", "from", "outside")
MEETING_GROUPS = {"leaders", "ministers", "presidents", "delegations", "governments",
                  "participants", "heads"}
BODY_HEADS = {"allies", "members", "partners"}  # of the one organisation named
ALLIED = {"allies", "partners"}


NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10}


def _stated_count(span: Span) -> int:
    """How many parties a reference says it stands for ("four Arab nations": 4), else 0."""
    for t in span:
        if t.text.isdigit():
            return int(t.text)
        if t.lower_ in NUMBERS:
            return NUMBERS[t.lower_]
    return 0


def described_in_passing(mention: Mention, reference: Mention, doc: Doc) -> bool:
    """ "Indonesia, which holds the bloc's chair, asked both sides", "the two republics, which both
    host Russian bases": a name inside a relative clause describes a party; it is not one
    of the parties a later reference in the sentence stands for."""
    tok = doc[mention.head]
    while tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return not tok.is_ancestor(doc[reference.head])
        tok = tok.head
    return False


def _is_place(mention: Mention, doc: Doc) -> bool:
    """ "met in Lima, Peru": a capital or country named as the venue is not a party."""
    return mention.kind in ("capital", "country", "metonym") and _venue(doc[mention.head])


def _venue(tok: Token) -> bool:
    while tok.dep_ in ("appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS
