"""Editor accounts and sign-in: who may import files, edit targets and see private results.

Viewing needs no account. Editors are configured by the operator, never by the app itself:

* a TOML file, ``editors.toml`` beside the published database (``data/editors.toml``), or the
  file named by ``PCI_EDITORS_FILE``, written by ``pci users add/remove``::

      [editors.lan]
      password_hash = "$2b$12$..."      # bcrypt
      added_at = "2026-12-01T03:00:00"

      [oidc]                             # optional: Streamlit's built-in OIDC login
      emails = ["lan@sokhdt.gov.vn"]

* ``PCI_EDITORS`` in the environment: ``name:bcrypt-hash`` pairs separated by commas, for
  container deployments;
* an ``[editors]`` table in ``.streamlit/secrets.toml`` (the UI passes it in as ``extra``).

Passwords are only ever stored as bcrypt hashes. Every sign-in attempt is logged in the state
database (``signins``); after ``MAX_FAILURES`` failures in a row a user name — and, separately, a
browser session — is locked for ``BASE_LOCK_SECONDS``, doubling with each further round of
failures (up to ``MAX_LOCK_SECONDS``). The lock is computed from the log, so it holds across
server restarts and across several server processes.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import bcrypt

from pci import db as pdb
from pci.config import state_path

MAX_FAILURES = 5
BASE_LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 3600
NAME_RE = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
MIN_PASSWORD = 8


# Checked against when the user name is unknown, so that a wrong name costs as long as a
# wrong password (no user-name probing by timing).
@functools.cache
def _dummy_hash() -> bytes:
    return bcrypt.hashpw(b"not a password", bcrypt.gensalt(rounds=12))


class AccountError(ValueError):
    """A user name or password the operator must change (message key + params)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(key)


@dataclass(frozen=True)
class Attempt:
    """The outcome of one sign-in attempt."""

    ok: bool
    user: str
    reason: str  # ok | bad_credentials | locked
    locked_until: datetime | None = None

    @property
    def wait_seconds(self) -> int:
        if not self.locked_until:
            return 0
        return max(1, int((self.locked_until - datetime.now()).total_seconds() + 0.999))


# --- configuration -------------------------------------------------------------------------


def editors_file(db: Path) -> Path:
    """The accounts file: ``$PCI_EDITORS_FILE`` or ``editors.toml`` beside the database."""
    raw = os.environ.get("PCI_EDITORS_FILE")
    return Path(raw).expanduser().resolve() if raw else db.parent / "editors.toml"


def load_accounts(db: Path, extra: Mapping[str, object] | None = None) -> dict[str, str]:
    """User name → bcrypt hash, from the file, ``PCI_EDITORS`` and ``extra`` (secrets)."""
    out: dict[str, str] = {}
    data = _read(editors_file(db))
    for name, entry in (data.get("editors") or {}).items():
        if isinstance(entry, Mapping) and entry.get("password_hash"):
            out[str(name)] = str(entry["password_hash"])
    for pair in filter(None, (os.environ.get("PCI_EDITORS") or "").split(",")):
        name, _, hashed = pair.strip().partition(":")
        if name and hashed:
            out[name] = hashed
    for name, entry in (extra or {}).items():
        hashed = entry.get("password_hash") if isinstance(entry, Mapping) else entry
        if hashed:
            out[str(name)] = str(hashed)
    return out


def oidc_emails(db: Path, extra: Mapping[str, object] | None = None) -> set[str]:
    """E-mail addresses that are editors when they sign in with the OIDC provider."""
    data = _read(editors_file(db))
    emails = list((data.get("oidc") or {}).get("emails") or [])
    emails += [e for e in (os.environ.get("PCI_EDITOR_EMAILS") or "").split(",") if e.strip()]
    emails += list((extra or {}).get("emails") or [])
    return {str(e).strip().lower() for e in emails if str(e).strip()}


def add_user(db: Path, name: str, password: str) -> Path:
    """Create or reset an account in the accounts file (hash only; written atomically)."""
    if not NAME_RE.match(name):
        raise AccountError("users.bad_name", name=name)
    if len(password) < MIN_PASSWORD:
        raise AccountError("users.short_password", n=MIN_PASSWORD)
    path = editors_file(db)
    data = _read(path)
    editors = dict(data.get("editors") or {})
    editors[name] = {
        "password_hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode(),
        "added_at": datetime.now().replace(microsecond=0).isoformat(),
    }
    data["editors"] = editors
    _write(path, data)
    return path


def remove_user(db: Path, name: str) -> bool:
    path = editors_file(db)
    data = _read(path)
    editors = dict(data.get("editors") or {})
    if name not in editors:
        return False
    del editors[name]
    data["editors"] = editors
    _write(path, data)
    return True


def list_users(db: Path) -> list[dict[str, str]]:
    """Accounts in the file (name, added_at) and those from ``PCI_EDITORS`` (source env)."""
    data = _read(editors_file(db))
    rows = [
        {"name": n, "added_at": str(e.get("added_at", "")), "source": "file"}
        for n, e in sorted((data.get("editors") or {}).items())
    ]
    for pair in filter(None, (os.environ.get("PCI_EDITORS") or "").split(",")):
        name = pair.strip().partition(":")[0]
        if name:
            rows.append({"name": name, "added_at": "", "source": "env"})
    return rows


# --- signing in ----------------------------------------------------------------------------


def sign_in(
    db: Path,
    name: str,
    password: str,
    *,
    session: str,
    extra: Mapping[str, object] | None = None,
    now: datetime | None = None,
) -> Attempt:
    """Check a password, honouring and updating the lock; every attempt is logged."""
    now = now or datetime.now()
    name = (name or "").strip()[:64]
    locked = locked_until(db, name, session, now=now)
    if locked:
        _log(db, now, name, session, "locked")
        return Attempt(False, name, "locked", locked)
    hashed = load_accounts(db, extra).get(name)
    try:
        good = bcrypt.checkpw(password.encode(), (hashed.encode() if hashed else _dummy_hash()))
    except ValueError:  # a malformed hash in the configuration
        good = False
    good = good and hashed is not None
    _log(db, now, name, session, "ok" if good else "bad_credentials")
    if good:
        return Attempt(True, name, "ok")
    return Attempt(False, name, "bad_credentials", locked_until(db, name, session, now=now))


def record_oidc(db: Path, email: str, *, session: str, ok: bool) -> None:
    """Log an OIDC sign-in (accepted, or refused because the address is not an editor)."""
    _log(db, datetime.now(), email, session, "oidc_ok" if ok else "oidc_refused")


def locked_until(
    db: Path, name: str, session: str, *, now: datetime | None = None
) -> datetime | None:
    """When the user name or the session may try again, or None when it may now."""
    now = now or datetime.now()
    with pdb.state(state_path(db)) as con:
        rows = con.execute(
            """
            SELECT 'user' AS who, attempted_at AS at, outcome FROM signins WHERE user_name = $name
            UNION ALL
            SELECT 'session', attempted_at, outcome FROM signins WHERE session_id = $session
            ORDER BY 2""",
            {"name": name, "session": session},
        ).fetchall()
    until = None
    for who in ("user", "session"):
        fails = []
        for w, at, outcome in rows:
            if w != who:
                continue
            if outcome == "ok":
                fails = []
            elif outcome == "bad_credentials":
                fails.append(at)
        if len(fails) >= MAX_FAILURES:
            rounds = len(fails) // MAX_FAILURES
            seconds = min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (rounds - 1))
            end = fails[-1] + timedelta(seconds=seconds)
            if end > now and (until is None or end > until):
                until = end
    return until


def signin_log(db: Path, limit: int = 200) -> list[tuple]:
    with pdb.state(state_path(db)) as con:
        return con.execute(
            "SELECT attempted_at, user_name, session_id, outcome FROM signins "
            "ORDER BY attempted_at DESC LIMIT $n",
            {"n": limit},
        ).fetchall()


# --- helpers -------------------------------------------------------------------------------


def _log(db: Path, at: datetime, name: str, session: str, outcome: str) -> None:
    with pdb.state(state_path(db)) as con:
        con.execute(
            "INSERT INTO signins (attempted_at, user_name, session_id, outcome) "
            "VALUES ($at, $name, $session, $outcome)",
            {"at": at, "name": name, "session": session[:64], "outcome": outcome},
        )


def _read(path: Path) -> dict:
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _write(path: Path, data: dict) -> None:
    """Write the accounts TOML (only strings and lists of strings), readable by its owner only."""
    lines = ["# PCI dashboard editors — managed with `pci users`. Passwords are bcrypt hashes.", ""]
    for name, entry in sorted((data.get("editors") or {}).items()):
        lines.append(f"[editors.{_q(name)}]")
        for k, v in entry.items():
            lines.append(f"{k} = {_q(str(v))}")
        lines.append("")
    for section, entries in data.items():
        if section == "editors" or not isinstance(entries, Mapping):
            continue
        lines.append(f"[{section}]")
        for k, v in entries.items():
            value = (
                "[" + ", ".join(_q(str(x)) for x in v) + "]" if isinstance(v, list) else _q(str(v))
            )
            lines.append(f"{k} = {value}")
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    os.replace(tmp, path)


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
