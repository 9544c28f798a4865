"""Every user-facing sentence, rendered in the user's language from the gettext catalogs.

Actions send a response name and data (`lang`, `offers`, `place`, …); `render()` turns them
into a message: text, buttons and the structured `custom` part (language, direction, offer
cards) that the chat API and Telegram pass on. msgids are English; translations live in
bot/locale/<lang>/LC_MESSAGES/messages.po (`make translations` extracts and updates them).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.i18n import translations
from bot.offer_replies import details_reply, no_more_reply, no_offers_reply, offers_reply
from bot.reply_base import Message, Renderer, Reply
from bot.reply_base import isolate as _isolate
from bot.ui_strings import UI_STRINGS
from services_catalog.formatting import language_name, text_direction
from services_catalog.languages import FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES


def _greet(r: Reply) -> Message:
    return r.message(
        r._(
            "Hello! I am Wegweiser. I help newcomers find counselling, courses and other help "
            "in Mittelsachsen and Saxony. Write what you need, in your language."
        ),
        r.menu(),
    )


def _help(r: Reply) -> Message:
    return r.message(
        r._(
            "I can find offers near you: German courses, counselling, help with problems at work, "
            "recognition of qualifications, doctors and more. Choose a topic or write your question."
        ),
        r.menu(),
    )


def _ask_need(r: Reply) -> Message:
    return r.message(r._("What do you need help with?"), r.menu())


def _out_of_scope(r: Reply) -> Message:
    return r.message(
        r._(
            "Sorry, I can't answer that. I can help you find services such as German courses, "
            "counselling or doctors. Choose a topic:"
        ),
        r.menu(),
    )


def _goodbye(r: Reply) -> Message:
    return r.message(r._("Goodbye and all the best! Write again any time."))


def _welcome(r: Reply) -> Message:
    return r.message(r._("You're welcome! Is there anything else I can help you find?"))


def _ask_place(r: Reply) -> Message:
    topic = r.data.get("category")
    text = (
        r._(
            "Where should I look for: %(topic)s? Write your town or postcode, or share your location.",
            topic=r.category(topic),
        )
        if topic
        else r._("Where should I look? Write your town or postcode, or share your location.")
    )
    return r.message(text, request_location=True)


def _confirm_place(r: Reply) -> Message:
    candidates: list[dict[str, str]] = r.data.get("candidates", [])
    if len(candidates) == 1:
        return r.message(
            r._("Did you mean %(place)s?", place=_isolate(candidates[0]["name"])),
            [r.button(r._("Yes"), "/affirm"), r.button(r._("No"), "/deny")],
        )
    buttons = [r.button(c["name"], f'/inform_place{{"place_id": "{c["id"]}"}}') for c in candidates]
    return r.message(
        r._("Which place do you mean?"), [*buttons, r.button(r._("Another place"), "/change_place")]
    )


def _place_not_found(r: Reply) -> Message:
    return r.message(
        r._(
            "I could not find that place. Please write a town in Mittelsachsen or Saxony, "
            "or a postcode, or share your location."
        ),
        request_location=True,
    )


def _ask_age(r: Reply) -> Message:
    return r.message(r._("Some offers depend on age. How old are you?"))


def _crisis(r: Reply) -> Message:
    kind = r.data.get("crisis_type", "")
    first = {
        "medical": r._("Call 112 now for an ambulance."),
        "suicide": r._(
            "You are not alone. Please talk to someone now: the telephone counselling service is free, "
            "anonymous and open day and night: 0800 111 0 111 or 0800 111 0 222."
        ),
        "violence": r._("If you are in danger now, call the police: 110."),
        "sexual_violence": r._("If you are in danger now, call the police: 110."),
    }.get(kind, r._("If you are in danger now, call the police: 110."))
    numbers = r._(
        "Emergency numbers (free, day and night):\n"
        "Police: 110\n"
        "Ambulance and fire brigade: 112\n"
        "Helpline for women affected by violence, in many languages: 116 016\n"
        "Telephone counselling: 0800 111 0 111 or 0800 111 0 222"
    )
    return r.message(_isolate_numbers(f"{first}\n\n{numbers}", r.lang), emergency=True)


_NUMBER = re.compile(r"(?<!\d)(\d[\d ]*\d)")


def _isolate_numbers(text: str, lang: str) -> str:
    """In right-to-left text, keep phone numbers with spaces ("0800 111 0 111") in their
    left-to-right order with Unicode isolates (U+2066 … U+2069)."""
    if text_direction(lang) != "rtl":
        return text
    plain = text.replace("\u2066", "").replace("\u2069", "")  # translators may have isolated some
    return _NUMBER.sub(lambda m: f"\u2066{m.group(1)}\u2069", plain)


def _handover(r: Reply) -> Message:
    offer = r.data.get("offer")
    if offer:
        contact = offer.get("phone") or offer.get("website") or offer.get("town") or ""
        text = r._(
            "You can talk to a person at %(name)s: %(contact)s. I have noted your request "
            "(topic, place and language only, not your messages).",
            name=_isolate(offer["name"]),
            contact=_isolate(contact),
        )
        return r.message(text, offers=[offer])
    return r.message(
        r._(
            "The migration counselling services can help you in person. Tell me your town and I "
            "will show you the nearest one."
        ),
        request_location=True,
    )


def _feedback_thanks(r: Reply) -> Message:
    return r.message(r._("Thank you for your feedback!"))


def _feedback_sorry(r: Reply) -> Message:
    return r.message(
        r._(
            "Thank you. I am sorry that did not help. You can try another place or talk to a person."
        ),
        [
            r.button(r._("Talk to a person"), "/talk_to_human"),
            r.button(r._("Another place"), "/change_place"),
        ],
    )


def _choose_language(r: Reply) -> Message:
    buttons = [
        r.button(language_name(code), f'/change_language{{"language": "{code}"}}')
        for code in SUPPORTED_LANGUAGES
    ]
    prompt = UI_STRINGS["choose_language"]
    prompts = dict.fromkeys(translations(code).gettext(prompt) for code in SUPPORTED_LANGUAGES)
    return r.message(" / ".join(prompts), buttons)


def _language_switched(r: Reply) -> Message:
    return r.message(
        r._("OK, I will write in %(language)s now.", language=language_name(r.lang, r.lang))
    )


def _need_offers_first(r: Reply) -> Message:
    return r.message(
        r._(
            "Tell me first what you are looking for, then I can answer questions about the offers."
        ),
        r.menu(),
    )


def _unavailable(r: Reply) -> Message:
    return r.message(
        r._(
            "Sorry, I can't look up offers right now. Please try again in a few minutes. "
            "In an emergency call 110 (police) or 112 (ambulance)."
        )
    )


def _media_not_supported(r: Reply) -> Message:
    return r.message(
        r._("I can only read text messages and locations. Please write what you need.")
    )


RENDERERS: dict[str, Renderer] = {
    "utter_greet": _greet,
    "utter_help": _help,
    "utter_ask_need": _ask_need,
    "utter_out_of_scope": _out_of_scope,
    "utter_goodbye": _goodbye,
    "utter_welcome": _welcome,
    "utter_ask_place": _ask_place,
    "utter_confirm_place": _confirm_place,
    "utter_place_not_found": _place_not_found,
    "utter_offers": offers_reply,
    "utter_no_offers": no_offers_reply,
    "utter_no_more_offers": no_more_reply,
    "utter_ask_age": _ask_age,
    "utter_crisis": _crisis,
    "utter_handover": _handover,
    "utter_feedback_thanks": _feedback_thanks,
    "utter_feedback_sorry": _feedback_sorry,
    "utter_choose_language": _choose_language,
    "utter_language_switched": _language_switched,
    "utter_offer_details": details_reply,
    "utter_need_offers_first": _need_offers_first,
    "utter_unavailable": _unavailable,
    "utter_media_not_supported": _media_not_supported,
}


def render(
    response: str, lang: str, data: dict[str, Any] | None = None, now: datetime | None = None
) -> Message:
    """The message for a response name in a language; unknown names raise KeyError."""
    return RENDERERS[response](Reply(lang, data or {}, now))


def render_for_rasa(response: str, arguments: dict[str, Any], language_slot: Any) -> Message | None:
    """What Rasa's NLG (in process or over HTTP) gets for a response: rendered with the action's
    `data`, in the action's `lang`, else the conversation's `language` slot, else the fallback
    language; None for a response without a renderer."""
    if response not in RENDERERS:
        return None
    lang = arguments.get("lang") or language_slot or FALLBACK_LANGUAGE
    data = arguments.get("data")
    return render(response, str(lang), data if isinstance(data, dict) else {})
