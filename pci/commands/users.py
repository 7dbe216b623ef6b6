"""`pci users add|list|remove` — editor accounts (bcrypt-hashed) in the accounts file."""

from __future__ import annotations

import argparse
import getpass
import sys

from pci import accounts
from pci.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="manage editor accounts (add, list, remove)")
    action = p.add_subparsers(dest="users_action", metavar="ACTION")
    action.required = True
    add = action.add_parser("add", help="add an editor or reset their password")
    add.add_argument("name")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (first line) instead of prompting",
    )
    action.add_parser("list", help="list editor accounts")
    rm = action.add_parser("remove", help="remove an editor account")
    rm.add_argument("name")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    lang, db = args.lang, args.db
    if args.users_action == "list":
        rows = accounts.list_users(db)
        print(t("users.file", lang, path=str(accounts.editors_file(db))))
        if not rows:
            print(t("users.none", lang))
        for r in rows:
            print(f"  {r['name']:<24} {r['added_at']:<20} {r['source']}")
        return EXIT_OK
    if args.users_action == "remove":
        if not accounts.remove_user(db, args.name):
            print(t("users.not_found", lang, name=args.name), file=sys.stderr)
            return EXIT_REJECTED
        print(t("users.removed", lang, name=args.name))
        return EXIT_OK
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            print(t("users.need_tty", lang), file=sys.stderr)
            return EXIT_USAGE
        password = getpass.getpass(t("users.prompt", lang, name=args.name))
        if getpass.getpass(t("users.prompt_again", lang)) != password:
            print(t("users.mismatch", lang), file=sys.stderr)
            return EXIT_REJECTED
    try:
        path = accounts.add_user(db, args.name, password)
    except accounts.AccountError as exc:
        print(t(exc.key, lang, **exc.params), file=sys.stderr)
        return EXIT_REJECTED
    print(t("users.added", lang, name=args.name, path=str(path)))
    return EXIT_OK
