"""The PLOVER coder: one parsed article in, its events out.

For each sentence, in reading order: find triggers (``coding.seam``), take their two
sides from the parse (``coding.participants``), make those the event's parties with the
article so far (``coding.parties``), decide the status (``coding.status``) and the date
(``coding.when``), settle type and mode (``coding.kinds``) and the place
(``coding.whereabouts``), and build the event with the sentence as evidence
(``coding.build``). Events of one type between the same parties on the same day are
merged at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from equipoise.actors.dictionary import ActorDictionary
from equipoise.actors.mentions import Mention, MentionFinder
from equipoise.actors.sectors import context_mentions, inferred_actors
from equipoise.coding.arguments import OBJECT_CONTROL, MentionIndex
from equipoise.coding.build import EventDraft, build_event, contexts_of, merge_events
from equipoise.coding.domestic import implausible
from equipoise.coding.groups import Region, narrow, party_regions
from equipoise.coding.kinds import (
    FORCEFUL_TYPES,
    HOSTILE_TYPES,
    confidence,
    gathered,
    halted,
    retype,
)
from equipoise.coding.lexicon import Lexicon
from equipoise.coding.participants import Sides, sides_of
from equipoise.coding.parties import PartyFinder
from equipoise.coding.reactions import body_kind, joint_kind, understated
from equipoise.coding.references import ArticleState
from equipoise.coding.rosters import find_rosters, load_gathering_words, members_replace
from equipoise.coding.seam import (
    EventTyper,
    LexiconTriggers,
    LexiconTyper,
    SentenceView,
    TriggerSource,
    propose,
)
from equipoise.coding.solo import part_of_another
from equipoise.coding.status import event_status, governors
from equipoise.coding.triggers import ActorTests, Trigger
from equipoise.coding.when import (
    LeadDates,
    SentenceDates,
    When,
    dated_status,
    event_when,
    named_as_then,
)
from equipoise.coding.whereabouts import Whereabouts
from equipoise.models import Actor, Article, Event, Location, Status
from equipoise.resolve.places import Gazetteer
from equipoise.resolve.reference import infer_reference


@dataclass(frozen=True, slots=True)
class CoderOptions:
    emit_historical: bool = False


class Coder:
    """Holds the shared, read-only resources; ``code`` is pure per article.

    ``sources`` and ``typer`` are the pluggable parts (see ``coding.seam``); by default
    the lexicon alone proposes and types triggers.
    """

    def __init__(self, *, lexicon: Lexicon, mentions: MentionFinder, gazetteer: Gazetteer,
                 options: CoderOptions | None = None,
                 actors: ActorDictionary | None = None,
                 sources: tuple[TriggerSource, ...] | None = None,
                 typer: EventTyper | None = None) -> None:
        self.lexicon = lexicon
        self.sources = sources if sources is not None else (LexiconTriggers(lexicon),)
        self.typer = typer if typer is not None else LexiconTyper(lexicon)
        self.mentions = mentions
        self.gazetteer = gazetteer
        self.options = options or CoderOptions()
        self.actors = actors

    def _with_reference(self, article: Article, doc: Doc) -> Article:
        """An undated article dated by its own clues (see ``resolve.reference``)."""
        assert self.actors is not None
        found = [a for m in self.mentions(doc, None) for a in m.actors]
        ref = infer_reference(article.text, found, self.actors)
        return article if ref is None else replace(article, published=ref.day)

    def code(self, article: Article, doc: Doc) -> list[Event]:
        if article.published is None and self.actors is not None:
            article = self._with_reference(article, doc)
        run = _ArticleRun(self, article, doc)
        events = [e for sent in doc.sents for e in run.sentence(sent)]
        events = members_replace(events, run.state.rosters)
        if not self.options.emit_historical:
            events = [e for e in events if e.status != "historical"]
        return merge_events(events)


class _ArticleRun:
    def __init__(self, coder: Coder, article: Article, doc: Doc) -> None:
        self.coder = coder
        self.article = article
        self.doc = doc
        self.published = article.published
        found = coder.mentions(doc, article.published)
        if coder.actors is not None:  # "police", "protesters in Tbilisi": whose, from context
            found = context_mentions(doc, found, coder.actors, place_country=self._country_of)
        self.inferred = inferred_actors(found)
        self.mentions = found
        self.index = MentionIndex(found, delegates=coder.lexicon.delegates)
        self.state = ArticleState(rosters=find_rosters(doc, found, load_gathering_words()),
                                  sent_starts=tuple(s.start for s in doc.sents))
        self.places = Whereabouts(doc, self.index, coder.gazetteer)
        self.lead_dates = LeadDates()
        self.parties = PartyFinder(lexicon=coder.lexicon, actors=coder.actors, doc=doc,
                                   index=self.index, state=self.state, places=self.places,
                                   inferred=self.inferred)

    def _country_of(self, name: str) -> str | None:
        place = self.coder.gazetteer.lookup(name)
        return place.country if place is not None else None

    def sentence(self, sent: Span) -> list[Event]:
        here = [m for m in self.mentions if sent.start <= m.start < sent.end]
        dates = self.lead_dates.read(SentenceDates.find(sent, self.published))
        if dates is None:
            return []  # a dateline: where and when the story was filed
        out = []
        tests = ActorTests(self.index.has_actor, self.index.names_actor, self.index.is_visitor,
                           self.index.is_traveller)
        view = SentenceView(tests, tuple(here))
        # meetings first: acts at a meeting told in the same sentence take its place;
        # concessions last: "put the plan on hold after a strike shut the airport" answers
        # the acts told with it
        triggers = sorted(propose(sent, view, self.coder.sources, self.coder.typer),
                          key=lambda t: (t.type != "CONSULT", t.type == "CONCEDE"))
        for trigger in triggers:
            out += self._events(trigger, sent, here, dates)
        out += self._listed_gathering(sent, here, dates, out)
        for m in here:
            self.state.note_mention(m, self.doc)
        self.places.note_sentence(sent, self.state.in_play)
        return out

    def _events(self, trigger: Trigger, sent: Span, here: list[Mention],
                dates: SentenceDates) -> list[Event]:
        sides = sides_of(trigger, self.index)
        regions = party_regions(trigger) if len(sides.recipients) >= 2 else []
        if not regions:
            event = self._event(trigger, sent, here, sides, dates, None)
            return [event] if event is not None else []
        out = []
        for region in regions:
            part, part_dates = narrow(sides, dates, region)
            event = self._event(trigger, sent, here, part, part_dates, region)
            if event is not None:
                out.append(event)
        return out

    def _listed_gathering(self, sent: Span, here: list[Mention], dates: SentenceDates,
                          coded: list[Event]) -> list[Event]:
        """A gathering whose participants the sentence lists (``coding.rosters``): all of
        them met, unless a meeting of them all was coded from the sentence already."""
        roster = next((r for r in self.state.rosters if r.sent_start == sent.start), None)
        if roster is None:
            return []
        met = {a.code for e in coded if e.event_type == roster.kind
               for a in e.actor + e.recipient}
        if set(roster.codes) <= met:
            return []
        if roster.host is not None:  # guests at a ceremony each visit its host
            trigger = Trigger(self.doc[roster.cue], "CONSULT", "visit")
            sides = Sides(roster.guests, (roster.host,))
        else:
            mode = "multilateral" if roster.kind == "CONSULT" else None
            trigger = Trigger(self.doc[roster.cue], roster.kind, mode)
            sides = Sides(roster.members, ())
        event = self._event(trigger, sent, here, sides, dates, None)
        return [event] if event is not None else []

    def _event(self, trigger: Trigger, sent: Span, here: list[Mention], sides: Sides,
               dates: SentenceDates, region: Region | None) -> Event | None:
        """One event: parties, then status and time, then type, then place."""
        halt = halted(trigger, self.coder.lexicon.status)
        trigger, fixed = halt if halt is not None else (trigger, None)
        parties = self.parties.find(trigger, sides, here)
        if parties is None:
            return None
        actors, recipients, filled = parties
        self.parties.coded[trigger.token.i] = (actors, recipients)
        timing = self._timing(trigger, dates, fixed)
        if timing is None:
            return None
        status, when = timing
        kind, mode = retype(trigger, status, sides, actors + recipients)
        if implausible(kind, actors, recipients) or part_of_another(
                trigger, kind, actors, recipients, self.state, self.coder.lexicon):
            return None
        actors, recipients, mode = gathered(trigger, kind, mode, actors, recipients)
        location = self.places.of_event(trigger, sides, kind, mode, actors, recipients, region,
                                        self.state.in_play)
        self._note(trigger, kind, status, actors, recipients, location)
        draft = EventDraft(
            article_id=self.article.id, sent=sent, event_type=kind, mode=mode, status=status,
            actor=tuple(actors), recipient=tuple(recipients), when=when, location=location,
            contexts=contexts_of(sent, self.coder.lexicon),
            confidence=confidence(sides, filled, when),
        )
        return build_event(draft, self.coder.lexicon)

    def _timing(self, trigger: Trigger, dates: SentenceDates, fixed: Status | None = None
                ) -> tuple[Status, When] | None:
        """Status and date, or None for a threat that is no one's ("urged the world to
        respond") or only a reported act where the entry codes only the unreal one."""
        cues = self.coder.lexicon.status
        status = fixed or event_status(trigger, cues)
        if understated(trigger):
            status = "future"  # "would not go unanswered": a threat said by its negation
        if trigger.verb is not None and trigger.verb.threat:
            if _asked_of_others(trigger.token):
                return None  # "urged the world to respond": no one threatened anything
            if status in ("future", "hypothetical"):
                status = "occurred"  # the threat is made now; the act threatened is not
            elif trigger.verb.only_unreal:
                return None
        when = event_when(trigger, dates, status, self.published)
        status = dated_status(status, when, self.published, historical_days=cues.historical_days)
        if status == "occurred" and named_as_then(trigger.token.sent):
            status = "historical"  # "a summit between then-leaders Poroshenko and Putin"
        return status, when

    def _note(self, trigger: Trigger, kind: str, status: Status, actors: list[Actor],
              recipients: list[Actor], location: Location | None) -> None:
        """What later sentences may refer back to: the acts, the parties in play, where
        they met."""
        codes = [a.code for a in actors + recipients if a.code]
        if status != "negated":  # "condemned the incident" may mean an alleged one
            for name in (kind, body_kind(trigger, kind), joint_kind(trigger, kind, actors,
                                                                          recipients)):
                if name is not None:
                    self.state.note_acts(name, tuple(a.code for a in actors if a.code))
                    self.state.note_parties(name, actors)
            if kind in FORCEFUL_TYPES:
                self.state.forceful = tuple(a.code for a in actors if a.code)
        if status in ("occurred", "future"):
            self.state.note_event(codes, conflict=kind in HOSTILE_TYPES)
            if trigger.type == "CONSULT":
                self.state.note_meeting(codes)
            meets = trigger.verb is not None and trigger.verb.meets
            self.places.remember(kind, codes, location, meets=meets)


def _asked_of_others(tok: Token) -> bool:
    return any(g.lemma_.lower() in OBJECT_CONTROL for g in governors(tok))
