"""Loading the spaCy pipeline once per process, with paragraph-aware sentences."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from equipoise.errors import ModelError

# The coder needs the parser (arguments) and NER (people); lemmatizer and tagger too.
_DISABLED: tuple[str, ...] = ()


@Language.component("equipoise_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence; the parser may not split a heading from its text."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


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
    nlp.add_pipe("equipoise_paragraphs", before="parser")
    return nlp
