"""Requests to be written to in another language, said in words the classifier did not
take for a switch: "viet bang tieng anh giup mk dc ko" (write in English for me?),
"muzete mi psat nemecky?" (can you write to me in German?). A verb of writing or answering
beside the name of a language other than the chat's is the request."""

from __future__ import annotations

from actions.language_names import named_language, named_languages
from services_catalog.text import fold

# "write", "answer", "reply" as people ask it in the 14 languages (folded, whole words).
_WRITE_WORDS = frozenset(
    fold(word)
    for word in (
        *("write", "answer", "reply", "respond", "schreib", "schreiben", "schreibst"),
        *("antworte", "antworten", "antwortest", "ecris", "ecrivez", "ecrire", "reponds"),
        *("repondez", "repondre", "scrie", "scrieti", "scrii", "raspunde", "raspundeti"),
        *("pis", "piste", "psat", "napis", "napiste", "odpovidej", "odpovidejte", "odpovez"),
        *("pisz", "piszcie", "pisac", "napisz", "odpowiadaj", "odpisz", "пиши", "пишите"),
        *("писать", "напиши", "напишите", "отвечай", "отвечайте", "ответь", "pishi"),
        *("napishi", "pisat", "otvechai", "пишіть", "писати", "напишіть", "відповідай"),
        *("pyshy", "napyshy", "pysaty", "yaz", "yazin", "yazar", "yazabilir", "yazarmisin"),
        *("cevap", "yanit", "اكتب", "اكتبلي", "اكتبي", "تكتب", "تكتبلي", "جاوب", "جاوبني"),
        *("بنویس", "بنویسید", "بنویسین", "بنويس", "ولیکه", "ولیکئ", "ولیکی", "ጽሓፍ"),
        *("ጽሓፈለይ", "ጽሓፉ", "ktsihifeley", "tsihaf", "tsahafeley"),
        # infinitives ("můžete mi odpovídat polsky?", "можете отвечать по-английски?")
        *("odpovídat", "odpovědět", "odepsat", "napsat", "odpowiadać", "odpisać", "napisać"),
        *("отвечать", "ответить", "відповідати", "відповісти", "otvechat", "vidpovidaty"),
    )
)
_WRITE_PHRASES = tuple(
    f" {fold(phrase)} "
    for phrase in (
        *("tra loi", "trả lời", "nhan tin", "viet bang", "viết bằng", "viet cho", "viết cho"),
        *("cevap ver", "جواب بده"),
    )
)


def write_request(text: str, current: str | None) -> str | None:
    """The language a message asks to be written to in, when it names one other than the
    chat's beside a verb of writing or answering; else None."""
    wanted = named_language(text, current)
    if wanted is None or wanted == current or current in named_languages(text):
        # "does anyone there speak Vietnamese? I can't write German": the chat's own
        # language named too is no request to leave it
        return None
    folded = f" {fold(text)} "
    if set(folded.split()) & _WRITE_WORDS or any(phrase in folded for phrase in _WRITE_PHRASES):
        return wanted
    return None
