"""Namesakes: someone an article names in full who only shares a dictionary person's
surname ("Jimmy Lai" is not Taiwan's Lai Ching-te, "General Listyo Sigit Prabowo" is not
Indonesia's President Prabowo).

A full name whose given names are none of the dictionary person's is another person, and
so is the same surname later on its own, until the dictionary person is named in full
again. A title before the bare surname ("President Lai") still names the office holder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from equipoise.actors.dictionary import ActorDictionary, Person
from equipoise.actors.matcher import NameMatch
from equipoise.actors.referencewords import reference_words

HONORIFICS = reference_words().honorifics  # data/actors/references.toml


@dataclass(slots=True)
class Namesakes:
    """Where each surname was last introduced in full, and whether by a namesake."""

    introductions: list[tuple[int, str, bool]] = field(default_factory=list)

    def blocks(self, surname: str, position: int) -> bool:
        """True when the surname at ``position`` last belonged to a namesake."""
        key = surname.casefold()
        last = [other for at, name, other in self.introductions if name == key and at < position]
        return bool(last) and last[-1]


def find_namesakes(doc: Doc, matches: list[NameMatch], actors: ActorDictionary
                   ) -> tuple[list[NameMatch], Namesakes]:
    """The matches without those that name a namesake, and where namesakes were named."""
    found = Namesakes()
    dropped: set[int] = set()
    matched = {i for m in matches for i in range(m.start, m.end)}
    title_words = frozenset(w for term in actors.roles for w in term.split())
    for match in matches:
        if not match.people:
            continue
        given = _given_names(doc, match.start, matched, title_words)
        surname = match.people[0].surname.casefold()
        if given:
            other = not any(_compatible(given, p) for p in match.people)
            found.introductions.append((given[0].i, surname, other))
            if other:
                dropped.add(match.start)
        elif doc[match.start: match.end].text.casefold() != surname:
            found.introductions.append((match.start, surname, False))  # named in full
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not any(t.i in matched for t in ent):
            _unmatched_name(ent, matched, actors, found, title_words)
    found.introductions.sort()
    kept = [m for m in matches if m.start not in dropped
            and not _bare_namesake(doc, m, found, actors)]
    return kept, found


def _given_names(doc: Doc, start: int, matched: set[int], title_words: frozenset[str]
                 ) -> list[Token]:
    """The capitalised names right before a matched name ("Listyo Sigit" of "General
    Listyo Sigit Prabowo"); the NER does not always call the whole a person."""
    out: list[Token] = []
    i = start - 1
    while i >= 0 and i not in matched and _is_name(doc[i], title_words):
        out.insert(0, doc[i])
        i -= 1
    return out


def _is_name(tok: Token, title_words: frozenset[str]) -> bool:
    """A capitalised proper noun that is no word of a title ("State" of "Secretary of
    State Marco Rubio", "General" of "General Listyo Sigit Prabowo") and no honorific
    ("Mr. Edi Rama")."""
    word = tok.lower_.rstrip(".")
    return tok.pos_ == "PROPN" and tok.is_title and word not in title_words and (
        word not in HONORIFICS and tok.lemma_.lower() not in title_words)


def _unmatched_name(ent: Span, matched: set[int], actors: ActorDictionary,
                    found: Namesakes, title_words: frozenset[str]) -> None:
    """ "Jimmy Lai": a full name the dictionary lacks whose surname it knows."""
    names = [t for t in ent if t.i not in matched and _is_name(t, title_words)]
    if len(names) < 2:
        return
    surname = names[-1].text.casefold()
    people = [p for p in actors.people if p.surname.casefold() == surname]
    if people:
        other = not any(_compatible(names[:-1], p) for p in people)
        found.introductions.append((ent.start, surname, other))


def _compatible(given: list[Token], person: Person) -> bool:
    """Every given name is one of the person's name words or an initial ("Donald J.
    Trump", "William Lai Ching-te")."""
    words = {w.casefold() for n in person.names for part in n.split()
             for w in (part, *part.split("-"))}
    return all(t.text.casefold() in words or len(t.text.rstrip(".")) == 1 for t in given)


def _bare_namesake(doc: Doc, match: NameMatch, found: Namesakes,
                   actors: ActorDictionary) -> bool:
    """A surname alone, untitled, after a namesake of that surname was introduced."""
    if match.kind != "person" or not match.people:
        return False
    span = doc[match.start: match.end]
    if span.text.casefold() != match.people[0].surname.casefold():
        return False
    return not _titled(doc, span, actors) and found.blocks(span.text, match.start)


def _titled(doc: Doc, span: Span, actors: ActorDictionary) -> bool:
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.lower_ in actors.roles or before.lemma_.lower() in actors.roles
