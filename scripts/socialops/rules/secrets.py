"""No credential is written anywhere in the repository; `vault` says where one lives.

Policy 3.2.1: keep passwords and codes secret. Every file the check reads is scanned
with detect-secrets' detectors for known credential formats (AWS, GitHub, Slack,
Stripe, OpenAI, private keys, JWTs, passwords in URLs...) and for secret keywords
(`password: ...`, `api_key: ...`); `detectors` in policy.yaml chooses which. Its
entropy detectors are left out by default (every post URL would trip them), and so are
the cloud-vendor ones a social media team does not use (IBM, SoftLayer, Cloudant,
Artifactory), which are also the slowest. An account's `security.vault` must be a reference such as
`op://Social/acme-us-x/password` (a 1Password secret reference), never the secret itself.

Fix: remove the credential, rotate it (git history keeps the old one), and store it in
the vault.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from .base import Context, Example, Hit, post_file

ID = "secrets"
SECTION = "3.2.1"
LEVEL = "error"
DETECTORS = ["KeywordDetector", "AWSKeyDetector", "AzureStorageKeyDetector", "BasicAuthDetector",
             "DiscordBotTokenDetector", "GitHubTokenDetector", "GitLabTokenDetector", "JwtTokenDetector",
             "MailchimpDetector", "NpmDetector", "OpenAIDetector", "PrivateKeyDetector", "PypiTokenDetector",
             "SendGridDetector", "SlackDetector", "SquareOAuthDetector", "StripeDetector",
             "TelegramBotTokenDetector", "TwilioKeyDetector"]
OPTIONS = {
    "detectors": {"type": "array", "items": {"type": "string"}, "default": DETECTORS,
                  "description": "detect-secrets detector (plugin) class names to run."},
}
EXAMPLES = [
    Example("A vault reference", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                           "Our password reset page is live."), True),
    Example("A token pasted into a post", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                                    "Deploy with token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"),
            False, (6,)),
]
VAULT_REFERENCE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S")
_YAML_PAIR = re.compile(r"^(\s*(?:#\s*)?-?\s*[\w. -]+?\s*:\s*)([^\s'\"#][^#]*?)\s*$")  # key: value, or in a comment


def check(ctx: Context) -> Iterator[Hit]:
    detectors = tuple(ctx.options["detectors"])
    unknown = sorted(set(detectors) - set(_available()))
    if unknown:
        yield Hit(ctx.repo.policy.path, ctx.repo.policy.lines.line(("rules", ID, "detectors")),
                  f"unknown detect-secrets detector(s): {', '.join(unknown)}",
                  f"known detectors: {', '.join(sorted(_available()))}")
        detectors = tuple(name for name in detectors if name not in unknown)
    prefilter = _prefilter(detectors)
    suspects = [(path, number, line) for path, text in ctx.repo.texts.items() if ctx.reported(path) and prefilter(text)
                for number, line in enumerate(text.split("\n"), start=1) if prefilter(line)]
    for path, number, kind in _scan(suspects, detectors):
        yield Hit(path, number, f"looks like a credential ({kind})",
                  "remove it, rotate it (git history keeps it), and keep it in the vault")
    for account in ctx.repo.accounts.values():
        vault = account.data.get("security", {}).get("vault")
        if vault is not None and not VAULT_REFERENCE.match(vault):
            yield Hit(account.path, account.line("security", "vault"),
                      f"{account.id}: vault must say where the credential lives, not hold it",
                      "write a reference such as op://Social/<account-id>/password; if this was a password, rotate it")


def _scan(lines: list[tuple[str, int, str]], detectors: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """detect-secrets' verdict on each (path, line number, line): (path, number, kind).
    A YAML value is also scanned quoted, as detect-secrets' own YAML transformer does,
    so `password: hunter2...` is found."""
    if not lines:
        return []
    from detect_secrets.core import scan
    from detect_secrets.settings import transient_settings

    found = []
    verdicts: dict[str, list[str]] = {}  # the same line (e.g. "password_rotated: <date>") recurs across files
    with transient_settings({"plugins_used": [{"name": name} for name in detectors]}):
        for path, number, line in lines:
            if line not in verdicts:
                candidates = [line]
                pair = _YAML_PAIR.match(line)
                if pair:
                    candidates.append(f'{pair.group(1)}"{pair.group(2)}"')
                verdicts[line] = sorted({secret.type for candidate in candidates for secret in scan.scan_line(candidate)})
            found += [(path, number, kind) for kind in verdicts[line]]
    return found


@cache
def _available() -> dict[str, type]:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    return {cls.__name__: cls for cls in get_mapping_from_secret_type_to_class().values()}


@cache
def _prefilter(detectors: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether any detector could match in a text. A detector's pattern is tried only
    where the literal text every match of it contains occurs (found from the pattern
    itself); the secret keywords are searched in lower-cased text."""
    from detect_secrets.plugins.keyword import DENYLIST

    checks = [(_required_literal(regex), regex) for name in detectors if name != "KeywordDetector"
              for regex in getattr(_available()[name](), "denylist", ())]
    keywords = re.compile("|".join(DENYLIST)) if "KeywordDetector" in detectors else None

    def could_match(text: str) -> bool:
        folded = text.lower()
        if keywords and keywords.search(folded):
            return True
        for (literal, ignore_case), regex in checks:
            if literal and literal not in (folded if ignore_case else text):
                continue
            if regex.search(text):
                return True
        return False

    return could_match


def _required_literal(regex: re.Pattern) -> tuple[str, bool]:
    """The longest run of plain characters at the top level of a pattern: every match
    contains it. ("", ...) when there is none of at least three characters."""
    import re._parser as parser  # the standard library's own regex parser

    ignore_case = bool(regex.flags & re.IGNORECASE)
    best, run = "", ""
    for op, argument in parser.parse(regex.pattern, regex.flags):
        if op is parser.LITERAL:
            run += chr(argument)
            best = max(best, run, key=len)
        else:
            run = ""
    if len(best) < 3:
        return "", ignore_case
    return (best.lower() if ignore_case else best), ignore_case
