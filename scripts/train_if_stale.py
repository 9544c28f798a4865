#!/usr/bin/env python3
"""Train the Rasa model unless one for exactly these inputs exists (models/wegweiser-<hash>.tar.gz).

The hash covers config.yml, domain/, data/ and the custom NLU components. Prints the model path
on standard output; on standard error, what training is doing and for how long: each stage as
Rasa starts and finishes it, and a heartbeat with the elapsed time while a long step (the
sentence embeddings of every example, the classifier's fitting) runs. Rasa's whole output goes
to var/train.log, and is shown in full when training fails.

The sentence embeddings of the training texts are kept in models/embeddings/ (see
nlu_extensions/sentence_embeddings.py): a training after a data change embeds only the new
lines; the model is the same as without the cache. WEGWEISER_EMBEDDING_CACHE="" turns it off.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ("config.yml", "domain", "data", "nlu_extensions")
TRAIN_LOG = ROOT / "var" / "train.log"
HEARTBEAT_S = 15.0
# Rasa's own log lines that name a stage (rasa.engine.training.hooks, rasa.model_training).
STAGES = re.compile(
    r"(Starting to train component '\w+'|Finished training component '\w+'"
    r"|Restored component '\w+' from cache|Your Rasa model is trained)"
)


def inputs_hash() -> str:
    """SHA-256 over the paths and contents of every training input, first 16 hex digits."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or file.suffix in (".md", ".pyc"):
                continue
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def main() -> int:
    """Train if needed; print the model path."""
    model = ROOT / "models" / f"wegweiser-{inputs_hash()}.tar.gz"
    if model.exists():
        print(model)
        return 0
    started = time.monotonic()
    command = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain",
        "--data",
        "data",
        "--out",
        "models",
        "--fixed-model-name",
        model.name.removesuffix(".tar.gz"),
    ]
    say(started, "training the Rasa model (a few minutes; Rasa's output: var/train.log)")
    returncode = train(command, started)
    if returncode != 0 or not model.exists():
        sys.stderr.write(TRAIN_LOG.read_text(encoding="utf-8", errors="replace"))
        say(started, f"training FAILED (exit code {returncode}); Rasa's output is above")
        return 1
    print(f"trained in {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(model)
    return 0


def say(started: float, text: str) -> None:
    """One progress line on standard error, with the elapsed time."""
    elapsed = int(time.monotonic() - started)
    print(f"model [{elapsed // 60}:{elapsed % 60:02d}] {text}", file=sys.stderr, flush=True)


def train(command: list[str], started: float) -> int:
    """Run `rasa train`, its output into TRAIN_LOG; name each stage as it starts and keep
    a heartbeat while one runs long. Rasa's exit code."""
    TRAIN_LOG.parent.mkdir(parents=True, exist_ok=True)
    # the longest step comes first and logs nothing of its own: the sentence embeddings
    stage = ["reading the data and embedding every training example"]
    finished = threading.Event()

    def heartbeat() -> None:
        while not finished.wait(HEARTBEAT_S):
            say(started, f"still {stage[0]}")

    beat = threading.Thread(target=heartbeat, daemon=True)
    beat.start()
    with (
        TRAIN_LOG.open("w", encoding="utf-8") as log,
        subprocess.Popen(
            command,
            cwd=ROOT,
            env={
                "WEGWEISER_EMBEDDING_CACHE": str(ROOT / "models" / "embeddings"),
                **os.environ,
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        ) as rasa,
    ):
        assert rasa.stdout is not None
        for line in rasa.stdout:
            log.write(line)
            found = STAGES.search(line)
            if found:
                say(started, found.group(1))
                stage[0] = _next_stage(found.group(1))
        returncode = rasa.wait()
    finished.set()
    beat.join()
    return returncode


def _next_stage(line: str) -> str:
    """What runs after a stage line (for the heartbeat)."""
    if line.startswith("Starting to train component"):
        return "training " + line.split("'")[1]
    return "working on the next stage"


if __name__ == "__main__":
    raise SystemExit(main())
