"""The Dask executor: the worker function on a Dask cluster.

The job drives it exactly as it drives the process pool: batches go to the cluster,
at most a few per worker in flight, and each comes back as one outcome per article
(failures included). The job's Parquet sink then writes the batch's part, so a
cluster run needs no store and no shared disk for its workers.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from types import TracebackType
from typing import Any

from equipoise.config import Settings
from equipoise.models import Article
from equipoise.pipeline import Outcome, Resources, code_batch_with
from equipoise.scale.errors import ScaleError
from equipoise.scale.files import FileResult, code_file
from equipoise.scale.parallel import IN_FLIGHT_PER_WORKER, Pending

__all__ = ["PLUGIN_NAME", "DaskExecutor", "preload"]

PLUGIN_NAME = "equipoise-preload"


class DaskExecutor:
    """``with DaskExecutor(settings, ...) as ex``: a client on a scheduler or a local cluster."""

    def __init__(self, settings: Settings, *, scheduler: str | None, workers: int) -> None:
        self.settings = settings
        self._client = _client(scheduler, workers)
        # every worker (and any that joins later) starts loading the model at once, in
        # the background, while the client reads and screens its first batches
        self._client.register_plugin(_preload_plugin(settings), name=PLUGIN_NAME)
        n_workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        self.max_in_flight = n_workers * IN_FLIGHT_PER_WORKER

    def submit(self, articles: Sequence[Article]) -> Pending[list[Outcome]]:
        future: Pending[list[Outcome]] = self._client.submit(
            code_batch_with, list(articles), self.settings, pure=False)
        return future

    def submit_file(self, path: str, published: date | None) -> Pending[FileResult]:
        """One input file read, cleaned and coded on a worker (``scale.files.code_file``)."""
        future: Pending[FileResult] = self._client.submit(
            code_file, path, self.settings, published, pure=False)
        return future

    def close(self) -> None:
        cluster = self._client.cluster
        self._client.close()
        if cluster is not None:
            cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _preload_plugin(settings: Settings) -> Any:
    # defined here: importing distributed at module level would slow every CLI start
    from distributed import WorkerPlugin

    class Preload(WorkerPlugin):
        """Starts loading spaCy and the coder's data as the worker starts; a task that
        arrives first waits for that load (``Resources.load`` holds a lock) rather than
        starting its own. Loading here in the foreground would hold up the client's
        ``register_plugin`` until every worker had loaded."""

        def __init__(self, settings: Settings) -> None:
            self.settings = settings

        def setup(self, worker: Any) -> None:
            threading.Thread(target=preload, args=(self.settings,), daemon=True,
                             name=PLUGIN_NAME).start()

    return Preload(settings)


def preload(settings: Settings) -> None:
    """Load what coding needs in this process (cached: ``code_batch_with`` finds it)."""
    Resources.load(settings)


def _client(scheduler: str | None, workers: int) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ScaleError("the Dask engine needs the 'distributed' package") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster)  # type: ignore[no-untyped-call]
