"""Every account records how it was opened, and a retired one why and when it closed.

Policy 3.1.1-3.1.2: register with true, complete materials; 3.3.2: important operations
are approved. Each account in accounts.yaml has a `registration`: who requested it and
which director approved it (people in permissions.yaml, not the same person), the date,
the sign-up email, the platform's verification status, and where the recovery codes
are kept.

The sign-up email must be a role mailbox the team shares, never a person's own, so
the account outlives anyone's job: an address is a person's when its local part (before
the @, without a +tag), split into words at . _ and -, has a word that is a person's
handle or a word of their name (three letters or more), or its words run together are
their handle, their name in either order, or an initial and a name (tbaker). With the
option `role_prefixes`, the local part must also start with one of them (social-us@).

`recovery_codes` is a vault reference (op://Social/<account>/recovery-codes), never the
codes: text that looks like codes (two or more words of six characters or more, with
digits) is an error whatever the rule's level. `status: retired` needs
`retirement: {date, reason}`.

Fix: fill in the registration from the sign-up records; move codes into the vault.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model.entities import Account, Person, Repository
from ..model.layout import PERMISSIONS
from .base import Context, Example, Hit
from .secrets import VAULT_REFERENCE

ID = "account-registration"
SECTION = "3.1.1"
LEVEL = "warning"
OPTIONS: dict = {
    "role_prefixes": {
        "description": "When set, a sign-up email's local part must start with one of these (social, marketing...).",
        "type": "array", "items": {"type": "string", "minLength": 1}, "default": [],
    },
}
MIN_NAME_WORD = 3  # a shorter name word (Li, Wu) would match too many role words
_ACCOUNT = ("accounts:\n  acme-us-x:\n    platform: x\n    handle: '@acme'\n    name: Acme\n    market: US\n"
            "    languages: [en-US]\n    timezone: America/New_York\n    status: active\n")
EXAMPLES = [
    Example("Registered to a role mailbox, approved by the director",
            {"accounts.yaml": _ACCOUNT + "    registration:\n      requested_by: alice\n      approved_by: dana\n"
             "      date: 2025-06-01\n      email: social-us@acme.example\n      verification: verified\n"
             "      recovery_codes: op://Social/acme-us-x/recovery-codes\n"}, True),
    Example("Registered to a writer's own address",
            {"accounts.yaml": _ACCOUNT + "    registration:\n      requested_by: alice\n      approved_by: dana\n"
             "      date: 2025-06-01\n      email: alice.writer@acme.example\n      verification: verified\n"
             "      recovery_codes: op://Social/acme-us-x/recovery-codes\n"}, False, (14,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for account in ctx.repo.accounts.values():
        if not ctx.reported(account.path):
            return  # every finding is on accounts.yaml: a check of posts spares the email tests
        yield from _retirement(ctx.repo, account)
        registration = account.data.get("registration")
        if registration is None:
            if (account.path, "accounts", account.id, "registration") not in ctx.repo.invalid:
                yield Hit(account.path, account.line(), f"{account.id} has no registration record",
                          "add registration: requested_by, approved_by, date, email, verification, recovery_codes")
            continue
        if PERMISSIONS not in ctx.repo.unreadable:  # else who is who is unknown: its one finding says why
            yield from _people(ctx.repo, account, registration)
        yield from _email(ctx.repo, account, registration["email"], ctx.options["role_prefixes"])
        yield from _recovery_codes(account, registration["recovery_codes"])


def _retirement(repo: Repository, account: Account) -> Iterator[Hit]:
    retired = account.status == "retired"
    recorded = "retirement" in account.data
    if retired and not recorded and (account.path, "accounts", account.id, "retirement") not in repo.invalid:
        yield Hit(account.path, account.line("status"), f"{account.id} is retired but does not say why and when",
                  "add retirement: {date: <yyyy-mm-dd>, reason: <why the account was closed>}")
    elif recorded and not retired and account.status is not None:
        yield Hit(account.path, account.line("retirement"),
                  f"{account.id} has a retirement record but its status is {account.status}",
                  "set status: retired, or remove the retirement record if the account is back in use")


def _people(repo: Repository, account: Account, registration: dict) -> Iterator[Hit]:
    requested, approved = registration["requested_by"], registration["approved_by"]
    for key, handle in (("requested_by", requested), ("approved_by", approved)):
        if handle not in repo.people:
            yield Hit(account.path, account.line("registration", key),
                      f"{account.id}'s registration.{key} '{handle}' is not in permissions.yaml",
                      "name the person by their GitHub handle in permissions.yaml")
    approver = repo.people.get(approved)
    if approver is not None and "director" not in approver.roles:
        yield Hit(account.path, account.line("registration", "approved_by"),
                  f"{account.id} was approved by {approved}, who is not a director",
                  "a director approves opening an account (policy 3.3.2): name the director who did")
    elif requested == approved:
        yield Hit(account.path, account.line("registration", "approved_by"),
                  f"{account.id} was requested and approved by the same person ({approved})",
                  "another director approves a director's request: name who did")


def _email(repo: Repository, account: Account, email: str, prefixes: list[str]) -> Iterator[Hit]:
    line = account.line("registration", "email")
    local, at, domain = email.rpartition("@")
    if not at or not local or "." not in domain or " " in email:
        yield Hit(account.path, line, f"{account.id}'s registration email '{email}' is not an email address",
                  "write the address the account is registered to, e.g. social-us@yourcompany.example")
        return
    owner = owner_of(local, repo.people.values())
    if owner is not None:
        yield Hit(account.path, line,
                  f"{account.id} is registered to {email}, the address of a person ({owner.name}, @{owner.handle})",
                  "register the account to a role mailbox the team shares (e.g. social-us@), so it outlives "
                  "anyone's job; change it on the platform, then here")
    elif prefixes and not local.lower().startswith(tuple(prefix.lower() for prefix in prefixes)):
        yield Hit(account.path, line,
                  f"{account.id}'s registration email {email} does not start with a role prefix "
                  f"({', '.join(prefixes)})",
                  "register the account to one of the company's role mailboxes (role_prefixes in policy.yaml)")


def owner_of(local: str, people: Iterable[Person]) -> Person | None:
    """The person whose name or handle the local part of an address spells, if any."""
    words = _words(local.split("+", 1)[0])
    joined = "".join(words)
    for person in people:
        handle = person.handle.casefold()
        names = _words(person.name)
        forms = {handle, "".join(_words(handle)), "".join(names), "".join(reversed(names))}
        forms |= {name[0] + other for name in names for other in names if other != name}
        if joined in forms or any(word == handle or (len(word) >= MIN_NAME_WORD and word in names) for word in words):
            return person
    return None


def _words(text: str) -> list[str]:
    """Lower-case words of a name or address part, split at spaces, dots, underscores and hyphens."""
    for mark in "._-":
        text = text.replace(mark, " ")
    return text.casefold().split()


def _recovery_codes(account: Account, where: str) -> Iterator[Hit]:
    if VAULT_REFERENCE.match(where):
        return
    line = account.line("registration", "recovery_codes")
    if looks_like_codes(where):
        yield Hit(account.path, line, f"{account.id}'s recovery_codes looks like the codes themselves",
                  "delete them here, generate new codes on the platform (git history keeps these), keep them in "
                  "the vault and write its reference, e.g. op://Social/<account>/recovery-codes", escalate=True)
    else:
        yield Hit(account.path, line, f"{account.id}'s recovery_codes is not a vault reference",
                  "write where the codes are kept as a vault reference, e.g. op://Social/<account>/recovery-codes")


def looks_like_codes(text: str) -> bool:
    """Two or more words of six characters or more (hyphens aside) with a digit: backup codes."""
    words = text.replace(",", " ").replace(";", " ").split()
    codes = [word for word in words if len(word.replace("-", "")) >= 6 and any(c.isdigit() for c in word)]
    return len(codes) >= 2
