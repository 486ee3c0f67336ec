"""Getting articles in: readers for files, folders, JSONL/CSV, web pages and feeds; de-duplication; the ingest run."""
from marsad.ingest.decode import read_text_file
from marsad.ingest.readers import Item, iter_items
from marsad.ingest.runner import IngestReport, ingest

__all__ = ["Item", "iter_items", "read_text_file", "ingest", "IngestReport"]
