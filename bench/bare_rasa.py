"""The anchor of the benchmarks: the bare `rasa init` bot, trained once and cached in var/.

`prepare()` creates and trains the bot in var/bench/bare-rasa/ (outside git) unless it is
there already; `start()` runs it as `rasa run --enable-api` on a loopback port (REST channel,
Rasa's default in-memory tracker store; the init bot's default stories need no action server).
Run alone (`.venv/bin/python bench/bare_rasa.py`) it only prepares the bot and prints its model.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
BARE_DIR = ROOT / "var" / "bench" / "bare-rasa"
TRAIN_TIMEOUT_S = 900.0


@dataclass(frozen=True)
class BareBot:
    """The prepared bare bot: its directory, its model and whether this run trained it."""

    directory: Path
    model: Path
    trained_now: bool
    train_s: float | None


def quiet_env() -> dict[str, str]:
    """The environment for every Rasa process the benchmark starts (no telemetry, no colours)."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }


def cached_model(directory: Path = BARE_DIR) -> Path | None:
    """The newest trained model of the bare bot in `directory`, or None."""
    models = sorted((directory / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def prepare(directory: Path = BARE_DIR) -> BareBot:
    """The bare bot: reuse the cached one, else `rasa init --no-prompt` (which trains) once."""
    model = cached_model(directory)
    if model is not None:
        return BareBot(directory, model, trained_now=False, train_s=None)
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    rasa = [sys.executable, "-m", "rasa"]
    started = time.monotonic()
    done = subprocess.run(
        [*rasa, "init", "--no-prompt", "--init-dir", str(partial)],
        cwd=partial,
        env=quiet_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TRAIN_TIMEOUT_S,
        check=False,
    )
    train_s = time.monotonic() - started
    if done.returncode != 0 or cached_model(partial) is None:
        sys.stderr.write(done.stderr[-4000:])
        raise RuntimeError("rasa init --no-prompt failed to create and train the bare bot")
    (partial / "bench-credentials.yml").write_text("rest:\n", encoding="utf-8")
    shutil.rmtree(directory, ignore_errors=True)
    partial.rename(directory)
    model = cached_model(directory)
    assert model is not None
    return BareBot(directory, model, trained_now=True, train_s=train_s)


def command(bot: BareBot, port: int) -> list[str]:
    """`rasa run --enable-api` for the bare bot on 127.0.0.1:`port`."""
    return [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "--enable-api",
        "--model",
        str(bot.model),
        "--endpoints",
        str(bot.directory / "endpoints.yml"),
        "--credentials",
        str(bot.directory / "bench-credentials.yml"),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
        "--quiet",
    ]


def start(bot: BareBot, port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start the bare Rasa server; its output goes to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(
            command(bot, port),
            cwd=bot.directory,
            env=quiet_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_status(url: str, process: subprocess.Popen[bytes], seconds: float = 300) -> None:
    """Poll `url`/status every 0.2 s until it answers 200 (model loaded), within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bare Rasa exited with {process.returncode}")
        try:
            if requests.get(f"{url}/status", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"bare Rasa not ready in {seconds:.0f} s")


def main() -> None:
    """Prepare the bare bot and say where its model is."""
    bot = prepare()
    how = f"trained in {bot.train_s:.0f} s" if bot.trained_now else "cached"
    print(f"bare rasa init bot: {bot.model} ({how})")


if __name__ == "__main__":
    main()
