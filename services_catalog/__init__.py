"""Wegweiser's services catalog: offers, places, search, import/export (no Rasa, no web)."""
