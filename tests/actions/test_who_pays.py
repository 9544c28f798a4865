"""After offers, "does the Jobcenter pay?" asks about the cost of the offers shown."""

from __future__ import annotations

import pytest

from actions.find import ActionFindOffers
from tests.actions.conftest import Run
from tests.actions.test_find import responses


@pytest.mark.parametrize(
    ("text", "cost", "answer", "category"),
    [
        # how much is it, does the Jobcenter pay? work 0.57 only for the office's name
        ("hazinash cheghadre? jobcenter mide?", 0.40, "utter_offer_details", "language_course"),
        # the Jobcenter itself asked for: a new need
        ("und das Jobcenter dort?", 0.05, "utter_offers", "work_and_training"),
    ],
)
async def test_an_office_named_as_the_payer_asks_the_cost(
    run: Run, text: str, cost: float, answer: str, category: str
) -> None:
    _, slots = await run(ActionFindOffers, "Deutschkurs in Freiberg", "need_language_course")
    ranking = [("need_work_and_training", 1 - cost), ("ask_cost", cost)]
    intent = "need_work_and_training"
    messages, after = await run(ActionFindOffers, text, intent, slots=slots, ranking=ranking)
    assert responses(messages) == [answer]
    assert after["category"] == category
