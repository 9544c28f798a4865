"""Texts of the channels themselves (widget, Telegram), translated with the replies."""

from __future__ import annotations

N_ = str  # marks a msgid for extraction

UI_STRINGS: dict[str, str] = {
    "choose_language": N_("Please choose your language."),
    "share_location": N_("Share my location"),
    "use_location": N_("Use my location"),
    "input_placeholder": N_("Type your message…"),
    "send": N_("Send"),
    "unavailable": N_("The service is temporarily unavailable."),
    "retry": N_("Try again"),
    "show_on_map": N_("Show on map"),
    "call": N_("Call"),
    "website": N_("Website"),
    "language": N_("Language"),
    "chat_title": N_("Wegweiser – help for newcomers"),
    "open_chat": N_("Open chat"),
    "close_chat": N_("Close chat"),
    "typing": N_("Wegweiser is typing…"),
    "command_start": N_("Start"),
    "command_help": N_("What I can do"),
    "command_language": N_("Change language"),
    "command_forget": N_("Delete our conversation"),
    "forgotten": N_("I have deleted our conversation and everything stored about this chat."),
    "too_long": N_("Your message is too long. Please write at most 2,000 characters."),
    "too_fast": N_("You are sending messages very fast. Please wait a moment."),
    "unreadable": N_("I could not read that message. Please write it again."),
}
