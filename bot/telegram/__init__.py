"""The Telegram channel (python-telegram-bot): translates between Telegram and the assistant."""
