"""Finding the dictionary's names in a parsed text.

One ``PhraseMatcher`` over every alias (case-sensitive, so "US" is not "us"), built once
per process for a vocabulary. Matches are the raw material for mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from equipoise.actors.dictionary import ActorDictionary, Person
from equipoise.nlp.pipeline import merge_hyphenated_names

# How a name refers to its actor; the order breaks ties between equal spans.
KINDS = ("person", "group", "org", "country", "capital", "metonym", "adjective", "demonym")
# "Latin American governments", "West African leaders": a region, not the country whose
# adjective follows (a country named so, "South Korean", is a longer match of its own)
REGION_WORDS = frozenset({"Latin", "Central", "South", "North", "East", "West"})


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int
    end: int
    kind: str
    code: str | None
    people: tuple[Person, ...] = ()
    label: str | None = None  # a group's own name
    sector: str | None = None


def _strip_article(alias: str) -> str:
    return alias[4:] if alias.lower().startswith("the ") else alias


class NameMatcher:
    """All aliases of the dictionary, matched in a Doc."""

    def __init__(self, nlp: Language, actors: ActorDictionary) -> None:
        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._targets: dict[str, list[tuple[str, str | None, tuple[Person, ...]]]] = (
            defaultdict(list)
        )
        self._groups = {alias: g for g in actors.groups.values() for alias in g.names}
        for alias, kind, code, people in _aliases(actors):
            self._targets[alias].append((kind, code, people))
        for alias in self._targets:
            # patterns are tokenised as texts are, hyphenated given names merged; real pages
            # mostly print the curly apostrophe ("People’s Republic of China", which read
            # straight would leave "Republic of China", Taiwan)
            spellings = dict.fromkeys((alias, alias.replace("'", "\u2019")))
            self._matcher.add(alias, [merge_hyphenated_names(nlp.make_doc(a)) for a in spellings])

    def __call__(self, doc: Doc) -> list[NameMatch]:
        spans: list[Span] = []
        for match_id, start, end in self._matcher(doc):
            spans.append(Span(doc, start, end, label=match_id))
        out = []
        for span in filter_spans(spans):
            kind, code, people = self._best(span.label_)
            if kind in ("adjective", "demonym") and span.start > 0 and (
                    doc[span.start - 1].text in REGION_WORDS):
                continue
            group = self._groups.get(span.label_) if kind == "group" else None
            out.append(NameMatch(span.start, span.end, kind, code, people,
                                 label=group.name if group else None,
                                 sector=group.sector if group else None))
        return out

    def _best(self, alias: str) -> tuple[str, str | None, tuple[Person, ...]]:
        targets = sorted(self._targets[alias], key=lambda t: KINDS.index(t[0]))
        kind, code, _ = targets[0]
        if kind == "person":
            people = tuple(p for k, _, ps in targets if k == "person" for p in ps)
            return kind, None, people
        return kind, code, ()


def _aliases(
    actors: ActorDictionary,
) -> Iterator[tuple[str, str, str | None, tuple[Person, ...]]]:
    for c in actors.countries.values():
        for kind, names in (("country", c.names), ("adjective", c.adjectives),
                            ("demonym", c.demonyms), ("capital", c.capitals),
                            ("metonym", c.metonyms)):
            for name in names:
                yield _strip_article(name), kind, c.code, ()
    for o in actors.organisations.values():
        for name in o.names:
            yield _strip_article(name), "org", o.code, ()
    for g in actors.groups.values():
        for name in g.names:
            yield _strip_article(name), "group", g.country, ()
    by_name: dict[str, list[Person]] = defaultdict(list)
    for p in actors.people:
        for name in p.names:
            by_name[name].append(p)
    for name, people in by_name.items():
        yield name, "person", None, tuple(people)
