"""Rasa graph component: intents by logistic regression over n-grams and sentence embeddings.

Features per message: TF-IDF of character n-grams within words (typos, inflections, missing
diacritics, town names inside other scripts), TF-IDF of words, and the multilingual sentence
embedding from `SentenceEmbeddingFeaturizer` (paraphrases). One multinomial logistic
regression over all eight languages. Measured against DIET on the held-out split
(docs/HANDOVER.md): DIET over the same features did worse, this trains in a fraction of the
time.

The fitted model is stored as plain arrays and JSON (no pickle): vocabularies, idf weights,
coefficients and intercepts; prediction is done here with numpy (softmax of X·Wᵀ + b, the
same as scikit-learn's multinomial `predict_proba`).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.optimize import minimize
from sklearn.feature_extraction.text import CountVectorizer

from nlu_extensions.sentence_embeddings import SentenceEmbeddingFeaturizer
from services_catalog.text import fold

logger = logging.getLogger(__name__)
Vectors = NDArray[np.float32]

# letters services_catalog.text.fold keeps apart but people type interchangeably
_MORE_FOLD = str.maketrans({"ؤ": "و", "ئ": "ی", "ı": "i", "ł": "l", "Ł": "l", "Đ": "d", "đ": "d"})


def normalise(text: str) -> str:
    """The catalog's `fold` (lower case, no diacritics or punctuation, Arabic/Persian letter
    forms joined) plus a few more letters, so "Döbeln"/"Dobeln", "pomóc"/"pomoc",
    "عربي"/"عربى" and "ŁÓDŹ"/"lodz" count as one."""
    return fold(text.translate(_MORE_FOLD))


def _vectoriser(
    kind: str, low: int, high: int, vocabulary: dict[str, int] | None = None, min_df: int = 1
) -> Any:
    if kind == "char":
        return CountVectorizer(
            analyzer="char_wb",
            ngram_range=(low, high),
            preprocessor=normalise,
            vocabulary=vocabulary,
            min_df=min_df if vocabulary is None else 1,
            dtype=np.float32,
        )
    return CountVectorizer(
        analyzer="word",
        token_pattern=r"(?u)\b\w+\b",  # noqa: S106 (a regular expression, not a password)
        preprocessor=normalise,
        vocabulary=vocabulary,
        dtype=np.float32,
    )


@dataclass
class LinearIntentModel:
    """Everything prediction needs, as arrays."""

    config: dict[str, Any]
    vocabularies: dict[str, dict[str, int]]
    idf: dict[str, Vectors]
    coef: Vectors  # (classes, features)
    intercept: Vectors  # (classes,)
    classes: list[str]
    # built once: a vectoriser checks its whole vocabulary on first use (~5 ms a message)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def _tfidf(self, kind: str, texts: list[str]) -> sp.csr_matrix:
        if kind not in self._cache:
            low, high = self.config["char_ngram_range"] if kind == "char" else (1, 1)
            self._cache[kind] = _vectoriser(kind, low, high, self.vocabularies[kind])
        return _weigh(self._cache[kind].transform(texts), self.idf[kind])

    def features(self, texts: list[str], embeddings: Vectors) -> sp.csr_matrix:
        """Rows of [char TF-IDF | word TF-IDF | weighted embedding]."""
        dense = sp.csr_matrix(embeddings * float(self.config["embedding_weight"]))
        return sp.hstack(
            [self._tfidf("char", texts), self._tfidf("word", texts), dense], format="csr"
        )

    def probabilities(self, texts: list[str], embeddings: Vectors) -> Vectors:
        """Softmax over the classes per text."""
        if "weights" not in self._cache:
            # (features, classes) in row order: a sparse row times it touches only the
            # rows of its non-zero features (coef.T as a view made this 3 ms a message)
            self._cache["weights"] = np.ascontiguousarray(self.coef.T)
        scores = self.features(texts, embeddings) @ self._cache["weights"] + self.intercept
        scores = np.asarray(scores) - np.max(scores, axis=1, keepdims=True)
        exp: Vectors = np.exp(scores).astype(np.float32)
        normalised: Vectors = exp / exp.sum(axis=1, keepdims=True)
        return normalised


def _weigh(counts: sp.csr_matrix, idf: Vectors) -> sp.csr_matrix:
    """Sublinear term frequency × idf, rows L2-normalised."""
    weighted = counts.tocsr(copy=True).astype(np.float32)
    weighted.data = 1.0 + np.log(weighted.data)
    weighted = weighted.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ weighted


class _RowBlocks:
    """A sparse matrix cut into one block of rows per core, multiplied in threads.

    scipy's sparse products run on one core and release the GIL, so the blocks' products run
    side by side; each output row is computed exactly as in the whole product, so the result
    is the same to the bit (tested), only sooner (the regression's time is mostly these
    products)."""

    def __init__(self, matrix: sp.csr_matrix, pool: ThreadPoolExecutor, parts: int) -> None:
        bounds = np.linspace(0, matrix.shape[0], parts + 1).astype(int)
        self.blocks = [matrix[a:b] for a, b in itertools.pairwise(bounds)]
        self.pool = pool

    def __matmul__(self, other: NDArray[np.float64]) -> NDArray[np.float64]:
        if len(self.blocks) == 1:
            single: NDArray[np.float64] = self.blocks[0] @ other
            return single
        return np.vstack(list(self.pool.map(lambda block: block @ other, self.blocks)))


def softmax_regression(
    sparse: sp.csr_matrix,
    dense: NDArray[np.float64],
    labels: NDArray[np.int_],
    classes: int,
    C: float,
    max_iter: int,
    tol: float = 1e-4,
    initial_trust_radius: float = 1.0,
) -> tuple[Vectors, Vectors]:
    """Multinomial logistic regression over the columns [sparse | dense]: coefficients
    (classes, features) and intercepts (classes,).

    The objective is scikit-learn's `LogisticRegression` (summed cross-entropy + ||W||²/2C,
    intercept not penalised), so the optimum is the same; the way there is cheaper. Its
    lbfgs solver took 307 s of a 524 s training on 23,400 examples × 102,800 features × 34
    intents: hundreds of L-BFGS-B iterations, each ~0.4 s of bookkeeping over 3.5 million
    parameters plus products with one sparse matrix in which the 384 dense embedding columns
    were 85 % of the non-zeros. Here the embeddings stay a dense block (BLAS), and scipy's
    Newton trust-region solver (`trust-ncg`) with exact Hessian-vector products reaches a
    smaller gradient (gtol=tol, as scikit-learn asks of lbfgs) in 73 s."""
    rows, n_sparse = sparse.shape
    parts = max(1, min(os.cpu_count() or 1, 8))
    with ThreadPoolExecutor(parts) as pool:
        return _newton(
            _RowBlocks(sparse.astype(np.float64).tocsr(), pool, parts),
            _RowBlocks(sparse.T.tocsr().astype(np.float64), pool, parts),
            (rows, n_sparse, dense, labels, classes),
            C,
            (max_iter, tol, initial_trust_radius),
        )


def _newton(
    sparse: _RowBlocks,
    sparse_t: _RowBlocks,
    problem: tuple[int, int, NDArray[np.float64], NDArray[np.int_], int],
    C: float,
    options: tuple[int, float, float],
) -> tuple[Vectors, Vectors]:
    rows, n_sparse, dense, labels, classes = problem
    max_iter, tol, initial_trust_radius = options
    n_dense = dense.shape[1]
    targets = np.zeros((rows, classes))
    targets[np.arange(rows), labels] = 1.0
    split = (n_sparse * classes, (n_sparse + n_dense) * classes)
    last: dict[str, NDArray[np.float64]] = {}

    def scores(w: NDArray[np.float64]) -> NDArray[np.float64]:
        w_sparse = w[: split[0]].reshape(n_sparse, classes)
        w_dense = w[split[0] : split[1]].reshape(n_dense, classes)
        product: NDArray[np.float64] = sparse @ w_sparse + dense @ w_dense + w[split[1] :]
        return product

    def back(residual: NDArray[np.float64], w: NDArray[np.float64]) -> NDArray[np.float64]:
        """Xᵀ·residual plus the penalty's share, in the parameters' layout."""
        return np.concatenate(
            [
                (sparse_t @ residual).ravel() + w[: split[0]] / C,
                (dense.T @ residual).ravel() + w[split[0] : split[1]] / C,
                residual.sum(axis=0),
            ]
        )

    def loss_and_gradient(w: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        z = scores(w)
        z -= z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(z).sum(axis=1))
        probabilities = np.exp(z - log_norm[:, None])
        last["w"], last["p"] = w.copy(), probabilities
        weights = w[: split[1]]
        loss = float(log_norm.sum() - z[np.arange(rows), labels].sum())
        loss += float(weights @ weights) / (2.0 * C)
        return loss, back(probabilities - targets, w)

    def hessian_times(w: NDArray[np.float64], v: NDArray[np.float64]) -> NDArray[np.float64]:
        if "w" not in last or not np.array_equal(w, last["w"]):
            loss_and_gradient(w)
        p = last["p"]
        pv = p * scores(v)  # softmax Jacobian: diag(p) − p·pᵀ per row, times X·v
        return back(pv - p * pv.sum(axis=1, keepdims=True), v)

    result = minimize(
        loss_and_gradient,
        np.zeros(split[1] + classes),
        method="trust-ncg",
        jac=True,
        hessp=hessian_times,
        options={"gtol": tol, "maxiter": max_iter, "initial_trust_radius": initial_trust_radius},
    )
    if not result.success:
        logger.warning("intent regression: %s after %d iterations", result.message, result.nit)
    coef = result.x[: split[1]].reshape(n_sparse + n_dense, classes).T
    return coef.astype(np.float32), result.x[split[1] :].astype(np.float32)


def fit(
    texts: list[str], embeddings: Vectors, labels: list[str], config: dict[str, Any]
) -> LinearIntentModel:
    """Fit vocabularies, idf weights and the regression."""
    vocabularies: dict[str, dict[str, int]] = {}
    idf: dict[str, Vectors] = {}
    for kind in ("char", "word"):
        low, high = config["char_ngram_range"] if kind == "char" else (1, 1)
        min_df = int(config.get("char_min_df", 1)) if kind == "char" else 1
        vectoriser = _vectoriser(kind, low, high, min_df=min_df)
        counts = vectoriser.fit_transform(texts).tocsc()
        vocabularies[kind] = {term: int(i) for term, i in vectoriser.vocabulary_.items()}
        document_frequency = np.diff(counts.indptr)
        idf[kind] = (np.log((1 + len(texts)) / (1 + document_frequency)) + 1).astype(np.float32)
    model = LinearIntentModel(
        config=config,
        vocabularies=vocabularies,
        idf=idf,
        coef=np.zeros(0, np.float32),
        intercept=np.zeros(0, np.float32),
        classes=[],
    )
    sparse = sp.hstack([model._tfidf("char", texts), model._tfidf("word", texts)], format="csr")
    dense = embeddings.astype(np.float64) * float(config["embedding_weight"])
    model.classes = sorted({str(label) for label in labels})
    index = {label: i for i, label in enumerate(model.classes)}
    coef, model.intercept = softmax_regression(
        sparse,
        dense,
        np.array([index[str(label)] for label in labels]),
        len(model.classes),
        C=float(config["C"]),
        max_iter=int(config["max_iter"]),
        initial_trust_radius=float(config.get("initial_trust_radius", 1.0)),
    )
    model.coef = coef
    return model


def save(model: LinearIntentModel, directory: Path) -> None:
    """Arrays as .npy (no pickle), the rest as JSON."""
    meta = {"config": model.config, "classes": model.classes, "vocabularies": model.vocabularies}
    (directory / "linear_intents.json").write_text(json.dumps(meta), encoding="utf-8")
    for name, array in (
        ("coef", model.coef),
        ("intercept", model.intercept),
        ("idf_char", model.idf["char"]),
        ("idf_word", model.idf["word"]),
    ):
        np.save(directory / f"{name}.npy", array, allow_pickle=False)


def load(directory: Path) -> LinearIntentModel:
    """The inverse of `save`."""
    meta = json.loads((directory / "linear_intents.json").read_text(encoding="utf-8"))

    def array(name: str) -> Vectors:
        loaded: Vectors = np.load(directory / f"{name}.npy", allow_pickle=False)
        return loaded

    return LinearIntentModel(
        config=meta["config"],
        vocabularies=meta["vocabularies"],
        idf={"char": array("idf_char"), "word": array("idf_word")},
        coef=array("coef"),
        intercept=array("intercept"),
        classes=meta["classes"],
    )


def sentence_embedding(message: Message) -> Vectors:
    """The dense sentence feature of the message's text (from the embedding featurizer)."""
    _, sentence = message.get_dense_features(TEXT)
    if sentence is None:
        raise ValueError(
            "LinearIntentClassifier needs SentenceEmbeddingFeaturizer before it in config.yml"
        )
    vector: Vectors = np.asarray(sentence.features, dtype=np.float32).reshape(-1)
    return vector


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(IntentClassifier, GraphComponent):  # type: ignore[misc]
    """Multinomial logistic regression; sets `intent` and `intent_ranking` like DIET does."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [SentenceEmbeddingFeaturizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "char_ngram_range": [2, 4],
            "embedding_weight": 1.5,
            "C": 20.0,
            "max_iter": 200,
            # a char n-gram seen in one training line only is left out (-22 % features,
            # ~-25 % regression time, F1 +-0.002), and Newton starts with a wider step
            # (33 instead of 47 iterations, same F1): measured in docs/HANDOVER.md
            "char_min_df": 2,
            "initial_trust_radius": 30.0,
            "ranking_length": 10,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: LinearIntentModel | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        texts = [e.get(TEXT) for e in examples]
        embeddings = np.vstack([sentence_embedding(e) for e in examples])
        self.model = fit(texts, embeddings, [e.get(INTENT) for e in examples], self.config)
        with self._model_storage.write_to(self._resource) as directory:
            save(self.model, Path(directory))
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        try:
            with model_storage.read_from(resource) as directory:
                model = load(Path(directory))
        except (ValueError, FileNotFoundError):
            logger.warning("LinearIntentClassifier: no trained model found")
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        todo = [m for m in messages if isinstance(m.get(TEXT), str) and m.get(TEXT)]
        if self.model is None or not todo:
            return messages
        texts = [m.get(TEXT) for m in todo]
        probabilities = self.model.probabilities(
            texts, np.vstack([sentence_embedding(m) for m in todo])
        )
        length = int(self.config["ranking_length"])
        for message, row in zip(todo, probabilities, strict=True):
            order = np.argsort(-row)[:length]
            ranking = [{"name": self.model.classes[i], "confidence": float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
