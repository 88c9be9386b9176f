"""Gatherings whose participants the article lists, one after another.

News tells a summit of many states by listing who came: "Saudi Crown Prince X, Turkish
President Y, Iranian President Z and Pakistani Prime Minister W were among the leaders
seated around the table with their host, Emir V"; "the summit brought together the
presidents of A, B, C and D". No verb there has them as its subject and object, yet the
guideline codes every pair of them as a CONSULT. A *roster* is such a list: three or more
states or their people named in a row (only commas, semicolons and "and" between them) in
a sentence about a gathering, plus any titled person the sentence names beside them (the
host). Collective references near it ("Arab and Muslim leaders meeting in Doha condemned
...", "the participants said ...") stand for the same members, also when the list comes
a sentence or two after them. A list that only says who "attended" or "took part" is of
the gathering the sentence before named, and whoever chaired or hosted that gathering
there sat with them ("Xi chaired the first China-Central Asia Summit in Xi'an. The
presidents of A, B, C, D and E attended."). Guests at a ceremony (an inauguration, a state
funeral) do not meet one another: each visits the state that holds it, the venue the
story named ("travelled to Brasília to watch Lula take the oath of office. X sat in the
front rows alongside A, B and C").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from equipoise.actors.mentions import Mention
from equipoise.actors.wordfiles import read_word_lists
from equipoise.models import Event

MIN_MEMBERS = 3
FORWARD_SENTENCES = 3  # a collective reference may precede its list by this many sentences
CEREMONY_SENTENCES = 3  # a ceremony told this many sentences before its guest list
VENUE_KINDS = ("capital", "country", "metonym")
HOST_KINDS = ("capital", "country")
VENUE_PREPS = ("in", "at", "near", "to", "from", "outside", "inside", "off")


@dataclass(frozen=True, slots=True)
class GatheringWords:
    """``gatherings.toml``: what makes a list a gathering's participants."""

    cues: frozenset[str]
    absent: frozenset[str]
    separators: frozenset[str]
    group_heads: frozenset[str]
    membership: frozenset[str]
    ceremonies: frozenset[str]
    exercises: frozenset[str]
    participation: frozenset[str]


@dataclass(frozen=True, slots=True)
class Roster:
    """The listed participants of one gathering, told in one sentence."""

    sent_start: int
    sent_index: int
    cue: int  # the gathering word
    members: tuple[Mention, ...]
    codes: tuple[str, ...]
    host: Mention | None = None  # the state holding a ceremony its members attend
    kind: str = "CONSULT"  # COOPERATE for the navies or armies of a joint exercise

    @property
    def guests(self) -> tuple[Mention, ...]:
        """The members other than the host."""
        host = self.host
        if host is None:
            return self.members
        own = {a.code for a in host.actors}
        return tuple(m for m in self.members if not {a.code for a in m.actors} & own)


@lru_cache(maxsize=1)
def load_gathering_words(path: Path | None = None) -> GatheringWords:
    """``data/actors/gatherings.toml``, checked: eight lists of words."""
    path = path or Path(str(resources.files("equipoise.data") / "actors" / "gatherings.toml"))
    keys = ("cues", "absent", "separators", "group_heads", "membership", "ceremonies",
            "exercises", "participation")
    data = read_word_lists(path, keys)
    return GatheringWords(*(frozenset(w.casefold() for w in data[k]) for k in keys))


def find_rosters(doc: Doc, mentions: list[Mention], words: GatheringWords) -> list[Roster]:
    """Every listed gathering of the article, in reading order."""
    out: list[Roster] = []
    sents = list(doc.sents)
    drilled: list[Mention] = []  # states named so far in sentences about an exercise
    for n, sent in enumerate(sents):
        here = [m for m in mentions if sent.start <= m.start < sent.end]
        host = _ceremony_host(sents[max(0, n - CEREMONY_SENTENCES): n + 1], mentions, words)
        drill = _exercise(sent, words) or (_cue(sent, words) is None and any(
            _exercise(s, words) for s in sents[max(0, n - CEREMONY_SENTENCES): n]))
        roster = _roster(sent, n, here, words, host, drill=drill)
        if roster is not None and n > 0 and _elided(doc[roster.cue], words):
            before = sents[n - 1]
            roster = _with_convener(roster, before, [
                m for m in mentions if before.start <= m.start < before.end], words)
        if roster is not None and drill and _others(doc[roster.cue].sent):
            roster = _joined(roster, drilled)
        if roster is not None:
            out.append(roster)
        if _exercise(sent, words):
            drilled += [m for m in here if _member(m, doc) and not _venue(doc[m.head])]
    return out


def _exercise(sent: Span, words: GatheringWords) -> bool:
    return any(t.lemma_.lower() in words.exercises or t.lower_ in words.exercises
               for t in sent)


def _others(sent: Span) -> bool:
    """ "Other countries involved in the exercise are A, B and C": more than the list."""
    return any(t.lower_ == "other" and t.dep_ == "amod" and t.head.dep_ in ("nsubj", "attr")
               for t in sent)


def _joined(roster: Roster, drilled: list[Mention]) -> Roster:
    """An exercise's list of "other countries" with the states the story named taking part
    before it."""
    listed = set(roster.codes)
    earlier = [m for m in drilled if not {a.code for a in m.actors} <= listed]
    members = tuple(earlier) + roster.members
    return Roster(roster.sent_start, roster.sent_index, roster.cue, members,
                  _codes(list(members)), roster.host, roster.kind)


def _elided(cue: Token, words: GatheringWords) -> bool:
    """ "X, Y and Z attended.", "... took part": a verb of joining with no gathering named
    after it (the sentence before named it)."""
    if cue.pos_ not in ("VERB", "AUX"):
        return False
    named = [c for c in cue.children if c.dep_ in ("dobj", "prep") and c.lower_ != "part"]
    return not named and not any(t.lower_ in words.cues and t.pos_ == "NOUN"
                                 for t in cue.sent if t.i != cue.i and t.lower_ != "part")


def _with_convener(roster: Roster, before: Span, there: list[Mention],
                   words: GatheringWords) -> Roster:
    """The roster with whoever chaired, hosted or opened the gathering the sentence before
    names: the subject of the verb that governs the gathering noun."""
    doc = before.doc
    nouns = [t for t in before if t.pos_ in ("NOUN", "PROPN") and _is_cue(t, words)
             and t.dep_ == "dobj"]
    subjects = {c.i for n in nouns for c in n.head.children if c.dep_ == "nsubj"}
    conveners = [m for m in there if m.head in subjects and _member(m, doc)]
    if not conveners:
        return roster
    members = tuple(conveners) + roster.members
    return Roster(roster.sent_start, roster.sent_index, roster.cue, members,
                  _codes(list(members)))


def _roster(sent: Span, n: int, here: list[Mention], words: GatheringWords,
            host: Mention | None = None, *, drill: bool = False) -> Roster | None:
    cue = _cue(sent, words, drill=drill)
    if cue is None or _absent(sent, cue, words):
        return None
    doc = sent.doc
    candidates = [m for m in here if _member(m, doc)]
    run = _longest_run(candidates, doc, words)
    # a ceremony's host makes two listed guests a gathering of three
    least = MIN_MEMBERS - 1 if host is not None else MIN_MEMBERS
    own = {a.code for a in host.actors} if host is not None else set()
    if len(set(_codes(run)) - own) < least or _membership(run, doc, words) or not _gathered(
            run, here, doc, words, drill=drill):
        return None
    # the host or a guest named beside the list ("with their host, Emir X")
    extra = [m for m in candidates if m not in run and any(a.title for a in m.actors)]
    members = tuple(sorted(run + extra, key=lambda m: m.start))
    if host is not None and own <= set(_codes(list(members))):
        host = next(m for m in members if {a.code for a in m.actors} & own)
    if drill:  # the navies of a joint exercise cooperate; no one hosts them as guests
        return Roster(sent.start, n, cue.i, members, _codes(list(members)), None, "COOPERATE")
    return Roster(sent.start, n, cue.i, members, _codes(list(members)), host)


def _ceremony_host(sents: list[Span], mentions: list[Mention], words: GatheringWords
                   ) -> Mention | None:
    """The state holding the ceremony a guest list attends: when the list's sentence or
    the few before it tell of a ceremony, the first capital or country they name as a
    venue ("travelled to Brasília", "in the UAE capital"; a seat of government named
    later, "officials at the Casa Rosada", is the guests' own), else None."""
    if not any(t.lemma_.lower() in words.ceremonies or t.lower_ in words.ceremonies
               for s in sents for t in s):
        return None
    doc = sents[0].doc
    start, end = sents[0].start, sents[-1].end
    venues = [m for m in mentions if start <= m.start < end and m.kind in HOST_KINDS
              and len(m.actors) == 1 and m.actors[0].country and _venue(doc[m.head])]
    return venues[0] if venues else None


def _is_cue(tok: Token, words: GatheringWords, *, drill: bool = False) -> bool:
    """A gathering word, or "take part"; in a story of an exercise, its words and those of
    taking part in it ("involved in", "participating")."""
    lemma = tok.lemma_.lower()
    if drill and (lemma in words.exercises or lemma in words.participation):
        return True
    return lemma in words.cues or tok.lower_ in words.cues or (
        lemma == "take" and any(c.lower_ == "part" for c in tok.children))


def _cue(sent: Span, words: GatheringWords, *, drill: bool = False) -> Token | None:
    hits = [t for t in sent if _is_cue(t, words, drill=drill)]
    verbs = [t for t in hits if t.pos_ in ("VERB", "AUX")]
    found = verbs or hits
    return found[0] if found else None


def _absent(sent: Span, cue: Token, words: GatheringWords) -> bool:
    """ "did not attend", "stayed away from the summit": the listed were not there."""
    if any(c.dep_ == "neg" for c in cue.children) or any(
            c.dep_ == "neg" for c in cue.head.children if cue.dep_ in ("xcomp", "dobj")):
        return True
    return any(t.lemma_.lower() in words.absent for t in sent)


def _member(m: Mention, doc: Doc) -> bool:
    """A state or a person of one, named as a participant (not a venue, not a reference)."""
    if m.plural or not m.actors or not all(a.country for a in m.actors) or (
            m.kind.startswith("context")):  # "forces fighting piracy off Somalia"
        return False
    if m.kind in VENUE_KINDS and _venue(doc[m.head]):
        return False
    return not (m.kind == "adjective" and not any(a.title for a in m.actors)
                and doc[m.head].pos_ == "ADJ")  # "the Argentine capital"


def _venue(tok: Token) -> bool:
    while tok.dep_ in ("appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in VENUE_PREPS


def _membership(run: list[Mention], doc: Doc, words: GatheringWords) -> bool:
    """ "the bloc, made up of A, B and C": the list says what a body is made of."""
    return any(a.lemma_.lower() in words.membership for a in doc[run[0].head].ancestors)


def _gathered(run: list[Mention], here: list[Mention], doc: Doc, words: GatheringWords, *,
              drill: bool = False) -> bool:
    """Whether the list names who gathered: from its head up, a gathering word comes before
    any other verb than "be" ("X, Y and Z were among the leaders seated", "the summit
    brought together X, Y and Z") and before any noun that is not an actor ("where the
    borders of X, Y and Z meet", "after X, Y and Z failed to agree")."""
    covered = {i for m in here for i in range(m.start, m.end)}
    for tok in doc[run[0].head].ancestors:
        if tok.i in covered:
            continue
        if _is_cue(tok, words, drill=drill):
            return True
        if tok.pos_ == "NOUN" and tok.lower_ not in words.group_heads:
            return False
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() == "be"
    return False


def _longest_run(mentions: list[Mention], doc: Doc, words: GatheringWords) -> list[Mention]:
    """The longest stretch of mentions with only list separators between them."""
    best: list[Mention] = []
    run: list[Mention] = []
    end = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        # "Emir Tamim of Qatar, ...": a person's country after "of" belongs to them
        person = bool(run) and any(a.title for a in run[-1].actors)
        joined = run and (m.start < end or all(
            t.lower_ in words.separators or t.is_punct or (person and t.lower_ == "of")
            for t in doc[end:m.start]))
        run = [*run, m] if joined else [m]
        end = max(end, m.end) if joined else m.end
        if len(_codes(run)) > len(_codes(best)):
            best = run
    return best


def _codes(mentions: list[Mention]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.code for m in mentions for a in m.actors if a.code))


def roster_near(rosters: list[Roster], sent_index: int) -> Roster | None:
    """The roster a collective reference in sentence ``sent_index`` stands for: the latest
    one before it, else one listed in the next few sentences ("Arab leaders meeting in Doha
    condemned ... X, Y and Z were among the leaders seated around the table")."""
    before = [r for r in rosters if r.sent_index <= sent_index]
    if before:
        return before[-1]
    after = [r for r in rosters if sent_index < r.sent_index <= sent_index + FORWARD_SENTENCES]
    return after[0] if after else None


def members_replace(events: list[Event], rosters: list[Roster]) -> list[Event]:
    """A summit of a bloc whose members the article lists is coded among the members, not
    against the bloc: "Peña took part in the Mercosur summit" is dropped when the article
    lists who sat around the table (the listed meeting codes his pairs)."""
    if not rosters:
        return events
    listed = {c for r in rosters for c in r.codes}
    return [e for e in events if not _bloc_meeting(e, listed)]


def _bloc_meeting(event: Event, listed: set[str]) -> bool:
    if event.event_type != "CONSULT" or event.mode != "multilateral":
        return False
    parties = event.actor + event.recipient
    blocs = [a for a in parties if a.org]
    states = {a.code for a in parties if a.country}
    return len(blocs) == 1 and bool(states) and states <= listed
