"""Reading files and folders into raw documents, one Failure per bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from equipoise.ingest.readers import iter_documents
from equipoise.models import Failure, RawDocument


def _docs(paths: list[Path], **kwargs: int) -> list[RawDocument]:
    items = list(iter_documents(paths, **kwargs))
    assert all(isinstance(i, RawDocument) for i in items), items
    return [i for i in items if isinstance(i, RawDocument)]


def _failures(paths: list[Path]) -> list[Failure]:
    return [i for i in iter_documents(paths) if isinstance(i, Failure)]


def test_txt_takes_headline_as_title(data_dir: Path) -> None:
    [doc] = _docs([data_dir / "own_article.txt"])
    assert doc.fmt == "text"
    assert doc.title == "Indonesia and Vietnam Seal Maritime Boundary Deal at Jakarta Talks"
    assert doc.body.startswith(doc.title)
    assert doc.source == str(data_dir / "own_article.txt")


def test_txt_without_headline_has_no_title(data_dir: Path) -> None:
    [doc] = _docs([data_dir / "folder" / "a_note.txt"])
    assert doc.title is None


def test_html_is_passed_as_markup(data_dir: Path) -> None:
    [doc] = _docs([data_dir / "formats" / "page.html"])
    assert doc.fmt == "html"
    assert "<article>" in doc.body


def test_json_object_keeps_metadata(data_dir: Path) -> None:
    [doc] = _docs([data_dir / "formats" / "article.json"])
    assert (doc.id, doc.title, doc.outlet) == ("mekong-001", "Mekong States Agree on Dam Data",
                                                "River Desk")
    assert doc.url == "https://example.org/mekong-dam-data"
    assert doc.published == date(2025, 11, 3)
    assert doc.fmt == "text"
    assert doc.body.startswith("Water ministers")


def test_json_list_gives_one_item_per_object(data_dir: Path) -> None:
    path = data_dir / "formats" / "articles_list.json"
    first, second, third = iter_documents([path])
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.id == "17" and first.published == date(2025, 12, 1)
    assert second.fmt == "html" and second.published == date(2025, 12, 2)
    assert second.source == f"{path}#entry2"
    assert isinstance(third, Failure)
    assert third.source == f"{path}#entry3" and "'text' or 'html'" in third.reason


def test_jsonl_bad_line_is_a_failure_and_others_go_on(data_dir: Path) -> None:
    path = data_dir / "formats" / "articles.jsonl"
    items = list(iter_documents([path]))
    assert [i.source for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 5)]
    bad = items[1]
    assert isinstance(bad, Failure) and bad.stage == "ingest" and "line 2" in bad.reason
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.id for d in docs] == ["j1", "j3", "j4"]
    assert [d.published for d in docs] == [date(2025, 10, 8), date(2025, 10, 8), None]


def test_rss_prefers_content_encoded_and_skips_empty_items(data_dir: Path) -> None:
    path = data_dir / "formats" / "feed.rss"
    first, second, third = iter_documents([path])
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert "board vessels" in first.body and "teaser" not in first.body
    assert first.title == "Fiji and Tonga Sign Fisheries Accord"
    assert first.url == "https://example.org/fiji-tonga-fisheries"
    assert first.published == date(2025, 10, 14)
    assert first.outlet == "Harbour Light Review"
    assert first.fmt == "html" and first.source == f"{path}#entry1"
    assert "Apia" in second.body and second.published == date(2025, 10, 15)
    assert isinstance(third, Failure) and third.source == f"{path}#entry3"


def test_atom_entry(data_dir: Path) -> None:
    [doc] = _docs([data_dir / "formats" / "feed.atom"])
    assert doc.title == "Mongolia and Kazakhstan Open Rail Talks"
    assert doc.published == date(2025, 9, 19)
    assert doc.url == "https://example.org/rail-talks"
    assert doc.outlet == "Steppe Dispatch"
    assert "Ulaanbaatar" in doc.body


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_unknown(data_dir: Path) -> None:
    folder = data_dir / "folder"
    sources = [d.source for d in _docs([folder])]
    assert sources == [
        str(folder / "a_note.txt"),
        str(folder / "sub" / "b_article.json"),
        str(folder / "sub" / "c_page.htm"),
    ]


def test_body_is_cut_at_max_chars(data_dir: Path) -> None:
    [doc] = _docs([data_dir / "own_article.txt"], max_chars=100)
    assert len(doc.body) == 100


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.txt", "binary"),
        ("malformed.json", "not valid JSON"),
        ("report.pdf", "unsupported extension '.pdf'"),
        ("does_not_exist.txt", "no such file"),
    ],
)
def test_each_bad_input_is_a_failure(data_dir: Path, name: str, fragment: str) -> None:
    path = data_dir / "failures" / name
    [failure] = _failures([path])
    assert failure.source == str(path)
    assert failure.stage == "ingest"
    assert fragment in failure.reason


def test_bad_files_do_not_stop_the_run(data_dir: Path) -> None:
    failures = data_dir / "failures"
    paths = [failures / "empty.txt", data_dir / "missing", failures / "bom.txt"]
    items = list(iter_documents(paths))
    assert [type(i).__name__ for i in items] == ["Failure", "Failure", "RawDocument"]


def test_legacy_encoding_is_detected(data_dir: Path) -> None:
    [doc] = _docs([data_dir / "failures" / "cp1252.txt"])
    assert "étrangères a reçu" in doc.body
    assert "délégation’s" in doc.body and "Quai d’Orsay" in doc.body


@pytest.mark.parametrize("name", ["bom.txt", "utf16.txt"])
def test_byte_order_marks_are_honoured(data_dir: Path, name: str) -> None:
    [doc] = _docs([data_dir / "failures" / name])
    assert doc.body[0].isalpha() and "\ufeff" not in doc.body


def test_unknown_extension_in_folder_is_skipped_but_named_file_fails(data_dir: Path) -> None:
    folder_items = list(iter_documents([data_dir / "failures"]))
    assert all(not i.source.endswith(".pdf") for i in folder_items)
    [named] = list(iter_documents([data_dir / "failures" / "report.pdf"]))
    assert isinstance(named, Failure)
