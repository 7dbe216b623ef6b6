"""Editor accounts: hashed passwords, the `pci users` command, rate-limited sign-in."""

from __future__ import annotations

import io
import sys
import tomllib
from datetime import datetime, timedelta

import bcrypt
import pytest

from pci import accounts
from pci.cli import main


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.delenv("PCI_EDITORS", raising=False)
    monkeypatch.delenv("PCI_EDITORS_FILE", raising=False)
    return tmp_path / "pci.duckdb"


def _users(db, *argv, stdin=""):
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return main(["--db", str(db), "--lang", "en", "users", *argv])
    finally:
        sys.stdin = old


def test_users_add_stores_only_a_bcrypt_hash(db, capsys):
    assert _users(db, "add", "lan", "--password-stdin", stdin="mat-khau-dai\n") == 0
    text = (db.parent / "editors.toml").read_text()
    assert "mat-khau-dai" not in text
    data = tomllib.loads(text)
    assert bcrypt.checkpw(b"mat-khau-dai", data["editors"]["lan"]["password_hash"].encode())
    assert (db.parent / "editors.toml").stat().st_mode & 0o077 == 0  # owner only
    assert _users(db, "list") == 0
    assert "lan" in capsys.readouterr().out


def test_users_add_refuses_short_password_and_bad_name(db, capsys):
    assert _users(db, "add", "lan", "--password-stdin", stdin="short\n") == 1
    assert "at least 8" in capsys.readouterr().err
    assert _users(db, "add", "lan bad", "--password-stdin", stdin="long enough\n") == 1
    assert not (db.parent / "editors.toml").exists()


def test_users_remove(db, capsys):
    _users(db, "add", "lan", "--password-stdin", stdin="mat-khau-dai\n")
    _users(db, "add", "minh", "--password-stdin", stdin="mat-khau-khac\n")
    assert _users(db, "remove", "lan") == 0
    assert set(accounts.load_accounts(db)) == {"minh"}
    assert _users(db, "remove", "lan") == 1


def test_accounts_from_environment_and_secrets(db, monkeypatch):
    h = bcrypt.hashpw(b"env-password", bcrypt.gensalt(rounds=4)).decode()
    monkeypatch.setenv("PCI_EDITORS", f"env-user:{h}")
    assert accounts.sign_in(db, "env-user", "env-password", session="s1").ok
    h2 = bcrypt.hashpw(b"secret-pass", bcrypt.gensalt(rounds=4)).decode()
    extra = {"sec": {"password_hash": h2}}
    assert accounts.sign_in(db, "sec", "secret-pass", session="s1", extra=extra).ok
    assert not accounts.sign_in(db, "sec", "secret-pass", session="s1").ok


def test_five_failures_lock_the_user_for_a_minute_then_longer(db):
    accounts.add_user(db, "lan", "dung-mat-khau")
    t0 = datetime(2026, 12, 1, 3, 0, 0)
    for i in range(accounts.MAX_FAILURES):
        r = accounts.sign_in(db, "lan", "sai", session=f"s{i}", now=t0 + timedelta(seconds=i))
        assert not r.ok and r.reason == "bad_credentials"
    # locked now, even with the right password and from a fresh session
    r = accounts.sign_in(
        db, "lan", "dung-mat-khau", session="fresh", now=t0 + timedelta(seconds=10)
    )
    assert (r.ok, r.reason) == (False, "locked")
    assert r.locked_until == t0 + timedelta(seconds=4 + 60)
    # after the lock the right password works and resets the count
    later = t0 + timedelta(seconds=70)
    assert accounts.sign_in(db, "lan", "dung-mat-khau", session="fresh", now=later).ok
    # ten more failures: the second lock is twice as long
    for i in range(2 * accounts.MAX_FAILURES):
        at = later + timedelta(seconds=1 + i)
        if accounts.locked_until(db, "lan", f"x{i}", now=at) is None:
            accounts.sign_in(db, "lan", "sai", session=f"x{i}", now=at)
    until = accounts.locked_until(db, "lan", "other", now=later + timedelta(seconds=12))
    assert until is not None and until - (later + timedelta(seconds=5)) == timedelta(seconds=60)


def test_one_session_guessing_many_names_is_locked(db):
    t0 = datetime(2026, 12, 1, 3, 0, 0)
    for i in range(accounts.MAX_FAILURES):
        accounts.sign_in(db, f"user{i}", "sai", session="attacker", now=t0)
    r = accounts.sign_in(db, "someone-else", "sai", session="attacker", now=t0)
    assert r.reason == "locked"
    assert accounts.locked_until(db, "someone-else", "other-session", now=t0) is None


def test_every_attempt_is_logged(db):
    accounts.add_user(db, "lan", "dung-mat-khau")
    accounts.sign_in(db, "lan", "sai", session="s")
    accounts.sign_in(db, "lan", "dung-mat-khau", session="s")
    outcomes = [r[3] for r in accounts.signin_log(db)]
    assert sorted(outcomes) == ["bad_credentials", "ok"]


def test_oidc_editor_addresses_from_file_environment_and_secrets(db, monkeypatch):
    (db.parent / "editors.toml").write_text('[oidc]\nemails = ["Lan@SoKHDT.gov.vn"]\n')
    monkeypatch.setenv("PCI_EDITOR_EMAILS", "minh@sokhdt.gov.vn, ")
    got = accounts.oidc_emails(db, {"emails": ["hoa@sokhdt.gov.vn"]})
    assert got == {"lan@sokhdt.gov.vn", "minh@sokhdt.gov.vn", "hoa@sokhdt.gov.vn"}
    # `pci users add` keeps the [oidc] section it did not write
    accounts.add_user(db, "lan", "dung-mat-khau")
    assert "lan@sokhdt.gov.vn" in accounts.oidc_emails(db)
