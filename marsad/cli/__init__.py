"""Command-line shell over the public API."""
