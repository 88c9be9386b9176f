"""Scale: the executors that run the worker function (``pipeline.code_batch``) and the
Parquet format of a cluster run.

``parallel`` holds this process and a process pool, ``dask_engine`` a Dask cluster
(Dask itself is imported only when that executor starts), ``parquet`` the folder
format. Which inputs to code and where results go is the job's (``equipoise.job``).
"""
