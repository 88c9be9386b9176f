"""Scale: worker processes, a Dask engine writing Parquet, and cross-article event merging.

Modules are imported on use (``equipoise.scale.parallel``, ``.merge``, ``.parquet``,
``.dask_engine``) so that a plain ingest never imports Dask.
"""
