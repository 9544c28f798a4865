"""Replies as Telegram messages: escaped HTML, keyboards, parts of at most 4,096 characters."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlparse

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import translations
from bot.ui_strings import UI_STRINGS

LIMIT = 4096
CALLBACK_LIMIT = 64  # bytes Telegram allows in callback_data


def ui(lang: str, key: str) -> str:
    """A channel text in the language."""
    return translations(lang).gettext(UI_STRINGS[key])


def _link(url: str, label: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{escape(label)}</a>'


def _offer_html(offer: dict[str, Any], lang: str) -> str:
    lines = [f"<b>{escape(str(offer.get('name') or ''))}</b>"]
    lines += [escape(str(line)) for line in offer.get("summary") or []]
    if offer.get("phone"):
        lines.append("☎ " + escape(str(offer["phone"])))
    website = str(offer.get("website") or "")
    if urlparse(website).scheme in ("http", "https"):
        lines.append(_link(website, ui(lang, "website")))
    if isinstance(offer.get("lat"), int | float) and isinstance(offer.get("lon"), int | float):
        lat, lon = offer["lat"], offer["lon"]
        lines.append(
            _link(
                f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}",
                ui(lang, "show_on_map"),
            )
        )
    if offer.get("unverified_note"):
        lines.append(f"<i>{escape(str(offer['unverified_note']))}</i>")
    return "\n".join(lines)


def paragraphs(message: dict[str, Any]) -> list[str]:
    """The message as escaped HTML paragraphs (offer cards with bold names and links)."""
    lang = message.get("lang") or "de"
    offers = message.get("offers") or []
    if offers:
        intro = message.get("intro") or ""
        return (
            [escape(intro), *(_offer_html(offer, lang) for offer in offers)]
            if intro
            else [_offer_html(o, lang) for o in offers]
        )
    return [escape(part) for part in str(message.get("text") or "").split("\n\n") if part.strip()]


def _split_long(paragraph_html: str, limit: int) -> list[str]:
    """A paragraph longer than the limit, cut between words, never inside a tag or entity."""
    pieces, current = [], ""
    for word in paragraph_html.replace("\n", "\n ").split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while len(word) > limit:  # one endless "word": cut before any & or <
            cut = limit
            while cut > 0 and (
                "&" in word[max(0, cut - 8) : cut] or "<" in word[max(0, cut - 200) : cut]
            ):
                cut -= 1
            cut = cut or limit
            pieces.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        pieces.append(current)
    return [piece.replace("\n ", "\n") for piece in pieces]


def split_html(parts: list[str], limit: int = LIMIT) -> list[str]:
    """Join paragraphs into messages of at most `limit` characters, splitting only between
    paragraphs (or, for one huge paragraph, between words)."""
    chunks: list[str] = []
    current = ""
    for part in parts:
        for piece in _split_long(part, limit) if len(part) > limit else [part]:
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks or [""]


def keyboard(message: dict[str, Any]) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    """Buttons as an inline keyboard; a "share my location" keyboard where a place is asked."""
    lang = message.get("lang") or "de"
    if message.get("request_location"):
        button = KeyboardButton(ui(lang, "share_location"), request_location=True)
        return ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
    buttons = [
        InlineKeyboardButton(str(b["title"])[:64], callback_data=str(b["payload"]))
        for b in message.get("buttons") or []
        if len(str(b.get("payload", "")).encode("utf-8")) <= CALLBACK_LIMIT
    ]
    if not buttons:
        return None
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(rows)
