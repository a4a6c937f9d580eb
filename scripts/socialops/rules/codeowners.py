""".github/CODEOWNERS is what permissions.yaml says, every path has a code owner, and every
account's posts have their account's reviewers.

Policy 4.3.1 and 3.3.2: GitHub asks the code owners of the files a pull request touches
to approve it, so CODEOWNERS is what makes each account's reviewers (and the directors,
for settings) actually review. It is generated from permissions.yaml and accounts.yaml;
a file that was not regenerated after either changed, or was edited by hand, routes pull
requests to the wrong people. A drifted line that comes from an account is also reported
on the account in accounts.yaml (on `accounts:` for an account that is gone), so the
pre-commit hook, which checks only the files a commit changes, catches a changed
accounts.yaml too. The first line, `*`, gives every path to the sensitive approvers; an
account without reviewers gets no line of its own (its posts would go to the sensitive
approvers only, through `*`) and is reported here, on the grant and on the account, and
so are empty sensitive approvers: then there is no `*`, no line for the settings or the
checks (a line without owners would un-own its paths), and GitHub would merge changes to
them with anyone's approval.

Fix: name the missing reviewers or approvers in permissions.yaml, then run
`socialops codeowners` and commit .github/CODEOWNERS with it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..github import codeowners
from ..github.codeowners import CODEOWNERS, HINT
from ..model.entities import Account, Repository
from ..model.layout import PERMISSIONS
from .base import Context, Example, Hit

ID = "codeowners"
SECTION = "4.3.1"
LEVEL = "error"
OPTIONS: dict = {}
NEEDS = (PERMISSIONS,)
_PEOPLE = ("people:\n  alice: {name: Alice, roles: [content], training: 2026-01-10}\n"
           "  dana: {name: Dana, roles: [director], training: 2026-01-10}\n")
EXAMPLES = [
    Example("CODEOWNERS as `socialops codeowners` writes it", {CODEOWNERS: codeowners.HEADER + """
# Every path no pattern below names (media, tests, the README, a new file): the sensitive
# approvers (permissions.yaml sensitive_approvers).
* @dana

# Each account's posts: the account's reviewers (grants.<account>.reviewers).
/content/posts/acme-us-x/ @dana
/content/posts/acme-de-instagram/ @dana
/content/posts/acme-gb-linkedin/ @dana

# Campaign plans: the directors and the content team (policy 5.2).
/content/campaigns/ @dana @alice

# Incidents: the directors and the community team (policy 7.3).
/content/incidents/ @dana

# Metrics: the directors and the analysts (policy 6).
/content/metrics/ @dana

# Settings: the sensitive approvers (permissions.yaml sensitive_approvers).
/accounts.yaml @dana
/permissions.yaml @dana
/policy.yaml @dana
/.github/ @dana

# The code and configuration that decide what passes: the sensitive approvers too. A pull
# request's checks run the workflows, scripts and settings as that pull request changed
# them, so without this a pull request could loosen its own gate.
/scripts/ @dana
/Makefile @dana
/pyproject.toml @dana
/requirements.lock @dana
/.pre-commit-config.yaml @dana
/.pre-commit-hooks.yaml @dana
/.ci/ @dana
/site/ @dana
/mkdocs.yml @dana
"""}, True),
    Example("Alice now reviews acme-us-x too, but CODEOWNERS was not regenerated",
            {"permissions.yaml": _PEOPLE + "grants:\n  acme-us-x: {writers: [dana], reviewers: [dana, alice]}\n"
             "  acme-de-instagram: {writers: [alice], reviewers: [dana]}\n"
             "  acme-gb-linkedin: {writers: [alice], reviewers: [dana]}\nsensitive_approvers: [dana]\n"}, False),
    Example("acme-us-x names no reviewer: only the catch-all would give its posts to the directors",
            {"permissions.yaml": _PEOPLE + "grants:\n  acme-us-x: {writers: [alice]}\n"
             "  acme-de-instagram: {writers: [alice], reviewers: [dana]}\n"
             "  acme-gb-linkedin: {writers: [alice], reviewers: [dana]}\nsensitive_approvers: [dana]\n"}, False),
]


def check(ctx: Context) -> Iterator[Hit]:
    if not any(ctx.reported(path) for path in (CODEOWNERS, *codeowners.SOURCES)):
        return  # every finding of this rule is on one of these files
    repo = ctx.repo
    try:
        plan = codeowners.build(repo)
        text = codeowners.render(plan)
    except codeowners.CodeownersError as exc:
        yield Hit(exc.path, exc.line, exc.message, exc.hint)
        return
    for gap in plan.gaps:
        yield Hit(gap.path, gap.line, gap.message, gap.hint)
        if gap.account in repo.accounts:  # a status or a new account in accounts.yaml can open the gap
            yield Hit("accounts.yaml", repo.accounts[gap.account].line(), gap.message, gap.hint)
    if codeowners.source_problems(repo) or any(f.path == CODEOWNERS for f in repo.problems):
        return  # the syntax and schema findings come first: the comparison would only echo them
    if repo.codeowners is None:
        yield Hit(CODEOWNERS, None, f"{CODEOWNERS} is missing: GitHub asks no one to review by path", HINT)
        yield Hit("permissions.yaml", None, f"the reviewers named here are not in effect: {CODEOWNERS} is missing",
                  HINT)
    elif repo.codeowners != text:
        yield from _drift(repo, plan, repo.codeowners, text)
        yield from _account_drift(repo, plan, repo.codeowners)


def _drift(repo: Repository, plan: codeowners.Plan, committed: str, text: str) -> Iterator[Hit]:
    """Where the committed file differs: first the owners of a path (on CODEOWNERS and
    permissions.yaml, so a check of either file alone finds it), else a line that is not
    generated."""
    lines = codeowners.owner_lines(committed)
    changed = [entry for entry in plan.entries if lines.get(entry.pattern, (0, ()))[1] != entry.owners]
    if changed:
        entry = changed[0]
        number, owners = lines.get(entry.pattern, (None, ()))
        more = f" ({len(changed) - 1} more patterns differ)" if len(changed) > 1 else ""
        wanted = " ".join(entry.owners)
        here = f"goes to {' '.join(owners) or 'no one'} here" if number else "has no line here"
        there = f"gives {entry.pattern} to {' '.join(owners) or 'no one'}, not {wanted}" if number else \
            f"has no line for {entry.pattern}, which goes to {wanted}"
        yield Hit(CODEOWNERS, number, f"{entry.pattern} {here}, but permissions.yaml gives it to {wanted}{more}", HINT)
        yield Hit("permissions.yaml", repo.permissions_lines.line(entry.source),
                  f"{CODEOWNERS} was not regenerated: it {there}{more}", HINT)
        return
    generated = {entry.pattern for entry in plan.entries}
    extra = [(number, pattern, owners) for pattern, (number, owners) in lines.items() if pattern not in generated]
    if extra:
        number, pattern, owners = min(extra)
        account = _account_of(pattern)
        why = ("permissions.yaml gives it no owner (added by hand, or its owners were removed)" if not account
               else f"accounts.yaml has no account {account} (removed or renamed)" if account not in repo.accounts
               else f"{account} has no reviewers, so its posts get no line")
        yield Hit(CODEOWNERS, number, f"{pattern} goes to {' '.join(owners) or 'no one'} here, but {why}", HINT)
        return
    number = _first_difference(committed, text)
    yield Hit(CODEOWNERS, number, f"line {number} is not what `socialops codeowners` writes (edited by hand?)", HINT)


def _account_drift(repo: Repository, plan: codeowners.Plan, committed: str) -> Iterator[Hit]:
    """The drift that comes from accounts.yaml (an account added, removed, renamed, retired
    or reordered), on the account's line there, or on `accounts:` for an account that is
    gone: `socialops check accounts.yaml` is what the pre-commit hook runs when a commit
    changes only that file. An account with no line to generate is left to its gap finding."""
    lines = codeowners.owner_lines(committed)
    text_lines = committed.splitlines()
    entries = {entry.account: entry for entry in plan.entries if entry.account}
    found = False
    for account in repo.accounts.values():
        pattern = f"/content/posts/{account.id}/"
        number, owners = lines.get(pattern, (None, ()))
        entry = entries.get(account.id)
        if entry is None:
            found = found or number is not None  # the gap finding is on this account's line already
            continue
        above = text_lines[number - 2] if number and number > 1 else ""
        note = above if above.startswith(f"# {account.id} ") else ""  # a retired account's comment
        now = f"it gives {pattern} to {' '.join(owners)}" if number else f"it has no line for {pattern}"
        if owners != entry.owners:
            found = True
            yield Hit("accounts.yaml", account.line(),
                      f"{CODEOWNERS} is not current for {account.id} ({account.status or 'no status'}): {now}; "
                      f"its posts should go to {' '.join(entry.owners)}", HINT)
        elif note != (f"# {entry.note}" if entry.note else ""):
            found = True
            yield Hit("accounts.yaml", account.line(),
                      f"{CODEOWNERS} is not current for {account.id} ({account.status or 'no status'}): the "
                      f"comment above {pattern} is not what `socialops codeowners` writes", HINT)
    gone = [pattern for pattern in lines if _account_of(pattern) and _account_of(pattern) not in repo.accounts]
    if gone:
        yield Hit("accounts.yaml", _accounts_line(repo),
                  f"{CODEOWNERS} still names {', '.join(gone)}, but accounts.yaml has no such account "
                  "(removed or renamed)", HINT)
        return
    if found:
        return
    order = [entry.pattern for entry in entries.values()]
    here = [pattern for pattern in lines if pattern in order]
    for pattern, wanted in zip(here, order, strict=False):
        if pattern != wanted:
            account = repo.accounts[_account_of(wanted)]
            yield Hit("accounts.yaml", account.line(),
                      f"{CODEOWNERS} lists the accounts' folders in another order than accounts.yaml: "
                      f"{wanted} should come before {pattern}", HINT)
            return


def _account_of(pattern: str) -> str:
    """The account id of a posts folder pattern (/content/posts/<id>/), else ''."""
    prefix = "/content/posts/"
    name = pattern.removeprefix(prefix).removesuffix("/")
    return name if pattern.startswith(prefix) and pattern.endswith("/") and name and "/" not in name else ""


def _accounts_line(repo: Repository) -> int:
    """The line of `accounts:` in accounts.yaml (1 when there is no account to ask)."""
    account: Account | None = next(iter(repo.accounts.values()), None)
    return account.lines.line(("accounts",)) if account else 1


def _first_difference(committed: str, text: str) -> int:
    mine, theirs = committed.splitlines(), text.splitlines()
    for number, (a, b) in enumerate(zip(mine, theirs, strict=False), start=1):
        if a != b:
            return number
    return min(len(mine), len(theirs)) + 1
