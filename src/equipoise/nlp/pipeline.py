"""Loading the spaCy pipeline once per process, with paragraph-aware sentences."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex, filter_spans

from equipoise.errors import ModelError

# The coder needs the parser (arguments) and NER (people); lemmatizer and tagger too.
_DISABLED: tuple[str, ...] = ()


HYPHEN_GIVEN = re.compile(r"^[A-Z][a-z]{1,4}$")
HYPHEN_TAIL = re.compile(r"^[a-z]{2,5}$")


def merge_hyphenated_names(doc: Doc) -> Doc:
    """ "Lee Jae-myung": one token for a hyphenated given name after a capitalised word.

    The small English model parses "Jae - myung" as three words and often loses the
    sentence around it; a short capitalised syllable, a hyphen and a short lower-case
    syllable with no spaces, after a capitalised surname, is one name.
    """
    spans = []
    for tok in doc[1:-2]:
        prev, hyphen, tail = doc[tok.i - 1], doc[tok.i + 1], doc[tok.i + 2]
        if (hyphen.text == "-" and not tok.whitespace_ and not hyphen.whitespace_
                and HYPHEN_GIVEN.match(tok.text) and HYPHEN_TAIL.match(tail.text)
                and prev.text[:1].isupper() and prev.is_alpha):
            spans.append(doc[tok.i: tok.i + 3])
    with doc.retokenize() as retokenizer:
        for span in filter_spans(spans):
            retokenizer.merge(span)
    return doc


@Language.component("equipoise_hyphen_names")
def hyphen_names(doc: Doc) -> Doc:
    return merge_hyphenated_names(doc)


DATELINE_MARKS = {"-", "—", "–", ":", "--"}


def dateline_end(doc: Doc, start: int) -> int | None:
    """The token after a dateline at ``start`` ("SEOUL:", "RIYADH, Saudi Arabia -",
    "DOHA/CAIRO:", "New Delhi, May 10:"), or None. Datelines name where the story was
    filed, not who acted."""
    return _capitals_dateline_end(doc, start) or _dated_dateline_end(doc, start)


def _capitals_dateline_end(doc: Doc, start: int) -> int | None:
    i, capitals, in_parens = start, 0, False
    while i < len(doc) and i - start < 10:
        tok = doc[i]
        if tok.text in DATELINE_MARKS and not in_parens:
            return i + 1 if capitals and i + 1 < len(doc) else None
        if tok.text in ("(", ")"):
            in_parens = tok.text == "("  # "PYONGYANG (Reuters) -"
        elif tok.is_upper and tok.is_alpha and len(tok) >= 3:
            capitals += 1
        elif not (in_parens or tok.text in {",", "/", "."} or (capitals and tok.is_title)):
            return None
        i += 1
    return None


_MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_PLACE = r"[A-Z][A-Za-z'’.\-]+(?:[ /][A-Z][A-Za-z'’.\-]+){0,3}"
_AGENCY = r"(?:\([^()]{1,40}\)\s*)?"
# PLACE[, REGION] [(AGENCY)] MONTH DAY[, YEAR] [(AGENCY)] then a dash or colon; the dash is
# where the lead begins ("KYIV, Oct 3 - Russia ...", "Cairo (Wire) May 4, 2024 -")
DATED_DATELINE = re.compile(
    rf"\(?{_PLACE}\)?(?:,\s*{_PLACE})?\s*,?\s*{_AGENCY}{_MONTH}\.?\s+\d{{1,2}}"
    rf"(?:,?\s+(?:19|20)\d\d)?\.?\s*{_AGENCY}(?:\.-|--|[-–—:])\s*")


def _dated_dateline_end(doc: Doc, start: int) -> int | None:
    """A dateline that carries its date ("WARSAW, Nov 19 (Baltic Wire) -"): the same shape
    the ingest stage reads publication dates from."""
    begin = doc[start].idx
    match = DATED_DATELINE.match(doc.text, begin, begin + 200)
    if match is None:
        return None
    end = match.end()
    for tok in doc[start:]:
        if tok.idx >= end:
            return tok.i if not tok.is_space else (tok.i + 1 if tok.i + 1 < len(doc) else None)
        if tok.idx + len(tok) > end:
            return None  # "Press)--North": the dash glued to the lead; leave it whole
    return None


def dateline_place(doc: Doc, start: int) -> str | None:
    """The place a dateline at ``start`` names ("WASHINGTON" -> "Washington", "New Delhi")."""
    end = dateline_end(doc, start)
    if end is None:
        return None
    text = re.split(r"[,(/:\-–—]", doc[start:end].text, maxsplit=1)[0].strip()
    return text.title() if text.isupper() else text or None


@Language.component("equipoise_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence; a dateline is a sentence of its own."""
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]
    for start in starts:
        if start >= len(doc):
            continue
        doc[start].is_sent_start = True
        end = dateline_end(doc, start)
        if end is not None:
            doc[end].is_sent_start = True
            _keep_together(doc, end)
    return doc


def _keep_together(doc: Doc, start: int) -> None:
    """The sentence after a dateline runs to its full stop (the parser tends to split it)."""
    for tok in doc[start + 1:]:
        if tok.is_space and "\n" in tok.text:
            return
        tok.is_sent_start = False
        if tok.text in (".", "!", "?"):
            return


SHOUTING_RUN = re.compile(r"\b[A-Z]{1,}(?:[ ]+[A-Z]{1,})+(?=[ ]+[a-z])")
SOURCE_TEXT = "equipoise_source_text"


def normalise_shouting(text: str) -> str:
    """ "A RUSSIAN court sentenced", "THE PHILIPPINE COAST GUARD accused": capitals used for
    emphasis, title-cased so that the tagger and NER read them as words. Only runs of two or
    more capitalised words with one of five letters or more, followed by a lower-case word,
    change (acronyms such as "US", "NATO" stand alone); the copy keeps every offset."""
    def title(match: re.Match[str]) -> str:
        words = match.group(0)
        if max(len(w) for w in words.split()) < 5:
            return words
        return re.sub(r"[A-Z]+", lambda w: w.group(0).capitalize(), words)

    return SHOUTING_RUN.sub(title, text)


def source_text(doc: Doc) -> str:
    """The text as stored, for evidence: the parse may have read a normalised copy."""
    stored = doc.user_data.get(SOURCE_TEXT)
    return stored if isinstance(stored, str) else doc.text


class CaseNormalisingTokenizer:
    """Tokenises a same-length, case-normalised copy of the text (``normalise_shouting``)
    and keeps the stored text on the Doc, so offsets still point into it."""

    def __init__(self, inner: Callable[[str], Doc]) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        copy = normalise_shouting(text)
        doc = self.inner(copy)
        if copy != text:
            doc.user_data[SOURCE_TEXT] = text
        return doc


# "(Reuters) -China's military": a dash glued to the first word of a lead after a dateline.
LEADING_DASH = r"[-–—](?=[A-Z])"


def _split_leading_dashes(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer keeps its own rules
    prefixes = [*(nlp.Defaults.prefixes or ()), LEADING_DASH]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search


@lru_cache(maxsize=2)
def load_nlp(name: str) -> Language:
    """The named spaCy pipeline, loaded once per process (it ships as a PyPI package)."""
    try:
        nlp = spacy.load(name, disable=list(_DISABLED))
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: {exc}. Install the project "
            "(pip install -e .) so that the pinned model package is present."
        ) from exc
    _split_leading_dashes(nlp)
    nlp.tokenizer = CaseNormalisingTokenizer(nlp.tokenizer)
    nlp.add_pipe("equipoise_hyphen_names", first=True)
    nlp.add_pipe("equipoise_paragraphs", before="parser")
    return nlp
