"""Marsad: Arabic news to data — entities, quotes, quantities, times and coded events, with offsets."""
from marsad.document import Document, SCHEMA
from marsad.pipeline import Pipeline, analyze, analyze_many, load_pipeline

__version__ = "0.1.0"
PIPELINE_VERSION = "2026.11.1"

__all__ = ["Document", "SCHEMA", "Pipeline", "analyze", "analyze_many", "load_pipeline", "__version__",
           "PIPELINE_VERSION"]
