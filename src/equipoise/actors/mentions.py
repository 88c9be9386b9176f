"""Actor mentions: who each noun phrase of an article stands for.

A mention is a noun phrase headed by one token ("Japanese Prime Minister Sanae Takaichi",
"China's coast guard", "Seoul", "Lee", "the two leaders"). Its actors come from the
dictionary, from the phrase's own modifiers (country adjectives, titles) and, for short
references (surnames, "the president", "his Japanese counterpart"), from earlier
mentions in the same article.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from equipoise.actors.dictionary import ActorDictionary, Person
from equipoise.actors.matcher import NameMatch, NameMatcher
from equipoise.actors.speakers import SPEECH_VERBS, speaker_of
from equipoise.models import Actor

NP_MODIFIERS = {"compound", "amod", "poss", "nmod", "det", "case", "punct", "nummod",
                "predet", "quantmod", "npadvmod"}
PLURAL_REFERENCES = {"leaders", "sides", "countries", "nations", "governments", "pair",
                     "neighbours", "neighbors", "delegations", "parties", "two", "allies",
                     "ministers", "presidents", "states", "country", "side", "nation",
                     "government", "leader", "party", "men", "women"}
SINGULAR_DISTRIBUTIVE = {"each", "either"}
PLURAL_MARKERS = {"two", "both", "each", "either", "their", "three"}
PRONOUNS = {"he", "she", "him"}
SPEAKER_PRONOUNS = {"we", "i", "it"}
SPEAKER_POSSESSIVES = {"its", "our", "my"}
PLURAL_PRONOUNS = {"they", "their"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A noun phrase standing for one or more actors; ``actors`` is empty for a plural
    reference ("the two sides") until the coder resolves it."""

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    kind: str
    plural: bool = False


class MentionFinder:
    """Finds mentions in a parsed article (one instance per process)."""

    def __init__(self, matcher: NameMatcher, actors: ActorDictionary) -> None:
        self._matcher = matcher
        self._actors = actors

    def __call__(self, doc: Doc, published: date | None) -> list[Mention]:
        matches = self._matcher(doc)
        by_token = {i: m for m in matches for i in range(m.start, m.end)}
        builder = _Builder(doc, self._actors, by_token, published)
        return builder.build(matches)


# entity labels of words that share a spelling with a surname but are not people
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


class _Builder:
    def __init__(self, doc: Doc, actors: ActorDictionary, by_token: dict[int, NameMatch],
                 published: date | None) -> None:
        self.doc = doc
        self.actors = actors
        self.by_token = by_token
        self.published = published
        self.seen_people: list[Actor] = []
        self.seen_titled: list[Actor] = []
        self.out: list[Mention] = []
        # every state and organisation the article names: see _surname_hits
        self.named_codes: set[str | None] = {m.code for m in by_token.values()} | {
            p.country or p.org for m in by_token.values() for p in m.people}

    def build(self, matches: list[NameMatch]) -> list[Mention]:
        heads = sorted({self._np_head(self.doc[m.start]) for m in matches} | self._other_heads())
        for head in heads:
            mention = self._mention_at(self.doc[head])
            if mention is not None:
                self.out.append(mention)
                self._remember(mention)
        self.out += self._acronym_mentions()
        self.out += self._speaker_pronouns()
        return sorted(self.out, key=lambda m: m.start)

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

    def by_token_text(self) -> set[str]:
        return {self.doc[i].text for i in self.by_token}

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

    def _other_heads(self) -> set[int]:
        """Heads that need no dictionary name: unknown people, surnames, references."""
        out: set[int] = set()
        for tok in self.doc:
            low = tok.lower_
            if self._may_head(tok, low):
                out.add(self._np_head(tok))
        return out

    def _may_head(self, tok: Token, low: str) -> bool:
        if tok.ent_type_ == "PERSON" or low in PRONOUNS or low in PLURAL_PRONOUNS:
            return True
        if low == "both" and tok.dep_ in ("nsubj", "nsubjpass"):
            return True  # "Both blamed each other"
        if tok.i not in self.by_token and tok.is_title and (
                tok.pos_ == "PROPN" or self._noun_surname(tok)):
            return True  # a surname the NER missed ("Kanasugi"), or tagged a noun ("Trump")
        described = {term.split()[-1] for term in self.actors.descriptions}
        return tok.pos_ == "NOUN" and (low in PLURAL_REFERENCES or self._is_role(tok)
                                       or low in described)

    def _noun_surname(self, tok: Token) -> bool:
        return tok.dep_ == "nsubj" and tok.is_title and bool(
            self.actors.people_with_surname(tok.text, self.published))

    def _np_head(self, tok: Token) -> int:
        while tok.dep_ in ("compound", "amod", "poss", "nmod", "flat") and tok.head.i != tok.i:
            if tok.dep_ == "poss" and (not _is_name_like(tok.head) or tok.pos_ == "PRON"
                                       or not self._is_agent(tok.head)):
                break  # "their summit", "Xi's visit": the owner is a mention of its own
            if tok.dep_ == "amod" and tok.pos_ == "PROPN" and tok.head.pos_ == "NOUN":
                break  # a mis-parsed name before a verb ("Lee Jae-myung held talks")
            tok = tok.head
        return tok.i

    def _np_tokens(self, head: Token) -> list[Token]:
        toks = [head]
        for child in head.lefts:
            if child.dep_ in NP_MODIFIERS:
                toks.extend(child.subtree)
        if self._is_role(head) or head.lower_ in PLURAL_REFERENCES or (
                head.lemma_.lower() in self.actors.agent_nouns):
            # "the leaders of Armenia and Azerbaijan", "foreign ministers from China and
            # Pakistan", "the President of France"
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    toks.extend(child.subtree)
        return sorted(set(toks), key=lambda t: t.i)

    def _is_role(self, tok: Token) -> bool:
        return tok.lower_ in self.actors.roles or tok.lemma_.lower() in self.actors.roles

    def _mention_at(self, head: Token) -> Mention | None:
        described = self._description(head)
        if described is not None:
            return described
        if self._is_modifier_only(head):
            return self._name_only(head)
        toks = self._np_tokens(head)
        start, end = toks[0].i, toks[-1].i + 1
        names = [self.by_token[t.i] for t in toks if t.i in self.by_token]
        names = list({(n.start, n.end): n for n in names}.values())
        low = head.lower_
        if low in PRONOUNS:
            return self._pronoun(head)
        if low in PLURAL_PRONOUNS:
            joint = self._joint_speakers(head)
            if joint is not None:
                return joint
        if low in PLURAL_PRONOUNS or low == "both" or (low in PLURAL_REFERENCES and not names and (
                _plural_marked(toks, head) or _definite_group(toks, head))):
            return Mention(start, end, head.i, (), "plural", plural=True)
        actors = self._actors_of(head, toks, names)
        if not actors:
            return None
        kind = names[0].kind if names else "reference"
        expanded = tuple(x for a in actors for x in self._expand(a))
        return Mention(start, end, head.i, expanded, kind)

    def _description(self, head: Token) -> Mention | None:
        """ "The alliance accused China": the organisation named before; "urged the junta":
        the state named before; "the militant group": the armed group named before; "the
        boat": the ship of a state named before."""
        toks = self._np_tokens(head)
        words = " ".join(t.lower_ for t in toks if t.dep_ != "det")
        kind = self.actors.descriptions.get(words) or self.actors.descriptions.get(head.lower_)
        if kind is None or not any(t.lower_ == "the" for t in toks) or any(
                t.i in self.by_token for t in toks):
            return None
        for earlier in reversed(self.out):
            if _of_kind(earlier, kind) and (kind != "craft" or self.actors.descriptions.get(
                    self.doc[earlier.head].lemma_.lower()) == "craft"):
                # "the boat" is the Venezuelan patrol vessel named before
                return Mention(toks[0].i, toks[-1].i + 1, head.i, earlier.actors, "reference")
        return None

    def _is_agent(self, tok: Token) -> bool:
        """A noun that stands for an actor when a name modifies it ("China's coast guard")."""
        return (tok.pos_ == "PROPN" or self._is_role(tok)
                or tok.lemma_.lower() in self.actors.agent_nouns
                or tok.lower_ in PLURAL_REFERENCES)

    def _is_modifier_only(self, head: Token) -> bool:
        """A common noun that is not an agent: "the Philippines' decision", "Ukraine-related
        sanctions". The names in it are mentions of their own."""
        if head.i in self.by_token or head.ent_type_ == "PERSON" or head.pos_ == "PROPN" or (
                self._noun_surname(head)):
            return False
        lemma = head.lemma_.lower()
        return not (self._is_role(head) or lemma in self.actors.agent_nouns
                    or head.lower_ in PLURAL_REFERENCES or head.lower_ in PRONOUNS
                    or head.lower_ in PLURAL_PRONOUNS or head.lower_ == "both")

    def _name_only(self, head: Token) -> Mention | None:
        """The first name inside a non-agent phrase, as a mention headed by itself."""
        for tok in self._np_tokens(head):
            match = self.by_token.get(tok.i)
            if match is not None and match.kind != "person":
                text = self.doc[match.start: match.end].text
                actor = _code_actor(text, match, self.actors, name=None, title=None, sector=None)
                return Mention(match.start, match.end, match.end - 1, self._expand(actor),
                               match.kind)
        return None

    def _actors_of(self, head: Token, toks: list[Token], names: list[NameMatch]
                   ) -> tuple[Actor, ...]:
        codes = [n for n in names if n.kind != "person"]
        distinct = list({n.code: n for n in codes}.values())
        people = [n for n in names if n.kind == "person"]
        coordinated = any(t.dep_ == "cc" for t in toks)
        if len(distinct) > 1 and not people and coordinated:
            text = self.doc[toks[0].i: toks[-1].i + 1].text
            title = self._title(toks)
            return tuple(self._group(text, [n], title, head) for n in distinct)
        if coordinated and len({(n.start, n.end) for n in people}) > 1:
            # "Egypt's Sisi and Turkey's Erdogan" parsed as one phrase: each person
            return tuple(self._known_person(self.doc[n.start: n.end].text, n, None)
                         for n in people)
        actor = self._actor_of(head, toks, names)
        return (actor,) if actor is not None else ()

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
        return _code_actor(text, code, self.actors, name=name, title=title,
                           sector=role.sector if role else "GOV")

    def _group(self, text: str, codes: list[NameMatch], title: str | None, head: Token) -> Actor:
        role = self.actors.roles.get((title or "").casefold())
        sector = role.sector if role else None
        if codes[0].kind == "org" and sector in ("CVL", "REF"):
            sector = None  # "the U.N. refugee agency" is the organisation, not refugees
        name = text if title else None
        return _code_actor(text, codes[0], self.actors, name=name, title=title, sector=sector)

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
            speaker = index.get(subj.i)
            if several and speaker is not None and speaker.actors:
                return Mention(head.i, head.i + 1, head.i, speaker.actors, "pronoun")
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

    def _title(self, toks: list[Token]) -> str | None:
        words = [t.lower_ for t in toks]
        best: str | None = None
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                cand = " ".join(words[i:j])
                if cand in self.actors.roles and (best is None or len(cand) > len(best)):
                    best = cand
        if best is None:
            return None
        return " ".join(w.capitalize() if w not in ("of", "the", "for") else w
                        for w in best.split())

    def _person_name(self, head: Token) -> str | None:
        if head.ent_type_ != "PERSON":
            return None
        ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
        if ent is None:
            return None
        name = " ".join(t.text for t in ent if t.i not in self.by_token
                        and t.lower_ not in self.actors.roles and t.pos_ == "PROPN")
        return name or None

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

    def _remember(self, mention: Mention) -> None:
        for actor in mention.actors:
            if actor.title and actor.code:
                self.seen_titled.append(actor)
            # "Chinese foreign ministry spokesperson Guo Jiakun": a titled person the
            # dictionary lacks is "Guo" later on
            introduced = actor.title is not None and (
                self.doc[mention.head].ent_type_ == "PERSON")
            named_person = mention.kind == "person" or introduced or (
                mention.kind == "reference" and actor.title is not None)
            if actor.name and named_person:
                self.seen_people.append(actor)


GROUP_HEADS = {"leaders", "ministers", "presidents", "delegations", "governments", "sides",
               "countries", "nations", "allies"}
NOT_GOVERNMENT = {"business", "opposition", "religious", "civic", "community", "industry",
                  "student", "union", "party", "world", "local", "military", "rebel", "tribal"}


def _definite_group(toks: list[Token], head: Token) -> bool:
    """ "The leaders condemned ...": the leaders just named, unless they are of another kind
    ("business leaders")."""
    words = {t.lower_ for t in toks}
    if head.lower_ not in GROUP_HEADS or words & NOT_GOVERNMENT:
        return False
    return head.text == "Leaders" or "the" in words


def _of_kind(mention: Mention, kind: str) -> bool:
    actors = mention.actors
    if not actors or mention.plural:
        return False
    if kind == "org":
        return all(a.org for a in actors)
    if kind == "group":
        return mention.kind == "group" or all(a.sector in ("REB", "CRM", "OPP") for a in actors)
    if kind == "craft":
        return all(a.country for a in actors)
    return all(a.country for a in actors) and mention.kind not in ("adjective", "demonym")


def _plural_marked(toks: list[Token], head: Token) -> bool:
    """ "the two leaders", "both sides", "each country" (a singular noun needs each/either)."""
    words = {t.lower_ for t in toks}
    if words & NOT_GOVERNMENT:
        return False
    if head.tag_ in ("NN", "NNP"):
        return bool(words & SINGULAR_DISTRIBUTIVE)
    return bool(words & PLURAL_MARKERS)


def _is_name_like(tok: Token) -> bool:
    return tok.pos_ in ("PROPN", "NOUN")


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


def _code_actor(text: str, match: NameMatch, actors: ActorDictionary, *, name: str | None,
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
