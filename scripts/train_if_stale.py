#!/usr/bin/env python3
"""Train the Rasa model unless one for exactly these inputs exists (models/wegweiser-<hash>.tar.gz).

The hash covers config.yml, domain/, data/ and the custom NLU components. Prints the model path.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ("config.yml", "domain", "data", "nlu_extensions")


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
    done = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if done.returncode != 0 or not model.exists():
        sys.stderr.write(done.stderr[-4000:])
        return 1
    print(f"trained in {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(model)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
