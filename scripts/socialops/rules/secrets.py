"""No credential is written anywhere in the repository; `vault` says where one lives.

Policy 3.2.1: keep passwords and codes secret. Every file the check reads is scanned
with detect-secrets' detectors for known credential formats (AWS, GitHub, Slack,
Stripe, private keys, JWTs, passwords in URLs...) and for secret keywords
(`password: ...`, `api_key: ...`). Its entropy detectors are left out: every post URL
would trip them. An account's `security.vault` must be a reference such as
`op://Social/acme-us-x/password` (a 1Password secret reference), never the secret itself.

Fix: remove the credential, rotate it (git history keeps the old one), and store it in
the vault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .base import Context, Example, Hit, post_file

ID = "secrets"
SECTION = "3.2.1"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("A vault reference", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                           "Our password reset page is live."), True),
    Example("A token pasted into a post", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                                    "Deploy with token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"),
            False, (6,)),
]
VAULT_REFERENCE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S")
_LEFT_OUT = {"Base64HighEntropyString", "HexHighEntropyString", "IPPublicDetector"}
_YAML_PAIR = re.compile(r"^(\s*(?:#\s*)?-?\s*[\w. -]+?\s*:\s*)([^\s'\"#][^#]*?)\s*$")  # key: value, or in a comment


def check(ctx: Context) -> Iterator[Hit]:
    prefilter = _prefilter()
    for path, text in ctx.repo.texts.items():
        if not prefilter.search(text):
            continue  # no detector could match anywhere in the file
        for number, line in enumerate(text.split("\n"), start=1):
            if prefilter.search(line):
                for kind in sorted(_scan(line)):
                    yield Hit(path, number, f"looks like a credential ({kind})",
                              "remove it, rotate it (git history keeps it), and keep it in the vault")
    for account in ctx.repo.accounts.values():
        vault = account.data.get("security", {}).get("vault")
        if vault is not None and not VAULT_REFERENCE.match(vault):
            yield Hit(account.path, account.line("security", "vault"),
                      f"{account.id}: vault must say where the credential lives, not hold it",
                      "write a reference such as op://Social/<account-id>; if this was a password, rotate it")


def _scan(line: str) -> set[str]:
    """detect-secrets' verdict on a line. A YAML value is also scanned quoted, as
    detect-secrets' own YAML transformer does, so `password: hunter2...` is found."""
    from detect_secrets.core import scan
    from detect_secrets.settings import transient_settings

    candidates = [line]
    pair = _YAML_PAIR.match(line)
    if pair:
        candidates.append(f'{pair.group(1)}"{pair.group(2)}"')
    with transient_settings({"plugins_used": [{"name": name} for name in _plugins()]}):
        return {secret.type for candidate in candidates for secret in scan.scan_line(candidate)}


@cache
def _plugins() -> tuple[str, ...]:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    return tuple(sorted(cls.__name__ for cls in get_mapping_from_secret_type_to_class().values()
                        if cls.__name__ not in _LEFT_OUT))


@cache
def _prefilter() -> re.Pattern:
    """Any line a detector could match: its own patterns, or a secret keyword."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.keyword import DENYLIST

    patterns = [f"(?:{'|'.join(DENYLIST)})"]
    for cls in get_mapping_from_secret_type_to_class().values():
        if cls.__name__ not in _LEFT_OUT:
            patterns += [f"(?:{regex.pattern})" for regex in getattr(cls(), "denylist", ())]
    combined = "|".join(re.sub(r"\(\?P<\w+>", "(?:", pattern) for pattern in patterns)
    return re.compile(combined, re.IGNORECASE)
