""".github/CODEOWNERS is what permissions.yaml says, and every account's posts have an owner.

Policy 4.3.1 and 3.3.2: GitHub asks the code owners of the files a pull request touches
to approve it, so CODEOWNERS is what makes each account's reviewers (and the directors,
for settings) actually review. It is generated from permissions.yaml; a file that was
not regenerated after permissions.yaml changed, or was edited by hand, routes pull
requests to the wrong people. A path that nobody owns (an account without reviewers,
settings without sensitive approvers) gets no line at all and is reported here: GitHub
would merge changes to it with anyone's approval.

Fix: name the missing reviewers or approvers in permissions.yaml, then run
`socialops codeowners` and commit .github/CODEOWNERS with it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..github import codeowners
from ..github.codeowners import CODEOWNERS, HINT
from ..model.entities import Repository
from .base import Context, Example, Hit

ID = "codeowners"
SECTION = "4.3.1"
LEVEL = "error"
OPTIONS: dict = {}
_PEOPLE = ("people:\n  alice: {name: Alice, roles: [content], training: 2026-01-10}\n"
           "  dana: {name: Dana, roles: [director], training: 2026-01-10}\n")
EXAMPLES = [
    Example("CODEOWNERS as `socialops codeowners` writes it", {CODEOWNERS: codeowners.HEADER + """
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
"""}, True),
    Example("Alice now reviews acme-us-x too, but CODEOWNERS was not regenerated",
            {"permissions.yaml": _PEOPLE + "grants:\n  acme-us-x: {writers: [dana], reviewers: [dana, alice]}\n"
             "  acme-de-instagram: {writers: [alice], reviewers: [dana]}\n"
             "  acme-gb-linkedin: {writers: [alice], reviewers: [dana]}\nsensitive_approvers: [dana]\n"}, False),
    Example("acme-us-x names no reviewer: its posts would have no code owner",
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
    if codeowners.source_problems(repo) or any(f.path == CODEOWNERS for f in repo.problems):
        return  # the syntax and schema findings come first: the comparison would only echo them
    if repo.codeowners is None:
        yield Hit(CODEOWNERS, None, f"{CODEOWNERS} is missing: GitHub asks no one to review by path", HINT)
        yield Hit("permissions.yaml", None, f"the reviewers named here are not in effect: {CODEOWNERS} is missing",
                  HINT)
    elif repo.codeowners != text:
        yield from _drift(repo, plan, repo.codeowners, text)


def _drift(repo: Repository, plan: codeowners.Plan, committed: str, text: str) -> Iterator[Hit]:
    """Where the committed file differs: first the owners of a path (on both files, so a
    check of either file alone finds it), else a line that is not generated."""
    lines = codeowners.owner_lines(committed)
    changed = [entry for entry in plan.entries if lines.get(entry.pattern, (0, ()))[1] != entry.owners]
    if changed:
        entry = changed[0]
        number, owners = lines.get(entry.pattern, (None, ()))
        more = f" ({len(changed) - 1} more patterns differ)" if len(changed) > 1 else ""
        now, wanted = " ".join(owners) or "no one", " ".join(entry.owners)
        yield Hit(CODEOWNERS, number, f"{entry.pattern} goes to {now} here, but permissions.yaml gives it "
                                      f"to {wanted}{more}", HINT)
        yield Hit("permissions.yaml", repo.permissions_lines.line(entry.source),
                  f"{CODEOWNERS} was not regenerated: it gives {entry.pattern} to {now}, not {wanted}{more}", HINT)
        return
    generated = {entry.pattern for entry in plan.entries}
    extra = [(number, pattern, owners) for pattern, (number, owners) in lines.items() if pattern not in generated]
    if extra:
        number, pattern, owners = min(extra)
        yield Hit(CODEOWNERS, number, f"{pattern} goes to {' '.join(owners) or 'no one'} here, but permissions.yaml "
                                      "gives it no owner (added by hand, or its owners were removed)", HINT)
        return
    number = _first_difference(committed, text)
    yield Hit(CODEOWNERS, number, f"line {number} is not what `socialops codeowners` writes (edited by hand?)", HINT)


def _first_difference(committed: str, text: str) -> int:
    mine, theirs = committed.splitlines(), text.splitlines()
    for number, (a, b) in enumerate(zip(mine, theirs, strict=False), start=1):
        if a != b:
            return number
    return min(len(mine), len(theirs)) + 1
