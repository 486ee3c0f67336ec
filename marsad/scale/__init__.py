"""Batch processing at scale: a pure per-partition function and a Dask driver around it (no extraction logic)."""
from marsad.scale.partition import PartitionOptions, PartitionResult, process_partition, read_output

__all__ = ["PartitionOptions", "PartitionResult", "process_partition", "read_output", "run_batch"]


def run_batch(*args, **kwargs):
    """See :func:`marsad.scale.dask_runner.run_batch` (imported lazily: Dask is only needed to run a batch)."""
    from marsad.scale.dask_runner import run_batch as _run

    return _run(*args, **kwargs)
