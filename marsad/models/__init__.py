"""Trained models and the code that trains and loads them."""
