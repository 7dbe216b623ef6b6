"""The docs may not fall behind the code."""

import re
from pathlib import Path

from pci.docs import DICTIONARY, render

ROOT = Path(__file__).resolve().parents[1]


def test_data_dictionary_matches_the_schema():
    assert DICTIONARY.read_text(encoding="utf-8") == render(), (
        "docs/data-dictionary.md is stale: run `uv run python -m pci.docs`"
    )


def test_every_cli_command_is_documented_in_the_readme():
    from pci.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in COMMANDS if not re.search(rf"`pci {c}\b", readme)]
    assert missing == []


def test_readme_commands_are_the_ones_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./scripts/test" in readme and "./scripts/test" in ci
