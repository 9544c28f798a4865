"""Replies that show offers: the cards, paging, nothing found, details of the offers shown."""

from __future__ import annotations

from bot.reply_base import AUDIENCE_LABELS, COST_LABELS, Message, Reply
from bot.reply_base import isolate as _isolate
from services_catalog.formatting import format_distance, hours_on, language_name
from services_catalog.offer_card import OfferCard

APPROXIMATE_KM = 3.0  # below this, a distance between town centres says nothing


def _offer_lines(r: Reply, offer: OfferCard) -> list[str]:
    lines = [_isolate(offer["name"]), *_summary_lines(r, offer)]
    if offer.get("phone"):
        lines.append(r._("Phone: %(phone)s", phone=_isolate(offer["phone"])))
    if offer.get("website"):
        lines.append(offer["website"])
    if not offer.get("verified_on"):
        lines.append(r._("Details not yet verified: please check before you go."))
    return lines


def _summary_lines(r: Reply, offer: OfferCard) -> list[str]:
    """What a card says below the name: provider, where, hours, languages, cost."""
    lines = []
    if offer.get("provider") and offer["provider"] != offer["name"]:
        lines.append(_isolate(offer["provider"]))
    town, distance = offer.get("town"), offer.get("distance_km")
    in_your_town = offer.get("approximate") and (distance or 0) < APPROXIMATE_KM
    if town and in_your_town:
        lines.append(_isolate(town))  # only the town is known: no made-up precision
    elif distance is not None and town:
        lines.append(
            r._(
                "%(town)s, %(distance)s away",
                town=_isolate(town),
                # between town centres or postcode areas: whole km, no made-up precision
                distance=format_distance(distance, r.lang, bool(offer.get("approximate"))),
            )
        )
    elif offer.get("covers_area"):
        lines.append(r._("By phone or online, for your area"))
    lines.extend(_hours_lines(r, offer))
    eligibility = _eligibility_line(r, offer)
    if eligibility:
        lines.append(eligibility)
    if offer.get("languages"):
        names = ", ".join(language_name(code, r.lang) for code in offer["languages"])
        lines.append(r._("Languages: %(languages)s", languages=names))
    if offer.get("cost") in COST_LABELS and offer["cost"] != "unknown":
        lines.append(r._(COST_LABELS[offer["cost"]]))
    return lines


def _eligibility_line(r: Reply, offer: OfferCard) -> str:
    """Whom the offer is for (age range, groups), or "" when it is for everyone."""
    low, high = offer.get("min_age"), offer.get("max_age")
    parts = []
    if low is not None and high is not None:
        parts.append(r._("aged %(low)d to %(high)d", low=low, high=high))
    elif low is not None:
        parts.append(r._("aged %(low)d and older", low=low))
    elif high is not None:
        parts.append(r._("aged up to %(high)d", high=high))
    groups = [r._(AUDIENCE_LABELS[a]) for a in offer.get("audiences") or [] if a in AUDIENCE_LABELS]
    if groups:
        parts.append(", ".join(groups))
    return r._("For: %(whom)s", whom="; ".join(parts)) if parts else ""


def _refine_buttons(r: Reply) -> list[dict[str, str]]:
    """Optional refinements that re-rank the answer (age limit, EU citizenship)."""
    refine = r.data.get("refine") or {}
    buttons = []
    limit = refine.get("age_limit")
    if isinstance(limit, int):
        buttons += [
            r.button(r._("I am %(age)d or younger", age=limit), f'/inform_age{{"age": {limit}}}'),
            r.button(
                r._("I am older than %(age)d", age=limit), f'/inform_age{{"age": {limit + 1}}}'
            ),
        ]
    if refine.get("eu"):
        buttons += [
            r.button(r._("I am an EU citizen"), '/inform_age{"eu_citizen": true}'),
            r.button(r._("I am not an EU citizen"), '/inform_age{"eu_citizen": false}'),
        ]
    return buttons


def _hours_lines(r: Reply, offer: OfferCard) -> list[str]:
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


def offers_reply(r: Reply) -> Message:
    offers: list[OfferCard] = r.data.get("offers", [])
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
    buttons = _refine_buttons(r)
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


def _today(r: Reply, offer: OfferCard) -> list[str]:
    return hours_on(offer.get("opening_hours") or "", r.now.date(), r.lang)


def no_offers_reply(r: Reply) -> Message:
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


def no_more_reply(r: Reply) -> Message:
    return r.message(
        r._("There are no more offers for this search."),
        [
            r.button(r._("Another place"), "/change_place"),
            r.button(r._("Something else"), "/change_need"),
        ],
    )


def details_reply(r: Reply) -> Message:
    question = r.data.get("question", "")
    lines = []
    offers: list[OfferCard] = r.data.get("offers", [])
    for offer in offers:
        lines.append(_isolate(offer["name"]) + ": " + _detail(r, offer, question))
    return r.message("\n".join(lines))


def _detail(r: Reply, offer: OfferCard, question: str) -> str:
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
    town = offer.get("town")
    if offer.get("address") and town:
        place = f"{offer.get('postcode', '')} {town}".strip()
        return f"{_isolate(offer['address'])}, {_isolate(place)}"
    if town:
        return r._("In %(town)s; the exact address is not known.", town=_isolate(town))
    return r._("By phone or online.")
