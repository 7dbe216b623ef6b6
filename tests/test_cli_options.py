"""Global options work where people type them: before or after the command."""

from __future__ import annotations

from pci.cli import build_parser, main


def test_db_and_lang_after_the_command_override_the_defaults(tmp_path):
    args = build_parser().parse_args(["check", "--db", str(tmp_path / "x.duckdb"), "--lang", "en"])
    assert args.db == str(tmp_path / "x.duckdb") and args.lang == "en"


def test_before_the_command_still_works_and_is_not_reset_by_the_command():
    args = build_parser().parse_args(["--db", "a.duckdb", "--lang", "en", "check"])
    assert args.db == "a.duckdb" and args.lang == "en"


def test_nested_commands_take_them_too(tmp_path, capsys):
    assert main(["users", "list", "--db", str(tmp_path / "pci.duckdb"), "--lang", "en"]) == 0
    assert str(tmp_path) in capsys.readouterr().out
