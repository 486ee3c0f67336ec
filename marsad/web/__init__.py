"""Thin web shells over the library: the REST API (api.py) and the dashboard (static/), built by app.create_app."""
