"""No credential is written anywhere in the repository; `vault` says where one lives.

Policy 3.2.1: keep passwords and codes secret. Every file the check reads is scanned
with detect-secrets' detectors for known credential formats (AWS, GitHub, Slack,
Stripe, OpenAI, private keys, JWTs, passwords in URLs...) and for secret keywords
(`password: ...`, `api_key: ...`); `detectors` in policy.yaml chooses which. Its
entropy detectors are left out by default (every post URL would trip them), and so are
the cloud-vendor ones a social media team does not use (IBM, SoftLayer, Cloudant,
Artifactory), which are also the slowest. An account's `security.vault` must be a reference such as
`op://Social/acme-us-x/password` (a 1Password secret reference), never the secret itself.

Long lines are scanned in bounded pieces, so a hostile line cannot make the check slow
(several of detect-secrets' own patterns are quadratic on some inputs): runs of
whitespace count as one space, and a line longer than WINDOW characters is scanned in
windows of WINDOW characters that overlap by half, so any credential of up to
WINDOW // 2 characters lies whole in one of them (tests/test_regex_linear.py).

Fix: remove the credential, rotate it (git history keeps the old one), and store it in
the vault.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from .. import user_cache
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
# `key: value`, or in a comment, with a value that is not quoted; used with fullmatch.
# Possessive quantifiers (*+, ++) never give back what they took: one way to match,
# so the time is linear (the lazy, overlapping \s* and [\w. -]+? before were not).
_YAML_PAIR = re.compile(r"(\s*+(?:#\s*+)?[\w. -]++\s*+:\s*+)([^\s'\"#][^#]*+)")
WINDOW = 1024  # characters of a line detect-secrets sees at once


def check(ctx: Context) -> Iterator[Hit]:
    detectors = tuple(ctx.options["detectors"])
    unknown = sorted(set(detectors) - set(_available()))
    if unknown:
        yield Hit(ctx.repo.policy.path, ctx.repo.policy.lines.line(("rules", ID, "detectors")),
                  f"unknown detect-secrets detector(s): {', '.join(unknown)}",
                  f"known detectors: {', '.join(sorted(_available()))}")
        detectors = tuple(name for name in detectors if name not in unknown)
    texts = {path: text for path, text in ctx.repo.texts.items() if ctx.reported(path)}
    for path, number, kind in credentials(texts, detectors):
        yield Hit(path, number, f"looks like a credential ({kind})",
                  "remove it, rotate it (git history keeps it), and keep it in the vault")
    for account in ctx.repo.accounts.values():
        vault = account.data.get("security", {}).get("vault")
        if vault is not None and not VAULT_REFERENCE.match(vault):
            yield Hit(account.path, account.line("security", "vault"),
                      f"{account.id}: vault must say where the credential lives, not hold it",
                      "write a reference such as op://Social/<account-id>/password; if this was a password, rotate it")


def credentials(texts: dict[str, str], detectors: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """(path, line number, kind) of each credential detect-secrets finds in the texts."""
    prefilter = _prefilter(detectors)
    suspects = [(path, number, piece) for path, text in texts.items() if prefilter(text)
                for number, line in enumerate(text.split("\n"), start=1) for piece in pieces(line) if prefilter(piece)]
    return _scan(suspects, detectors)


def pieces(line: str) -> list[str]:
    """What detect-secrets sees of a line: whitespace runs made one space, then windows
    of at most WINDOW characters, each starting half a window after the previous one.
    A `key: value` line also gives its value quoted, as detect-secrets' own YAML
    transformer does, so `password: hunter2...` is found; at most half a window of
    each is kept, which is all the keyword detector needs."""
    squeezed = " ".join(line.split())
    step = WINDOW // 2
    found = [squeezed[start:start + WINDOW] for start in range(0, max(1, len(squeezed) - step), step)]
    pair = _YAML_PAIR.fullmatch(squeezed)
    if pair and len(pair.group(1)) <= step:
        found.append(f'{pair.group(1)}"{pair.group(2).rstrip()[:step]}"')
    return found


def _scan(pieces: list[tuple[str, int, str]], detectors: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """detect-secrets' verdict on each (path, line number, piece of the line): each
    (path, number, kind) once."""
    if not pieces:
        return []
    memo = _verdict_memo(detectors)
    verdicts: dict[str, list[str]] = {}  # the same line (e.g. "password_rotated: <date>") recurs across files
    unseen = []
    for _, _, piece in pieces:
        if piece not in verdicts:
            known = memo.get(piece)
            verdicts[piece] = known if isinstance(known, list) else []
            if not isinstance(known, list):
                unseen.append(piece)
    if unseen:
        from detect_secrets.core import scan
        from detect_secrets.settings import transient_settings

        with transient_settings({"plugins_used": [{"name": name} for name in detectors]}):
            for piece in unseen:
                verdicts[piece] = sorted({secret.type for secret in scan.scan_line(piece)})
                memo.put(piece, verdicts[piece])
    found: dict[tuple[str, int, str], None] = {}
    for path, number, piece in pieces:
        found.update(dict.fromkeys((path, number, kind) for kind in verdicts[piece]))
    return list(found)


def _verdict_memo(detectors: tuple[str, ...]) -> user_cache.Memo:
    """detect-secrets' verdicts kept in the user's cache: a check whose suspect lines
    (such as accounts.yaml's `password_rotated:`) were all judged before does not import
    it (a fifth of a second). Keyed by its version, the detectors and this module's code."""
    source = Path(__file__).read_bytes()
    return user_cache.memo("secrets", user_cache.key(user_cache.installed_version("detect-secrets"),
                                                     ",".join(detectors), hashlib.sha256(source).hexdigest()))


@cache
def _available() -> frozenset[str]:
    return frozenset(_detector_patterns().DETECTORS)


@cache
def _detector_patterns():  # type: ignore[no-untyped-def]  (a module: DETECTORS, DENYLIST)
    """Each detector's patterns with the literal every match contains, and the secret
    keywords: read from detect-secrets once per installed version and kept in the user's
    cache, so a check whose text has none of the literals never imports detect-secrets."""
    from .. import user_cache

    cache_key = user_cache.key("secrets-prefilter/1", user_cache.installed_version("detect-secrets"))
    return user_cache.generated_module("secrets", cache_key, _detector_patterns_source)


def _detector_patterns_source() -> str:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.keyword import DENYLIST

    detectors = {}
    for cls in get_mapping_from_secret_type_to_class().values():
        patterns = getattr(cls(), "denylist", ())
        detectors[cls.__name__] = [(*_required_literal(pattern), pattern.pattern, pattern.flags) for pattern in patterns]
    return f"DETECTORS = {detectors!r}\nDENYLIST = {list(DENYLIST)!r}\n"


@cache
def _prefilter(detectors: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether any detector could match in a text. A detector's pattern is tried only
    where the literal text every match of it contains occurs (found from the pattern
    itself), and only on a text of at most WINDOW characters (some are quadratic): a
    longer text that has the literal may match. The secret keywords are searched in
    lower-cased text."""
    table = _detector_patterns()
    checks = [((literal, ignore_case), re.compile(source, flags)) for name in detectors if name != "KeywordDetector"
              for literal, ignore_case, source, flags in table.DETECTORS[name]]
    keywords = re.compile("|".join(table.DENYLIST)) if "KeywordDetector" in detectors else None

    def could_match(text: str) -> bool:
        folded = text.lower()
        if keywords and keywords.search(folded):
            return True
        for (literal, ignore_case), pattern in checks:
            if literal and literal not in (folded if ignore_case else text):
                continue
            if len(text) > WINDOW or pattern.search(text):
                return True
        return False

    return could_match


def _required_literal(pattern: re.Pattern) -> tuple[str, bool]:
    """The longest run of plain characters at the top level of a pattern: every match
    contains it. ("", ...) when there is none of at least three characters."""
    import re._parser as parser  # the standard library's own regex parser

    ignore_case = bool(pattern.flags & re.IGNORECASE)
    best, run = "", ""
    for op, argument in parser.parse(pattern.pattern, pattern.flags):
        if op is parser.LITERAL:
            run += chr(argument)
            best = max(best, run, key=len)
        else:
            run = ""
    if len(best) < 3:
        return "", ignore_case
    return (best.lower() if ignore_case else best), ignore_case
