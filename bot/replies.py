"""Every user-facing sentence, rendered in the user's language from the gettext catalogs.

Actions send a response name and data (`lang`, `offers`, `place`, …); `render()` turns them
into a message: text, buttons and the structured `custom` part (language, direction, offer
cards) that the chat API and Telegram pass on. msgids are English; translations live in
bot/locale/<lang>/LC_MESSAGES/messages.po (`make translations` extracts and updates them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from babel.support import NullTranslations

from bot.i18n import FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES, translations
from bot.ui_strings import UI_STRINGS
from services_catalog.formatting import format_distance, hours_on, language_name, text_direction
from services_catalog.hours import local_time

Message = dict[str, Any]
Renderer = Callable[["Reply"], Message]
N_ = str  # marks a msgid for extraction without translating it yet

CATEGORY_LABELS: dict[str, str] = {
    "language_course": N_("German courses"),
    "migration_counselling": N_("Migration counselling"),
    "asylum_legal_counselling": N_("Asylum and residence law"),
    "labour_rights_counselling": N_("Problems at work"),
    "recognition_counselling": N_("Recognition of qualifications"),
    "work_and_training": N_("Work and training"),
    "health_care": N_("Doctors and health"),
    "psychosocial_support": N_("Psychological help"),
    "violence_protection": N_("Protection from violence"),
    "anti_discrimination": N_("Discrimination"),
    "authorities": N_("Authorities and residence permits"),
    "family_and_school": N_("Family, day care and school"),
    "community": N_("Meeting people"),
}
COST_LABELS: dict[str, str] = {
    "free": N_("Free of charge"),
    "fee": N_("There is a fee"),
    "reduced": N_("Reduced fee possible"),
    "unknown": N_("Cost not known"),
}


class Reply:
    """One response being rendered: the language, its translations and the action's data."""

    def __init__(self, lang: str, data: dict[str, Any], now: datetime | None = None) -> None:
        self.lang = lang if lang in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE
        self.data = data
        self.now = local_time(now or datetime.now().astimezone())
        self._t: NullTranslations = translations(self.lang)

    def _(self, msgid: str, **values: Any) -> str:
        text = self._t.gettext(msgid)
        return text % values if values else text

    def n_(self, singular: str, plural: str, count: int, **values: Any) -> str:
        text = self._t.ngettext(singular, plural, count)
        return text % {"count": count, **values}

    def button(self, title: str, payload: str) -> dict[str, str]:
        return {"title": title, "payload": payload}

    def category(self, category: str) -> str:
        return self._(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category

    def menu(self) -> list[dict[str, str]]:
        return [self.button(self.category(c), f"/need_{c}") for c in CATEGORY_LABELS]

    def message(
        self, text: str, buttons: list[dict[str, str]] | None = None, **custom: Any
    ) -> Message:
        return {
            "text": text,
            "buttons": buttons or [],
            "custom": {"lang": self.lang, "dir": text_direction(self.lang), **custom},
        }


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


def _offer_lines(r: Reply, offer: dict[str, Any]) -> list[str]:
    lines = [_isolate(offer["name"]), *_summary_lines(r, offer)]
    if offer.get("phone"):
        lines.append(r._("Phone: %(phone)s", phone=_isolate(offer["phone"])))
    if offer.get("website"):
        lines.append(offer["website"])
    if not offer.get("verified_on"):
        lines.append(r._("Details not yet verified: please check before you go."))
    return lines


def _summary_lines(r: Reply, offer: dict[str, Any]) -> list[str]:
    """What a card says below the name: provider, where, hours, languages, cost."""
    lines = []
    if offer.get("provider") and offer["provider"] != offer["name"]:
        lines.append(_isolate(offer["provider"]))
    in_your_town = offer.get("approximate") and (offer.get("distance_km") or 0) < APPROXIMATE_KM
    if offer.get("town") and in_your_town:
        lines.append(_isolate(offer["town"]))  # only the town is known: no made-up precision
    elif offer.get("distance_km") is not None and offer.get("town"):
        lines.append(
            r._(
                "%(town)s, %(distance)s away",
                town=_isolate(offer["town"]),
                distance=format_distance(offer["distance_km"], r.lang),
            )
        )
    elif offer.get("covers_area"):
        lines.append(r._("By phone or online, for your area"))
    lines.extend(_hours_lines(r, offer))
    if offer.get("languages"):
        names = ", ".join(language_name(code, r.lang) for code in offer["languages"])
        lines.append(r._("Languages: %(languages)s", languages=names))
    if offer.get("cost") in COST_LABELS and offer["cost"] != "unknown":
        lines.append(r._(COST_LABELS[offer["cost"]]))
    return lines


def _hours_lines(r: Reply, offer: dict[str, Any]) -> list[str]:
    lines = []
    if offer.get("open_now") is True:
        lines.append(r._("Open now"))
    expression = offer.get("opening_hours") or ""
    if expression:
        today = hours_on(expression, r.now.date(), r.lang)
        if today:
            lines.append(r._("Today: %(hours)s", hours=", ".join(today)))
        else:
            lines.append(r._("Closed today"))
    if offer.get("appointment_only"):
        lines.append(r._("By appointment only"))
    return lines


def _offers(r: Reply) -> Message:
    offers: list[dict[str, Any]] = r.data.get("offers", [])
    place = _isolate(r.data.get("place_name", ""))
    topic = r.category(r.data.get("category", ""))
    if r.data.get("page", 0):
        intro = r._("More offers for %(topic)s near %(place)s:", topic=topic, place=place)
    else:
        intro = r.n_(
            "I found %(count)d offer for %(topic)s near %(place)s:",
            "I found %(count)d offers for %(topic)s near %(place)s:",
            len(offers),
            topic=topic,
            place=place,
        )
    cards = ["\n".join(_offer_lines(r, offer)) for offer in offers]
    buttons = []
    if r.data.get("has_more"):
        buttons.append(r.button(r._("Show more"), "/more_results"))
    buttons += [
        r.button(r._("Helpful"), "/feedback_positive"),
        r.button(r._("Not helpful"), "/feedback_negative"),
        r.button(r._("Something else"), "/change_need"),
    ]
    structured = [
        {
            **offer,
            "today_hours": _today(r, offer),
            "summary": _summary_lines(r, offer),
            "unverified_note": ""
            if offer.get("verified_on")
            else r._("Details not yet verified: please check before you go."),
        }
        for offer in offers
    ]
    return r.message("\n\n".join([intro, *cards]), buttons, offers=structured, intro=intro)


def _today(r: Reply, offer: dict[str, Any]) -> list[str]:
    return hours_on(offer.get("opening_hours") or "", r.now.date(), r.lang)


def _no_offers(r: Reply) -> Message:
    return r.message(
        r._(
            "I found nothing for %(topic)s near %(place)s. I have noted this, so the district's "
            "staff can see what is missing.",
            topic=r.category(r.data.get("category", "")),
            place=_isolate(r.data.get("place_name", "")),
        ),
        [
            r.button(r._("Another place"), "/change_place"),
            r.button(r._("Something else"), "/change_need"),
        ],
    )


def _no_more(r: Reply) -> Message:
    return r.message(
        r._("There are no more offers for this search."),
        [
            r.button(r._("Another place"), "/change_place"),
            r.button(r._("Something else"), "/change_need"),
        ],
    )


def _ask_age(r: Reply) -> Message:
    return r.message(r._("Some offers depend on age. How old are you?"))


def _ask_eu(r: Reply) -> Message:
    return r.message(
        r._("Are you a citizen of a country of the European Union?"),
        [r.button(r._("Yes"), "/affirm"), r.button(r._("No"), "/deny")],
    )


APPROXIMATE_KM = 3.0  # below this, a distance between town centres says nothing
EMERGENCY_NUMBERS = ("110", "112", "116 016", "0800 111 0 111", "0800 111 0 222")


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
    return r.message(r._("OK, I will write in %(language)s now.", language=language_name(r.lang)))


def _details(r: Reply) -> Message:
    question = r.data.get("question", "")
    lines = []
    for offer in r.data.get("offers", []):
        lines.append(_isolate(offer["name"]) + ": " + _detail(r, offer, question))
    return r.message("\n".join(lines))


def _detail(r: Reply, offer: dict[str, Any], question: str) -> str:
    if question == "cost":
        cost = offer.get("cost") or "unknown"
        if cost not in COST_LABELS or cost == "unknown":
            return r._("Cost not known: please ask them.")
        return r._(COST_LABELS[cost])
    if question == "hours":
        parts = _hours_lines(r, offer)
        return (
            ", ".join(parts)
            if parts
            else r._("Opening hours not known: please call before you go.")
        )
    if question == "languages":
        if not offer.get("languages"):
            return r._("The languages spoken are not known.")
        return ", ".join(language_name(code, r.lang) for code in offer["languages"])
    if offer.get("address") and offer.get("town"):
        return f"{_isolate(offer['address'])}, {_isolate((offer.get('postcode', '') + ' ' + offer['town']).strip())}"
    if offer.get("town"):
        return r._("In %(town)s; the exact address is not known.", town=_isolate(offer["town"]))
    return r._("By phone or online.")


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


def _isolate(text: str) -> str:
    """Wrap names and addresses in Unicode first-strong isolates so they keep their own
    direction inside right-to-left text (U+2068 … U+2069)."""
    return f"\u2068{text}\u2069" if text else text


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
    "utter_offers": _offers,
    "utter_no_offers": _no_offers,
    "utter_no_more_offers": _no_more,
    "utter_ask_age": _ask_age,
    "utter_ask_eu_citizen": _ask_eu,
    "utter_crisis": _crisis,
    "utter_handover": _handover,
    "utter_feedback_thanks": _feedback_thanks,
    "utter_feedback_sorry": _feedback_sorry,
    "utter_choose_language": _choose_language,
    "utter_language_switched": _language_switched,
    "utter_offer_details": _details,
    "utter_need_offers_first": _need_offers_first,
    "utter_unavailable": _unavailable,
    "utter_media_not_supported": _media_not_supported,
}


def render(
    response: str, lang: str, data: dict[str, Any] | None = None, now: datetime | None = None
) -> Message:
    """The message for a response name in a language; unknown names raise KeyError."""
    return RENDERERS[response](Reply(lang, data or {}, now))
