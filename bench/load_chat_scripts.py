"""The conversations of the chat API load test: one realistic script per language."""

from __future__ import annotations

from typing import Any

FREIBERG = {"lat": 50.9166, "lon": 13.3412}

# One conversation per language: (kind, value) turns; "button" clicks the first button of the
# last reply whose payload contains the value, else sends the text after "|" instead.
SCRIPTS: dict[str, list[tuple[str, Any]]] = {
    "de": [
        ("text", "hallo, guten morgen"),
        ("text", "ich möchte deutsch lernen, gibt es hier einen kurs?"),
        ("text", "ich wohne in Döbeln"),
        ("text", "muss man dafür geld bezahlen"),
        ("button", "more|hast du noch weitere angebote?"),
        ("text", "ich brauche einen hausarzt in Freiberg"),
        ("location", FREIBERG),
        ("text", "wann haben die geöffnet?"),
        ("button", "feedback_positive|das hat mir geholfen"),
        ("text", "super, danke dir"),
    ],
    "en": [
        ("text", "hello, good evening"),
        ("text", "I'd like to improve my German, are there morning classes?"),
        ("text", "I live in Freiberg"),
        ("text", "does it cost something"),
        ("button", "more|are there any other options?"),
        ("text", "I'm looking for a job in Mittweida"),
        ("location", FREIBERG),
        ("text", "when can i go there"),
        ("button", "feedback_positive|that helped, thank you"),
        ("text", "ok thanks a lot"),
    ],
    "ar": [
        ("text", "مرحبا كيفك"),
        ("text", "محتاج طبيب عام قريب من بيتي"),
        ("text", "انا ساكن في فرايبرغ"),
        ("text", "هاد ببلاش ولا لازم ادفع"),
        ("button", "more|في عروض تانية؟"),
        ("text", "ممكن تساعدني لاقي مدرسة الماني بفرانكنبرغ"),
        ("location", FREIBERG),
        ("text", "في حدا هناك بيحكي عربي؟"),
        ("button", "feedback_positive|ساعدتني كتير"),
        ("text", "تسلم ايدك، شكرا"),
    ],
    "fa": [
        ("text", "سلام، روزتون بخیر"),
        ("text", "دنبال کلاس زبان آلمانی هستم"),
        ("text", "من تو هاینیشن زندگی میکنم"),
        ("text", "رایگانه یا باید پول بدم؟"),
        ("button", "more|بیشتر نشونم بده"),
        ("text", "برای دخترم چشم پزشک میخوام تو فرایبرگ"),
        ("location", FREIBERG),
        ("text", "کی میتونم برم پیششون"),
        ("button", "feedback_positive|خیلی به دردم خورد"),
        ("text", "دستت درد نکنه، ممنون"),
    ],
    "uk": [
        ("text", "вітаю, добрий вечір"),
        ("text", "мені потрібен стоматолог"),
        ("text", "ми у Фрайбергу"),
        ("text", "за це треба платити?"),
        ("button", "more|покажіть ще варіанти"),
        ("text", "шукаю роботу в Хемніці"),
        ("location", FREIBERG),
        ("text", "а там хтось розмовляє українською?"),
        ("button", "feedback_positive|це мені допомогло"),
        ("text", "зрозуміло, дякую вам"),
    ],
    "ru": [
        ("text", "привет, добрый вечер"),
        ("text", "нужна консультация для мигрантов, помочь с документами и письмами"),
        ("text", "я живу в Миттвайде"),
        ("text", "а когда они работают?"),
        ("button", "more|а есть еще что-нибудь?"),
        ("text", "мне нужно к дерматологу во Фрайберге"),
        ("location", FREIBERG),
        ("text", "за это надо платить?"),
        ("button", "feedback_positive|это мне помогло"),
        ("text", "понятно, спасибо вам"),
    ],
    "tr": [
        ("text", "selam, iyi akşamlar"),
        ("text", "Almanca öğrenebileceğim bir kurs var mı"),
        ("text", "Flöha'da oturuyorum"),
        ("text", "bunun için para ödemem gerekiyor mu?"),
        ("button", "more|başka seçenek var mı?"),
        ("text", "çocuğumun kulağı ağrıyor, Freiberg'de doktor lazım"),
        ("location", FREIBERG),
        ("text", "pazar günü açık mı"),
        ("button", "feedback_positive|çok işime yaradı"),
        ("text", "çok sağ olun"),
    ],
    "pl": [
        ("text", "cześć, dzień dobry"),
        ("text", "szukam pracy albo miejsca na praktykę zawodową"),
        ("text", "mieszkam w Hainichen"),
        ("text", "a płacić trzeba coś za to"),
        ("button", "more|są jeszcze jakieś inne oferty?"),
        ("text", "gdzie jest najbliższy dentysta w Freiberg"),
        ("location", FREIBERG),
        ("text", "w jakich godzinach pracują"),
        ("button", "feedback_positive|bardzo mi to pomogło"),
        ("text", "okej, dziękuję ci bardzo"),
    ],
}
LOCALES = {"de": "de-DE", "en": "en-GB", "ar": "ar-SY", "fa": "fa-IR", "uk": "uk-UA"}
LOCALES.update({"ru": "ru-RU", "tr": "tr-TR", "pl": "pl-PL"})
