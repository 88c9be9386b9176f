"""Mentions that stand for an actor named elsewhere: descriptions ("the alliance"),
pronouns, the speakers of "they", acronyms defined in parentheses."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from equipoise.actors._phrases import (
    SPEAKER_POSSESSIVES,
    SPEAKER_PRONOUNS,
    Mention,
    PhraseSteps,
    of_kind,
)
from equipoise.actors.referencewords import reference_words
from equipoise.actors.speakers import SPEECH_VERBS, speaker_of
from equipoise.models import Actor

# verbs whose subject "it" is a placeholder ("it remains unclear", "it seems")
NOT_ACTS = reference_words().not_acts
# "the Iran-aligned group", "the Russia-backed force": the name says whom the group is
# tied to, not who it is
AFFILIATIONS = reference_words().affiliations


def affiliation(tok: Token) -> bool:
    """A name that only says whom a group is tied to."""
    head = tok.head
    return tok.dep_ in ("npadvmod", "compound", "nmod") and head.tag_ == "VBN" and (
        head.lemma_.lower() in AFFILIATIONS)


def main_subject(tok: Token) -> bool:
    """The subject of a sentence's main verb (or of a verb joined to it by "and")."""
    verb = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and (
        verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))


class ReferenceSteps(PhraseSteps):
    """The steps that resolve a mention through the mentions found before it."""

    def _description(self, head: Token) -> Mention | None:
        """ "The alliance accused China": the organisation named before; "urged the junta":
        the state named before; "the militant group": the armed group named before; "the
        boat": the ship of a state named before."""
        toks = self._np_tokens(head)
        words = " ".join(t.lower_ for t in toks if t.dep_ != "det")
        kind = self.actors.descriptions.get(words) or self.actors.descriptions.get(head.lower_)
        if kind is None or not any(t.lower_ == "the" for t in toks) or any(
                t.i in self.by_token and not affiliation(t) for t in toks):
            return None
        if kind == "home":
            home = self._protagonist(head, states_only=True)
            if home is None:
                return None
            role = self.actors.roles.get(words)
            actor = replace(home, text=self.doc[toks[0].i: toks[-1].i + 1].text,
                            sector=role.sector if role else home.sector)
            return Mention(toks[0].i, toks[-1].i + 1, head.i, (actor,), "reference")
        for earlier in reversed(self.out):
            if of_kind(earlier, kind) and (kind != "craft" or self.actors.descriptions.get(
                    self.doc[earlier.head].lemma_.lower()) == "craft"):
                # "the boat" is the Venezuelan patrol vessel named before
                return Mention(toks[0].i, toks[-1].i + 1, head.i, earlier.actors, "reference")
        return None

    def _protagonist(self, head: Token, *, states_only: bool, reach: int = 3) -> Actor | None:
        """The state (or organisation) that was most recently the subject of a main clause,
        in this sentence or the ``reach - 1`` before it: the party a story follows speaks
        through "the foreign ministry" and is "it" in the next sentence."""
        sents = 0
        sent = head.sent
        for earlier in reversed(self.out):
            if earlier.start >= head.i:
                continue
            while self.doc[earlier.start].i < sent.start:
                sents += 1
                if sents >= reach or sent.start == 0:
                    return None
                sent = self.doc[sent.start - 1].sent
            if len(earlier.actors) != 1 or not main_subject(self.doc[earlier.head]):
                continue
            actor = earlier.actors[0]
            if actor.country or (actor.org and not states_only):
                return actor
        return None

    def _subject_it(self) -> list[Mention]:
        """ "Vietnam said China had seized a boat. It accused Beijing of ...": "it" as the
        subject of a main clause is the state or organisation that was the last one."""
        taken = {i for m in self.out for i in range(m.start, m.end)}
        found = []
        for tok in self.doc:
            if tok.lower_ != "it" or tok.i in taken or not main_subject(tok) or (
                    tok.head.pos_ != "VERB" or tok.head.lemma_.lower() in NOT_ACTS):
                continue
            actor = self._protagonist(tok, states_only=False, reach=2)
            if actor is not None:
                found.append(Mention(tok.i, tok.i + 1, tok.i, (replace(actor, text=tok.text),),
                                     "pronoun"))
        return found

    def _pronoun(self, head: Token) -> Mention | None:
        index = {i: m for m in self.out for i in range(m.start, m.end)}
        speaker = speaker_of(head, index)
        if speaker is not None and speaker.actors and speaker.actors[0].name:
            return Mention(head.i, head.i + 1, head.i, speaker.actors, "pronoun")
        antecedent = self._subject_antecedent(head) or (
            self.seen_people[-1] if self.seen_people else None)
        if antecedent is None:
            return None
        return Mention(head.i, head.i + 1, head.i, (replace(antecedent, text=head.text),),
                       "pronoun")

    def _plural_protagonist(self, head: Token) -> Mention | None:
        """ "Armenian officials reported shelling near Jermuk. They blamed Azerbaijani
        units.": "they" as the next sentence's subject are the officials of one state who
        were the previous sentence's subject, when that sentence named no other party (after
        "Chinese officials met the Philippine delegation", "they" may be both)."""
        if head.lower_ != "they" or not main_subject(head) or head.sent.start == 0:
            return None
        previous = self.doc[head.sent.start - 1].sent
        there = [m for m in self.out if previous.start <= m.start < previous.end]
        codes = {a.code for m in there for a in m.actors}
        subjects = [m for m in there if m.actors and main_subject(self.doc[m.head])
                    and self.doc[m.head].tag_ in ("NNS", "NNPS")]
        if len(codes) != 1 or not subjects or not subjects[0].actors[0].country:
            return None
        return Mention(head.i, head.i + 1, head.i,
                       (replace(subjects[0].actors[0], text=head.text),), "pronoun")

    def _joint_speakers(self, head: Token) -> Mention | None:
        """ "X and Y said they reached a deal": "they" are the speakers when several speak."""
        verb = head.head
        if head.dep_ != "nsubj" or verb.dep_ != "ccomp" or (
                verb.head.lemma_.lower() not in SPEECH_VERBS):
            return None
        index = {i: m for m in self.out for i in range(m.start, m.end)}
        for subj in (c for c in verb.head.children if c.dep_ == "nsubj"):
            several = subj.tag_ in ("NNS", "NNPS") or any(
                t.dep_ == "conj" for t in subj.subtree)
            # "Chile, Peru and Ecuador said that they ...": every conjunct speaks
            found = [index.get(t.i) for t in (subj, *subj.conjuncts)]
            actors = tuple(dict.fromkeys(a for m in found if m is not None for a in m.actors))
            if several and actors:
                return Mention(head.i, head.i + 1, head.i, actors, "pronoun")
        return None

    def _subject_antecedent(self, head: Token) -> Actor | None:
        """The person who was the subject of this or the previous sentence ("He" = Xi)."""
        sent_start = head.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        for m in reversed(self.out):
            if m.start < prev_start:
                break
            person = m.actors[0] if len(m.actors) == 1 else None
            if (person is not None and person.name and person.title and m.start < head.i
                    and self.doc[m.head].dep_ in ("nsubj", "nsubjpass")):
                return person
        return None

    def _speaker_pronouns(self) -> list[Mention]:
        """ "we", "I", "it" as the subject of reported speech stand for the speaker."""
        index = {i: m for m in self.out for i in range(m.start, m.end)}
        found = []
        for tok in self.doc:
            if (tok.lower_ in SPEAKER_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass")) or (
                    tok.lower_ in SPEAKER_POSSESSIVES and tok.dep_ == "poss"):
                speaker = speaker_of(tok, index)
                if speaker is not None:
                    found.append(Mention(tok.i, tok.i + 1, tok.i, speaker.actors, "pronoun"))
        return found

    def _acronym_mentions(self) -> list[Mention]:
        """ "South Korea's Joint Chiefs of Staff (JCS)": later "the JCS" is the same actor."""
        doc, defined = self.doc, {}
        for tok in doc[:-2]:
            nxt, close = doc[tok.i + 1], doc[tok.i + 2]
            if tok.text == "(" and close.text == ")" and nxt.text.isupper() and len(nxt) > 1:
                before = [m for m in self.out if tok.i - 5 <= m.end - 1 < tok.i and m.actors]
                if before and nxt.text not in self.by_token_text():
                    defined[nxt.text] = (before[-1], tok.i + 1)
        taken = {i for m in self.out for i in range(m.start, m.end)}
        found = []
        for tok in doc:
            hit = defined.get(tok.text)
            if hit and tok.i != hit[1] and tok.i not in taken:
                found.append(Mention(tok.i, tok.i + 1, self._np_head(tok), hit[0].actors,
                                     "acronym"))
        return found
