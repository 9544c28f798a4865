"""The training-time embedding cache: the same vectors as without it, to the bit, and only
texts it has not seen are embedded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nlu_extensions import sentence_embeddings as se

TEXTS = [
    "ich brauche einen Deutschkurs in Freiberg",
    "مرحبا بدي كورس لغة بفرايبرغ",
    "xin chào, mình muốn tìm lớp học tiếng Đức buổi tối",
    "hello",
]


def test_a_text_gets_the_same_vector_in_any_batch() -> None:
    """What the cache relies on: the engine embeds each text on its own terms."""
    batch = se.embed(TEXTS * 40)
    for i, text in enumerate(TEXTS):
        assert np.array_equal(se.embed([text])[0], batch[i])
        assert np.array_equal(batch[i], batch[i + len(TEXTS) * 7])


def test_cache_gives_the_same_vectors_and_embeds_only_new_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded: list[str] = []
    real = se.embed

    def counting(texts: list[str]) -> se.Vectors:
        embedded.extend(texts)
        return real(texts)

    monkeypatch.setattr(se, "embed", counting)
    first = se.embed_cached([*TEXTS, TEXTS[0]], tmp_path)
    assert sorted(embedded) == sorted(TEXTS)  # the repeated line once
    assert np.array_equal(first, real([*TEXTS, TEXTS[0]]))

    embedded.clear()
    again = se.embed_cached(list(reversed(TEXTS)), tmp_path)
    assert embedded == []
    assert np.array_equal(again, real(list(reversed(TEXTS))))

    embedded.clear()
    changed = se.embed_cached([TEXTS[1], "wo ist das Jobcenter in Döbeln?"], tmp_path)
    assert embedded == ["wo ist das Jobcenter in Döbeln?"]
    assert np.array_equal(changed, real([TEXTS[1], "wo ist das Jobcenter in Döbeln?"]))
    # the file keeps the texts of the last training only
    (cache,) = tmp_path.glob("e5-*.npz")
    with np.load(cache) as stored:
        assert stored["keys"].shape[0] == 2
    # lines only taken out of the data: nothing to embed, and the file shrinks too
    embedded.clear()
    assert np.array_equal(se.embed_cached([TEXTS[1]], tmp_path), real([TEXTS[1]]))
    assert embedded == []
    with np.load(cache) as stored:
        assert stored["keys"].shape[0] == 1


def test_an_unreadable_cache_is_embedded_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    se.embed_cached(TEXTS[:2], tmp_path)
    (cache,) = tmp_path.glob("e5-*.npz")
    cache.write_bytes(b"not a numpy file")
    vectors = se.embed_cached(TEXTS[:2], tmp_path)
    assert np.array_equal(vectors, se.embed(TEXTS[:2]))
    assert "unreadable" in caplog.text
    assert "Deutschkurs" not in caplog.text  # never the texts


def test_training_uses_the_cache_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    featurizer = se.SentenceEmbeddingFeaturizer({}, "embeddings")
    data = TrainingData([Message(data={"text": t, "intent": "greet"}) for t in TEXTS])
    monkeypatch.delenv(se.CACHE_VARIABLE, raising=False)
    featurizer.process_training_data(data)
    assert not list(tmp_path.iterdir())
    monkeypatch.setenv(se.CACHE_VARIABLE, str(tmp_path / "cache"))
    featurizer.process_training_data(
        TrainingData([Message(data={"text": t, "intent": "greet"}) for t in TEXTS])
    )
    assert len(list((tmp_path / "cache").glob("e5-*.npz"))) == 1
