"""A request to be written to in another language, in words the classifier missed."""

from __future__ import annotations

import pytest

from actions.write_requests import write_request


@pytest.mark.parametrize(
    ("text", "current", "wanted"),
    [
        ("viet bang tieng anh giup mk dc ko, de mk dua cho ban cung phong doc", "vi", "en"),
        ("muzete mi psat nemecky? chci se to ucit", "cs", "de"),
        ("Můžete mi odpovídat polsky? Moje žena je Polka", "cs", "pl"),  # an infinitive
        ("можете отвечать по-английски? мужу так легче", "ru", "en"),
        ("اكتبلي بالانجليزي لو سمحت", "ar", "en"),
        ("напишите по-английски", "ru", "en"),
        ("can you write in English", "de", "en"),
        # a question about the staff, or the chat's own language named too: no request
        ("do they speak english?", "de", None),
        ("o do co ai noi tieng viet ko a, e ko biet tieng duc", "vi", None),
        ("I write German badly, is there an Arabic speaker?", "en", None),
    ],
)
def test_write_request(text: str, current: str, wanted: str | None) -> None:
    assert write_request(text, current) == wanted
