"""Hostile and broken input: the chat API and the catalog import (issue 7)."""
