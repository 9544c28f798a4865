"""Wegweiser's Rasa action server: decisions and data; every sentence is rendered by bot.replies."""
