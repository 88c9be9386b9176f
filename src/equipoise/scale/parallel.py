"""Executors: coding batches in this process or in worker processes, in input order.

The job (``equipoise.job``) reads, screens and writes; an executor only runs the
worker function ``pipeline.code_batch``, which returns one outcome per article
(failures included). At most ``max_in_flight`` batches are submitted and not yet
written, so the reader is never consumed far ahead and memory does not grow with
the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Protocol, TypeVar

from equipoise.config import Settings
from equipoise.errors import ConfigError
from equipoise.models import Article
from equipoise.pipeline import Outcome, Resources, code_batch, code_batch_with
from equipoise.scale.errors import ScaleError

__all__ = [
    "Executor",
    "InlineExecutor",
    "Pending",
    "ProcessExecutor",
    "make_executor",
    "ordered_map",
    "resolve_workers",
]

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
# Batches queued per worker beyond the one it is coding: keeps workers busy while the
# main process writes, without reading far ahead.
IN_FLIGHT_PER_WORKER = 2


def resolve_workers(value: int | str | None, *, default: int = 1) -> int:
    """A worker count: ``0`` or ``"auto"`` is every core, None is ``default``."""
    if value is None:
        value = default
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "auto":
            return os.cpu_count() or 1
        try:
            value = int(text)
        except ValueError as exc:
            raise ConfigError(f"workers must be a number or 'auto', got {value!r}") from exc
    if value < 0:
        raise ConfigError(f"workers must be 0 (all cores) or more, got {value}")
    return value or (os.cpu_count() or 1)


def _warm(settings: Settings) -> None:
    Resources.load(settings)


class Pending(Protocol[R_co]):
    """A result to come: a ``concurrent.futures.Future`` or a Dask future."""

    def result(self) -> R_co: ...


def ordered_map(
    items: Iterable[T], submit: Callable[[T], Pending[R]], *, max_in_flight: int
) -> Iterator[tuple[T, R]]:
    """Submit items as results are taken, at most ``max_in_flight`` pending; yields in order."""
    if max_in_flight < 1:
        raise ConfigError(f"max_in_flight must be at least 1, got {max_in_flight}")
    pending: deque[tuple[T, Pending[R]]] = deque()
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= max_in_flight:
            first, future = pending.popleft()
            yield first, future.result()
    while pending:
        first, future = pending.popleft()
        yield first, future.result()


class Executor(Protocol):
    """Runs the worker function on a batch, now or later; one outcome per article."""

    max_in_flight: int

    def submit(self, articles: Sequence[Article]) -> Pending[list[Outcome]]: ...

    def close(self) -> None: ...


class InlineExecutor:
    """Codes in this process when submitted (the one-worker path)."""

    max_in_flight = 1

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    def submit(self, articles: Sequence[Article]) -> Future[list[Outcome]]:
        future: Future[list[Outcome]] = Future()
        try:
            future.set_result(code_batch(articles, self.resources))
        except BaseException as exc:
            future.set_exception(exc)
        return future

    def close(self) -> None:
        return None


class ProcessExecutor:
    """Codes in ``workers`` processes, each loading the resources once."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.max_in_flight = workers * IN_FLIGHT_PER_WORKER
        # fork shares the resources already loaded here; spawn would reload them per worker
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_warm, initargs=(settings,)
        )

    def submit(self, articles: Sequence[Article]) -> Future[list[Outcome]]:
        try:
            return self._pool.submit(code_batch_with, list(articles), self.settings)
        except BrokenProcessPool as exc:
            raise _broken(exc) from exc

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _broken(exc: BaseException) -> ScaleError:
    return ScaleError(
        f"a worker process died ({exc}); the batches written so far are kept. "
        "Re-run the same command to resume, or use --workers 1 to find the article"
    )


class _Managed:
    """Context manager closing an executor and turning a dead pool into ``ScaleError``."""

    def __init__(self, executor: Executor) -> None:
        self.executor = executor

    def __enter__(self) -> Executor:
        return self.executor

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.executor.close()
        if isinstance(exc, BrokenProcessPool):
            raise _broken(exc) from exc


def make_executor(settings: Settings, workers: int) -> _Managed:
    """``with make_executor(...) as ex``: inline for one worker, a process pool otherwise."""
    if workers <= 1:
        return _Managed(InlineExecutor(Resources.load(settings)))
    return _Managed(ProcessExecutor(settings, workers))
