"""The intent classifier: normalisation, the embedding featurizer on hostile text, fit → save →
load gives the same answers, and the Rasa components set intent and ranking."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_extensions import linear_intents
from nlu_extensions.linear_intents import LinearIntentClassifier, normalise
from nlu_extensions.sentence_embeddings import SentenceEmbeddingFeaturizer, embed

# a small multilingual set: three intents, a few languages each
TRAINING = {
    "need_language_course": [
        "ich brauche einen Deutschkurs",
        "wo kann ich deutsch lernen",
        "I want to learn German",
        "German course for beginners",
        "أريد تعلم اللغة الألمانية",
        "хочу вивчати німецьку мову",
        "kurs niemieckiego dla początkujących",
    ],
    "need_labour_rights_counselling": [
        "mein Chef zahlt meinen Lohn nicht",
        "Arbeitgeber hat mir gekündigt ohne Grund",
        "my boss does not pay my wages",
        "I work 60 hours and get paid for 40",
        "صاحب العمل لا يدفع راتبي",
        "роботодавець не платить зарплату",
        "szef nie wypłacił mi pensji",
    ],
    "greet": ["hallo", "guten morgen", "hello", "hi there", "مرحبا", "привіт", "dzień dobry"],
}
CONFIG = {**LinearIntentClassifier.get_default_config(), "C": 20.0}


def _training() -> tuple[list[str], list[str]]:
    texts = [t for lines in TRAINING.values() for t in lines]
    labels = [intent for intent, lines in TRAINING.items() for _ in lines]
    return texts, labels


def test_normalise_folds_diacritics_case_and_keyboard_variants() -> None:
    assert normalise("Döbeln") == normalise("dobeln")
    assert normalise("pomóc ŁÓDŹ") == normalise("pomoc lodz")
    assert normalise("عربي") == normalise("عربى")  # Arabic alif maqsura vs ya
    assert normalise("كورس") == normalise("کورس")  # Arabic vs Persian kaf
    assert normalise("мёд") == normalise("мед")
    assert normalise("Straße") == "strasse"
    assert normalise("Tiếng Đức") == normalise("tieng duc")  # Vietnamese typed without diacritics


@pytest.mark.parametrize(
    "text", ["", " ", "\x00\x01", "\ud800 lone surrogate", "a" * 100_000, "🙂" * 50, "<script>"]
)
def test_embedding_takes_any_text(text: str) -> None:
    vector = embed([text])
    assert vector.shape == (1, 384)
    assert np.isfinite(vector).all()
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3


def test_embeddings_put_paraphrases_across_languages_together() -> None:
    wages, wages_uk, course = embed(
        ["my boss does not pay my wages", "мені не платять зарплату", "German course"]
    )
    assert float(wages @ wages_uk) > float(wages @ course)


def test_fit_save_load_predicts_the_same(tmp_path: Path) -> None:
    texts, labels = _training()
    model = linear_intents.fit(texts, embed(texts), labels, CONFIG)
    queries = ["Deutschkurs in Döbeln", "my employer keeps my salary", "hallo zusammen"]
    vectors = embed(queries)
    before = model.probabilities(queries, vectors)
    linear_intents.save(model, tmp_path)
    assert not list(tmp_path.glob("*.pkl"))
    after = linear_intents.load(tmp_path).probabilities(queries, vectors)
    np.testing.assert_allclose(before, after, rtol=1e-5, atol=1e-6)
    assert np.allclose(after.sum(axis=1), 1.0)
    predicted = [model.classes[i] for i in after.argmax(axis=1)]
    assert predicted == ["need_language_course", "need_labour_rights_counselling", "greet"]


def test_components_train_persist_load_and_classify(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("linear_intents")
    context = ExecutionContext(GraphSchema({}), node_name="test")
    featurizer = SentenceEmbeddingFeaturizer.create({}, storage, resource, context)
    texts, labels = _training()
    data = TrainingData(
        [Message(data={TEXT: t, INTENT: i}) for t, i in zip(texts, labels, strict=True)]
    )
    featurizer.process_training_data(data)
    classifier = LinearIntentClassifier.create(CONFIG, storage, resource, context)
    classifier.train(data)

    loaded = LinearIntentClassifier.load(CONFIG, storage, resource, context)
    messages = [Message(data={TEXT: "szef nie płaci mi wypłaty"}), Message(data={TEXT: ""})]
    loaded.process(featurizer.process(messages))
    assert messages[0].get(INTENT)["name"] == "need_labour_rights_counselling"
    ranking = messages[0].get(INTENT_RANKING_KEY)
    assert ranking[0]["name"] == "need_labour_rights_counselling"
    assert len(ranking) == 3
    assert ranking[0]["confidence"] >= ranking[1]["confidence"]
    assert messages[1].get(INTENT) is None  # no text: nothing to classify, no crash


def test_classifier_without_embeddings_says_what_is_missing(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), node_name="test")
    classifier = LinearIntentClassifier.create(CONFIG, storage, Resource("x"), context)
    data = TrainingData([Message(data={TEXT: "hallo", INTENT: "greet"})])
    with pytest.raises(ValueError, match="SentenceEmbeddingFeaturizer"):
        classifier.train(data)


def test_regression_reaches_scikit_learns_optimum() -> None:
    """The own solver minimises the objective of scikit-learn's LogisticRegression: the same
    probabilities on a problem with sparse n-grams and dense embedding columns."""
    from sklearn.linear_model import LogisticRegression

    texts, labels = _training()
    embeddings = embed(texts)
    model = linear_intents.fit(texts, embeddings, labels, CONFIG)
    features = model.features(texts, embeddings)
    reference = LogisticRegression(C=CONFIG["C"], max_iter=5000, tol=1e-8).fit(features, labels)
    assert list(reference.classes_) == model.classes
    np.testing.assert_allclose(
        model.probabilities(texts, embeddings), reference.predict_proba(features), atol=2e-3
    )


def test_regression_is_the_same_on_one_core_and_on_several(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sparse products run in row blocks, one per core: the model must not depend on the
    machine's core count (same coefficients to the bit)."""
    texts, labels = _training()
    embeddings = embed(texts)
    fitted = []
    for cores in (1, 3):
        monkeypatch.setattr("os.cpu_count", lambda cores=cores: cores)
        fitted.append(linear_intents.fit(texts, embeddings, labels, CONFIG))
    assert np.array_equal(fitted[0].coef, fitted[1].coef)
    assert np.array_equal(fitted[0].intercept, fitted[1].intercept)


def test_char_ngrams_seen_in_one_line_only_can_be_left_out() -> None:
    texts, labels = _training()
    embeddings = embed(texts)
    every = linear_intents.fit(texts, embeddings, labels, {**CONFIG, "char_min_df": 1})
    shared = linear_intents.fit(texts, embeddings, labels, {**CONFIG, "char_min_df": 2})
    assert set(shared.vocabularies["char"]) < set(every.vocabularies["char"])
    assert shared.vocabularies["word"] == every.vocabularies["word"]
    fitted = linear_intents._vectoriser("char", 2, 4).fit(texts)
    lines_with = np.asarray((fitted.transform(texts) > 0).sum(axis=0)).ravel()
    once = {term for term, i in fitted.vocabulary_.items() if lines_with[i] == 1}
    assert once and not once & set(shared.vocabularies["char"])
    assert set(every.vocabularies["char"]) - once == set(shared.vocabularies["char"])
