"""Web archives on a Dask cluster, one file per task, into a resumable Parquet folder.

Each WARC file is read, cleaned and coded on a worker (``scale.files.code_file``); the
client screens each file's inputs in file order with the job's one ``Screen`` (so
duplicates across files are found as in a local run) and writes one Parquet part per
file, which ``load`` commits through the store sink. A file whose task died is a
recorded failure and the run goes on; a rerun after an interruption keeps the parts
already written (``scale.resume``) and codes only the rest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from equipoise.config import Settings
from equipoise.errors import EquipoiseError
from equipoise.job.run import IngestSummary, Progress, _settle
from equipoise.job.screen import Screen, Screened
from equipoise.models import Article
from equipoise.pipeline import Outcome
from equipoise.scale.dask_engine import DaskExecutor
from equipoise.scale.files import FileResult, file_failure
from equipoise.scale.parallel import ordered_map
from equipoise.scale.parquet import write_part
from equipoise.scale.resume import FileParts, fingerprint

__all__ = ["warc_files_to_parquet"]


class _Guarded:
    """A file's task result; a task that died on the cluster becomes the file's failure."""

    def __init__(self, executor: DaskExecutor, file: str, published: date | None) -> None:
        self.file = file
        self.future = executor.submit_file(file, published)

    def result(self) -> FileResult:
        try:
            return self.future.result()
        except EquipoiseError:
            raise  # settings or resources that cannot work on any file stop the run
        except Exception as exc:  # a killed worker or a lost task costs this file only
            reason = (f"its task failed on the cluster ({type(exc).__name__}: {exc}); "
                      "run the same command again to retry it")
            return FileResult(self.file, [file_failure(self.file, reason)], [None], retry=True)


def warc_files_to_parquet(files: list[str], *, settings: Settings, out_dir: str | Path,
                          scheduler: str | None, workers: int, published: date | None,
                          progress: Progress | None) -> IngestSummary:
    """Code ``files`` (WARC files) one per Dask task into ``out_dir``, a part per file.

    Counts and failures are this run's; files kept from an interrupted run are
    reported to ``progress`` and not read again.
    """
    parts = FileParts(Path(out_dir), fingerprint(settings, published))
    screen = Screen(settings, None)
    for kept in parts.kept_articles():
        screen.seed(kept.id, kept.text, kept.content_hash)
    summary = IngestSummary(f"parquet:{parts.folder}")
    todo = [f for f in files if not parts.kept(f)]
    for file in files:
        if parts.kept(file) and progress is not None:
            progress(file)
    if not todo:
        return summary
    with DaskExecutor(settings, scheduler=scheduler, workers=workers) as executor:
        results = ordered_map(todo, lambda f: _Guarded(executor, f, published),
                              max_in_flight=executor.max_in_flight)
        for file, result in results:
            _write(result, screen, parts, summary)
            if progress is not None:
                progress(file)
    return summary


def _write(result: FileResult, screen: Screen, parts: FileParts,
           summary: IngestSummary) -> None:
    """Screen one file's inputs, settle its outcomes and write its part."""
    pending = screen.batch(result.items, summary.counts, summary.failures)
    records, events = _settle(pending, _outcomes(pending, result), summary)
    number = parts.next_part()
    write_part(parts.folder, number, records, events)
    summary.batches += 1
    if not result.retry:
        parts.finished(result.file, number)


def _outcomes(pending: Screened, result: FileResult) -> list[Outcome]:
    """The worker's outcomes of the articles the screen lets through, in their order."""
    by_item = {id(item): outcome for item, outcome in zip(result.items, result.outcomes,
                                                          strict=True)}
    return [by_item.get(id(a)) or _not_coded(a) for a in pending.to_code]


def _not_coded(article: Article) -> Outcome:
    return Outcome(article.source, article, status="failed", stage="coding",
                   reason="the worker did not code this article; please report it")

