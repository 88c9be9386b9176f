"""ingest stage: files and feeds -> raw documents -> cleaned articles, with duplicate checks."""

from equipoise.ingest._boilerplate import Boilerplate, default_boilerplate, load_boilerplate
from equipoise.ingest.clean import clean_document, detect_language, extract_html
from equipoise.ingest.dedup import DuplicateIndex, DuplicateVerdict
from equipoise.ingest.readers import iter_documents

__all__ = [
    "Boilerplate",
    "DuplicateIndex",
    "DuplicateVerdict",
    "clean_document",
    "default_boilerplate",
    "detect_language",
    "extract_html",
    "iter_documents",
    "load_boilerplate",
]
