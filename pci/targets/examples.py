"""The example registers shipped in ``data/examples/targets_*.csv`` (from real plans).

Each file is loaded into the register once — the first time the register is opened — and
recorded in ``target_example_sets``. It is never loaded again: an example a committee edited
or deleted stays as they left it, and a new release adding a file loads only that file.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from pci import db as pdb
from pci.config import EXAMPLES_DIR
from pci.targets.register import Target

EXAMPLE_USER = "vi-du"
# State files (path, inode) known to hold every shipped example set: a page view then does
# not need a write transaction. A restored backup is a new file (new inode) and is checked.
_DONE: set[tuple[str, int, int]] = set()


def example_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or EXAMPLES_DIR).glob("targets_*.csv"))


def read_example(path: Path) -> list[Target]:
    """The targets of one example file, labelled with the set (the file's stem)."""
    label = path.stem.removeprefix("targets_")
    with path.open(encoding="utf-8") as fh:
        return [Target.from_mapping({**row, "example_set": label}) for row in csv.DictReader(fh)]


def ensure_examples(state: Path, folder: Path | None = None) -> int:
    """Load every example set not loaded before; returns how many targets were added.

    All in one transaction with the marker, so a crash half-way loads nothing and the next
    start tries again; two processes starting together load each set once (the second sees
    the marker after waiting for the lock).
    """
    from pci.targets.store import _create

    files = example_files(folder)
    if not files:
        return 0
    key = _key(state, len(files))
    if key in _DONE:
        return 0
    with pdb.state(state) as con:
        done = {r[0] for r in con.execute("SELECT example_set FROM target_example_sets").fetchall()}
        todo = [f for f in files if f.stem.removeprefix("targets_") not in done]
        added = 0
        for f in todo:
            targets = read_example(f)
            for t in targets:
                _create(con, t, EXAMPLE_USER, "create")
            con.execute(
                "INSERT INTO target_example_sets VALUES ($s, $n, $at)",
                {
                    "s": f.stem.removeprefix("targets_"),
                    "n": len(targets),
                    "at": datetime.now(UTC).replace(tzinfo=None),
                },
            )
            added += len(targets)
    done = _key(state, len(files))
    if done:
        _DONE.add(done)
    return added


def _key(state: Path, n_files: int) -> tuple[str, int, int] | None:
    try:
        return (str(state.resolve()), state.stat().st_ino, n_files)
    except FileNotFoundError:
        return None
