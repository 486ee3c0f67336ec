"""Scorers and the benchmark harness behind `marsad eval`, `marsad bench` and CI's quality gate."""
