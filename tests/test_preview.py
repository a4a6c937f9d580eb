"""`socialops preview` on a real git repository: a base commit, then a branch that adds,
changes, renames and removes posts. The sticky comment is kept against the local
stand-in for GitHub (tests/github_server.py); nothing reaches the network."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from socialops.github import preview
from tests.conftest import make_repo, run_cli, write_files
from tests.github_server import FakeGitHub, environment, fake_github

NOW = "2026-03-01T12:00:00Z"
POSTS = "content/posts"
SPRING = f"{POSTS}/acme-us-x/2026/2026-03-02-spring.md"
ESCAPE = f"{POSTS}/acme-us-x/2026/2026-03-03-escape.md"
RECALL = f"{POSTS}/acme-us-x/2026/2026-03-05-recall.md"
MOVING = f"{POSTS}/acme-us-x/2026/2026-03-06-moving.md"
MOVED = f"{POSTS}/acme-us-x/2026/2026-03-06-moved.md"
GONE = f"{POSTS}/acme-de-instagram/2026/2026-03-07-bye.md"
THREAD = f"{POSTS}/acme-us-x/2026/2026-03-04-thread.md"
COMMENTS = "/repos/lanterna/social/issues/7/comments"

PERMISSIONS = """\
people:
  alice: {name: Alice Writer, roles: [content], training: "2026-01-10"}
  dana: {name: Dana Director, roles: [director], training: "2026-01-10"}
  pat: {name: Pat Publisher, roles: [publishing], training: "2026-01-10"}
  rob: {name: Rob Reviewer, roles: [content], training: "2026-01-10"}
teams:
  us-review: {github: acme/us-review, members: [rob, pat]}
grants:
  acme-us-x: {writers: [alice], reviewers: [us-review], publishers: [pat]}
  acme-de-instagram: {writers: [alice], reviewers: [dana], publishers: [pat]}
  acme-gb-linkedin: {writers: [alice], reviewers: [dana], publishers: [pat]}
sensitive_approvers: [dana]
review: {date: "2026-01-15", by: dana}
"""
BASE_FILES = {
    "permissions.yaml": PERMISSIONS,
    RECALL: "---\npublish_at: 2026-03-05T12:00\nstatus: draft\nauthor: alice\n---\nOld copy.\n",
    MOVING: "---\npublish_at: 2026-03-06T12:00\nstatus: draft\nauthor: alice\n---\nOn the move.\n",
    GONE: "---\npublish_at: 2026-03-07T12:00\nstatus: draft\nauthor: alice\n---\nTschüss.\n",
}
# 春天来了 weighs 4 x 2 on X, " spring" 7: 15 weighted characters
SPRING_POST = """\
---
publish_at: 2026-03-02T09:00
status: scheduled
author: alice
format: image
language: en-US
disclosure: none
media:
  - file: content/media/spring.png
    alt: A lantern in spring light
---
春天来了 spring
"""
# what a writer might type that must not break the Markdown: HTML, a run of four
# backticks (the fence must be five), table pipes
ESCAPE_POST = """\
---
publish_at: 2026-03-03T10:00
status: draft
author: alice
risk: sensitive
media:
  - file: content/media/spring.png
    alt: "Alt | with <b>bold</b> & more"
waivers:
  - rule: media-source
    reason: "Our photo | shot <i>in-house</i> & cleared"
---
Launch day </details><script>alert(1)</script>
```` four backticks
a | b
"""
BRANCH_FILES = {
    "content/media/spring.png": {"image": [1080, 1350, "PNG"]},
    SPRING: SPRING_POST,
    ESCAPE: ESCAPE_POST,
    RECALL: "---\npublish_at: 2026-03-05T12:00\nstatus: draft\nauthor: alice\n---\nVoluntary recall of some cases.\n",
    THREAD: "---\npublish_at: 2026-03-04T12:00\nstatus: draft\nauthor: alice\nformat: thread\n---\n"
            "First part.\n---\nSecond part, 🎉.\n",
    GONE: None,
}


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout.strip()


def _commit(root: Path, message: str) -> str:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message)
    return _git(root, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pull(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A repository whose branch adds two posts, changes one, renames one and removes one; and its base."""
    root = make_repo(tmp_path_factory.mktemp("preview"), BASE_FILES)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    _git(root, "checkout", "-q", "-b", "posts")
    write_files(root, BRANCH_FILES)
    _git(root, "mv", MOVING, MOVED)
    _commit(root, "posts")
    return root, base


def _env(**extra: str) -> dict[str, str]:
    """This process's environment without anything GitHub Actions set (the suite may run in a workflow)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "SOCIALOPS_"))}
    return {**clean, **extra}


def _preview(root: Path, base: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_cli("preview", "--base", base, "--now", NOW, *args, cwd=root, env=env or _env())


def _section(markdown: str, path: str) -> str:
    """The part of the preview about one post: from its heading to the next."""
    start = markdown.index(f"`{path}`")
    start = markdown.rindex("\n### ", 0, start)
    end = markdown.find("\n### ", start + 1)
    return markdown[start: end if end != -1 else None]


def _html(markdown: str) -> str:
    """As GitHub renders it (its cmark fork), with raw HTML let through so any leak shows."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


# -- the preview ------------------------------------------------------------------------------


def test_a_post_as_its_reviewer_sees_it(pull: tuple[Path, str]) -> None:
    root, base = pull
    result = _preview(root, base)
    assert result.returncode == 0, result.stderr
    spring = _section(result.stdout, SPRING)
    assert "### Acme · x · @acme" in spring
    assert "(added)" in spring
    assert "| account | Acme (acme-us-x), market US |" in spring
    # 09:00 in New York on 2 March (EST, before the switch on 8 March) is 14:00 UTC, 22:00 in Shanghai
    assert "| local time | Mon 2026-03-02 09:00 (America/New\\_York, UTC-05:00) |" in spring
    assert "| HQ time | Mon 2026-03-02 22:00 (Asia/Shanghai, UTC+08:00) |" in spring
    assert "| status | scheduled |" in spring and "| author | alice (Alice Writer) |" in spring
    assert "| disclosure | none |" in spring and "| risk | normal (not set) |" in spring
    assert "**The copy** (15 of 280 weighted characters, as x counts)" in spring
    assert "```text\n春天来了 spring\n```" in spring
    size = (root / "content/media/spring.png").stat().st_size
    assert f"| 1 | content/media/spring.png | image PNG | {size / 1000:.1f} KB | 1080 × 1350 |  | A lantern in spring light |" in spring
    assert "| error | media-source | 9 | content/media/spring.png does not say its source |" in spring
    # the reviewers are a team, expanded to its members; a normal post needs no director
    assert "- one of the account's reviewers: rob (Rob Reviewer), pat (Pat Publisher)" in spring
    assert "director" not in spring.split("**Who must approve**")[1]


def test_sensitive_waived_and_flagged_posts_go_to_a_director(pull: tuple[Path, str]) -> None:
    root, base = pull
    markdown = _preview(root, base).stdout
    escape = _section(markdown, ESCAPE)
    assert "| risk | sensitive |" in escape
    assert "| info | media-source | 7 | waived: content/media/spring.png does not say its source" in escape
    assert "**Waivers** (a director approves them)" in escape
    # the same reasons the review gate enforces
    assert "because risk: sensitive and waiver of media-source: dana (Dana Director)" in escape
    recall = _section(markdown, RECALL)
    assert "(changed)" in recall
    assert "| error | sensitive-terms | 6 | 'recall' is a sensitive subject" in recall
    assert "because sensitive term 'recall' (line 6): dana (Dana Director)" in recall


def test_each_part_of_a_thread_is_counted(pull: tuple[Path, str]) -> None:
    root, base = pull
    thread = _section(_preview(root, base).stdout, THREAD)
    assert "**Part 1 of the thread** (11 of 280 weighted characters, as x counts)\n\n```text\nFirst part.\n```" in thread
    # "Second part, " is 13, the emoji weighs 2 on X, the full stop 1
    assert "**Part 2 of the thread** (16 of 280 weighted characters, as x counts)" in thread


def test_renamed_and_removed_posts(pull: tuple[Path, str]) -> None:
    root, base = pull
    markdown = _preview(root, base).stdout
    assert f"`{MOVED}` (renamed from `{MOVING}`)" in markdown
    assert f"### Removed (1)\n\n- `{GONE}`" in markdown
    assert "5 post(s) added or changed, 1 removed" in markdown
    assert MOVING not in markdown.replace(f"renamed from `{MOVING}`", "")


def test_what_writers_typed_cannot_break_the_markdown(pull: tuple[Path, str]) -> None:
    root, base = pull
    markdown = _preview(root, base).stdout
    escape = _section(markdown, ESCAPE)
    # the copy: a fence longer than its longest backtick run
    assert "`````text\nLaunch day </details><script>alert(1)</script>\n```` four backticks\na | b\n`````" in escape
    assert "Alt \\| with &lt;b&gt;bold&lt;/b&gt; &amp; more" in escape
    html = _html(markdown)
    assert "<script" not in html and "</details>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, inside the code block
    assert "<td>Alt | with &lt;b&gt;bold&lt;/b&gt; &amp; more</td>" in html  # one cell, pipe included
    assert "<td>Our photo | shot &lt;i&gt;in-house&lt;/i&gt; &amp; cleared</td>" in html
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        assert row.count("<td>") in (0, 2, 5, 7), row  # facts, waivers; findings; media


def test_escaping_helpers() -> None:
    assert preview.inline("a|b\n<c> & *d* [e](f) #g \\") == "a\\|b &lt;c&gt; &amp; \\*d\\* \\[e\\](f) \\#g \\\\"
    assert preview.code("x `y` z") == "``x `y` z``"
    assert preview.code("`edge`") == "`` `edge` ``"
    assert preview.fenced("plain") == "```text\nplain\n```"
    assert preview.fenced("a ````` b").startswith("``````text\n")
    assert preview.size_text(999) == "999 B" and preview.size_text(7_345) == "7.3 KB"
    assert preview.size_text(5_000_000) == "5.00 MB"


def test_no_changed_posts_is_one_line(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    write_files(root, {"README.md": "notes\n"})
    _commit(root, "not a post")
    result = _preview(root, base)
    assert result.returncode == 0
    assert result.stdout == preview.NO_POSTS + "\n"


def test_summary_and_out_file(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    summary = tmp_path / "summary.md"
    summary.write_text("## earlier step output\n", encoding="utf-8")
    result = _preview(root, base, env=_env(GITHUB_STEP_SUMMARY=str(summary)))
    assert result.returncode == 0 and result.stdout == ""
    text = summary.read_text("utf-8")
    assert text.startswith("## earlier step output\n## socialops preview")  # appended, never replaced
    out = tmp_path / "preview.md"
    assert _preview(root, base, "--out", str(out)).returncode == 0
    assert out.read_text("utf-8") == text.removeprefix("## earlier step output\n")


def test_an_unknown_base_is_a_usage_error(pull: tuple[Path, str]) -> None:
    root, _ = pull
    result = _preview(root, "no-such-ref")
    assert result.returncode == 2
    assert "fetch-depth: 0" in result.stderr and "Traceback" not in result.stderr


# -- fitting GitHub's limits ------------------------------------------------------------------


def test_a_preview_too_long_for_a_comment_is_cut_post_by_post() -> None:
    posts = [["### Post A\n\n`a.md` (added)", "facts", "```text\n" + "x" * 5000 + "\n```", "**Findings**: none."],
             ["### Post B\n\n`b.md` (added)", "facts", "short copy", "**Who must approve**"]]
    whole = preview.Preview(["## socialops preview", "intro"], posts, ["gone.md"])
    assert preview.fitted(whole, 100_000, len, "elsewhere") == whole.markdown()
    cut = preview.fitted(whole, 1200, len, "in the summary")
    assert len(cut) <= 1200
    assert "### Post A" in cut and "### Post B" in cut and "x" * 5000 not in cut
    assert "**Findings**: none." in cut and "**Who must approve**" in cut  # the small blocks after it stay
    assert "*Parts of this post are left out here; they are in the summary.*" in cut
    assert "- `gone.md`" in cut
    tiny = preview.fitted(whole, 330, len, "in the summary")
    assert len(tiny) <= 330 and "### Post A" in tiny and "*1 more post(s) are in the summary.*" in tiny
    many = preview.Preview(["## socialops preview"], [[f"### Post {n}", "y" * 500] for n in range(300)])
    cut = preview.fitted(many, 20_000, len, "in the summary")
    shown = cut.count("### Post ")
    assert len(cut) <= 20_000 and 100 < shown < 300 and f"*{300 - shown} more post(s) are in the summary.*" in cut


def test_bytes_are_what_the_summary_limit_counts() -> None:
    whole = preview.Preview(["## socialops preview"], [["### 春", "春" * 400]])
    assert len(whole.markdown()) < 1000 < len(whole.markdown().encode())
    assert len(preview.fitted(whole, 1000, lambda s: len(s.encode()), "x").encode()) <= 1000


# -- the sticky comment -----------------------------------------------------------------------


def _comment_env(fake: FakeGitHub, tmp_path: Path, payload: dict | None = None, **extra: str) -> dict[str, str]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps(payload or {"pull_request": {
        "number": 7, "head": {"repo": {"full_name": "lanterna/social"}}, "base": {"repo": {"full_name": "lanterna/social"}},
    }}), encoding="utf-8")
    return _env(**environment(fake, GITHUB_EVENT_PATH=str(event), GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
                              **extra))


def _bot(comment_id: int, body: str, login: str = preview.BOT) -> dict:
    return {"id": comment_id, "body": body, "user": {"login": login, "type": "Bot"},
            "html_url": f"https://github.com/lanterna/social/pull/7#issuecomment-{comment_id}"}


def _record_writes(fake: FakeGitHub, comment_id: int | None = None) -> list[tuple[str, dict]]:
    writes: list[tuple[str, dict]] = []

    def create(body: dict | None, query: dict) -> tuple[int, dict]:
        writes.append(("POST", body or {}))
        return 201, _bot(900, (body or {}).get("body", ""))

    def edit(body: dict | None, query: dict) -> tuple[int, dict]:
        writes.append(("PATCH", body or {}))
        return 200, _bot(comment_id or 0, (body or {}).get("body", ""))

    fake.routes[f"POST {COMMENTS}"] = create
    if comment_id is not None:
        fake.routes[f"PATCH /repos/lanterna/social/issues/comments/{comment_id}"] = edit
    return writes


def test_the_first_run_creates_the_one_comment(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = [_bot(1, "Thanks for the PR!", login="octocat")]
        writes = _record_writes(fake)
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
    assert result.returncode == 0, result.stderr
    assert [verb for verb, _ in writes] == ["POST"]
    body = writes[0][1]["body"]
    assert body.startswith(preview.MARKER + "\n## socialops preview")
    assert body.removeprefix(preview.MARKER + "\n") == (tmp_path / "summary.md").read_text("utf-8")
    assert "preview comment created" in result.stderr


def test_a_later_run_edits_it_and_an_unchanged_one_leaves_it(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = [_bot(55, f"{preview.MARKER}\nan older preview")]
        writes = _record_writes(fake, comment_id=55)
        assert _preview(root, base, "--comment", env=_comment_env(fake, tmp_path)).returncode == 0
        assert [verb for verb, _ in writes] == ["PATCH"]
        current = writes[0][1]["body"]
        fake.routes[f"GET {COMMENTS}"] = [_bot(55, current)]
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
    assert result.returncode == 0 and "already up to date" in result.stderr
    assert [verb for verb, _ in writes] == ["PATCH"]  # nothing more was written


def test_someone_elses_comment_with_the_marker_is_not_ours(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = [_bot(3, f"{preview.MARKER}\nquoted by a person", login="mallory"),
                                          _bot(4, f"see {preview.MARKER} in the docs")]
        writes = _record_writes(fake)
        assert _preview(root, base, "--comment", env=_comment_env(fake, tmp_path)).returncode == 0
    assert [verb for verb, _ in writes] == ["POST"]


def test_the_comment_is_found_on_a_later_page(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        others = [_bot(n, f"comment {n}", login="octocat") for n in range(1, 231)]
        fake.routes[f"GET {COMMENTS}"] = [*others, _bot(231, f"{preview.MARKER}\nold"), _bot(232, "later", "octocat")]
        writes = _record_writes(fake, comment_id=231)
        assert _preview(root, base, "--comment", env=_comment_env(fake, tmp_path)).returncode == 0
        assert fake.count("GET", COMMENTS) == 3  # 100 + 100 + 32
    assert [verb for verb, _ in writes] == ["PATCH"]


def test_a_fork_gets_no_comment_but_the_summary(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    fork = {"pull_request": {"number": 7, "head": {"repo": {"full_name": "stranger/social"}},
                             "base": {"repo": {"full_name": "lanterna/social"}}}}
    with fake_github() as fake:
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path, fork))
        assert fake.requests == []
    assert result.returncode == 0
    assert "fork" in result.stderr
    assert "## socialops preview" in (tmp_path / "summary.md").read_text("utf-8")


def test_a_refused_comment_is_a_message_not_a_failure(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        fake.routes[f"POST {COMMENTS}"] = lambda body, query: (403, {"message": "Resource not accessible by integration"})
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
    assert result.returncode == 0
    assert "Resource not accessible by integration" in result.stderr and "pull-requests: write" in result.stderr
    assert "## socialops preview" in (tmp_path / "summary.md").read_text("utf-8")


def test_other_github_failures_exit_1_after_the_summary(pull: tuple[Path, str], tmp_path: Path) -> None:
    root, base = pull
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = lambda body, query: (502, {"message": "Bad Gateway"})
        result = _preview(root, base, "--comment", env=_comment_env(fake, tmp_path))
    assert result.returncode == 1
    assert "not kept up to date" in result.stderr and "502" in result.stderr
    assert "## socialops preview" in (tmp_path / "summary.md").read_text("utf-8")


def test_no_posts_changed_creates_no_comment_but_clears_an_old_one(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake, comment_id=55)
        assert _preview(root, base, "--comment", "--pr", "7", env=_comment_env(fake, tmp_path)).returncode == 0
        assert writes == []
        fake.routes[f"GET {COMMENTS}"] = [_bot(55, f"{preview.MARKER}\nan older preview")]
        assert _preview(root, base, "--comment", "--pr", "7", env=_comment_env(fake, tmp_path)).returncode == 0
    assert writes == [("PATCH", {"body": f"{preview.MARKER}\n{preview.NO_POSTS}\n"})]


def test_a_long_preview_is_cut_for_the_comment_and_whole_in_the_summary(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    base = _commit(root, "base")
    long_copy = "word " * 16_000  # 80,000 characters: more than a comment may hold
    write_files(root, {SPRING: f"---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n{long_copy}\n"})
    _commit(root, "a long post")
    with fake_github() as fake:
        fake.routes[f"GET {COMMENTS}"] = []
        writes = _record_writes(fake)
        env = _comment_env(fake, tmp_path, GITHUB_SERVER_URL="https://github.com", GITHUB_RUN_ID="42")
        assert _preview(root, base, "--comment", env=env).returncode == 0
    body = writes[0][1]["body"]
    assert len(body) <= preview.COMMENT_LIMIT
    assert "[this workflow run](https://github.com/lanterna/social/actions/runs/42)" in body
    assert "| error | text-length | 6 | the copy is 79,999 weighted characters" in body  # the findings stay
    assert long_copy.strip() in (tmp_path / "summary.md").read_text("utf-8")
