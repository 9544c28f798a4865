"""Rasa NLU components of Wegweiser (loaded by the Rasa server through config.yml)."""
