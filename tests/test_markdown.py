"""The one Markdown escaper (socialops.github.markdown), checked against GitHub's own Markdown
(cmarkgfm, its cmark fork): what people typed shows as typed and does nothing: no HTML, no
Markdown, no table cell broken, no @-mention, no issue reference."""

from __future__ import annotations

import re
from html import unescape

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from socialops.github.markdown import ZWSP, Markdown, code, fenced, inline, quiet, table, untrusted

HOSTILE = ("Hi @LanternaAudio and @lanterna/social-team, see #12, lanterna/social#7 and gh-3; "
           "<img src=x onerror=alert(1)> <!-- hidden --> [click](https://evil.example) ![i](x.png) "
           "**bold** _em_ ~~gone~~ `tick` a|b \\ &amp;")


def html(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def pings(markdown: str) -> list[str]:
    """@login, @org/team, #12, owner/repo#12 and GH-12 where GitHub looks for them: the
    rendered text outside code blocks and code spans."""
    text = re.sub(r"<pre[^>]*>.*?</pre>|<code[^>]*>.*?</code>", "", html(markdown), flags=re.S)
    return re.findall(r"@[A-Za-z0-9][\w/-]*|#\d+|\bGH-\d+", text, flags=re.I)


def test_inline_shows_the_text_and_does_nothing() -> None:
    escaped = inline(HOSTILE + "\nsecond line")
    assert "\n" not in escaped and isinstance(escaped, Markdown)
    rendered = html(escaped)
    assert rendered.count("<p>") == 1
    for tag in ("<img", "<!--", "<strong>", "<em>", "<del>", "<code>"):
        assert tag not in rendered, tag
    # a bare address stays a link to itself (GitHub links those); [text](address) is not made
    assert re.findall(r"<a [^>]*>", rendered) == ['<a href="https://evil.example">']
    assert "[click](" in rendered
    assert pings(escaped) == []
    # what a reader sees is what was typed, less the invisible spaces
    shown = unescape(re.sub(r"<[^>]+>", "", rendered)).replace(ZWSP, "")
    assert shown.strip() == HOSTILE + " second line"


def test_mentions_and_references_get_a_zero_width_space() -> None:
    assert inline("@acme") == f"@{ZWSP}acme"
    assert inline("@org/team") == f"@{ZWSP}org/team"
    assert inline("#42 x/y#42 GH-42 gh-42") == f"\\#{ZWSP}42 x/y\\#{ZWSP}42 GH-{ZWSP}42 gh-{ZWSP}42"
    assert inline("a lone @ and # and #tag") == "a lone @ and \\# and \\#tag"  # nothing to break
    # no `@` followed by a login character is left in the source
    assert not re.search(r"@[A-Za-z0-9]", inline(HOSTILE))
    assert quiet("**@acme** #1") == f"**@{ZWSP}acme** #{ZWSP}1"  # Markdown built by hand keeps its syntax


def test_inline_escapes() -> None:
    assert inline("a|b\n<c> & *d* [e](f) #g \\") == "a\\|b &lt;c&gt; &amp; \\*d\\* \\[e\\](f) \\#g \\\\"
    assert inline("1. not a list") == "1\\. not a list" and inline("- no bullet") == "\\- no bullet"
    assert inline("7.3 KB") == "7.3 KB" and inline(12) == "12"
    assert inline(inline("*x*")) == "\\*x\\*"  # escaped once only


def test_code_spans() -> None:
    assert code("x `y` z") == "``x `y` z``"
    assert code("`edge`") == "`` `edge` ``"
    assert code("@acme #1") == "`@acme #1`" and pings(code("@acme #1")) == []
    assert html(code("<b>")) == "<p><code>&lt;b&gt;</code></p>\n"


def test_fenced_blocks_cannot_be_closed_from_inside() -> None:
    assert fenced("plain") == "```text\nplain\n```"
    assert fenced("a ````` b").startswith("``````text\n")
    block = fenced("```\n</pre><script>x</script>\n```", info="yaml")
    assert block.startswith("````yaml\n")
    assert html(block + "\n\nafter").count("<pre") == 1 and "<script>" not in html(block)
    with pytest.raises(ValueError):
        fenced("x", info="text`")


def test_tables_keep_one_cell_per_value() -> None:
    markdown = table(["who", "what"], [["@acme | <b>", "line\nbreak"], [code("a|b"), Markdown("**kept**")]])
    rendered = html(markdown)
    rows = re.findall(r"<tr>(.*?)</tr>", rendered, re.S)
    assert len(rows) == 3 and all(row.count("<td>") in (0, 2) for row in rows)
    assert "<td>@\u200bacme | &lt;b&gt;</td>" in rendered and "<td>line break</td>" in rendered
    assert "<td><code>a|b</code></td>" in rendered and "<td><strong>kept</strong></td>" in rendered
    assert pings(markdown) == []


# -- untrusted: Markdown that code the pull request could change wrote --------------------------

# Each tries to get raw HTML or a ping past a parser that tracks fences line by line.
ATTACKS = {
    "html": "<img src=x onerror=alert(1)> <details open><summary>@mallory</summary></details> <!-- c -->",
    "mentions": "@mallory @org/team #12 o/r#12 GH-12 gh\\-12 GH\\-12",
    "references": "&#64;mallory &commat;mallory &#x40;mallory &num;12 #&#49;2 GH&#45;12 &lt;b&gt; &amp;",
    # a fence GitHub sees inside a list item, closed by a line this parser would take as an opener
    "list fence": "- ```\n  x\n   ```\n<b>list</b> @mallory",
    "quote fence": "> ```\n<b>quoted</b>\n````\n<i>in</i> @mallory\n````",
    "indented fence": "  ```\n<b>indented</b>\n```\n<i>after</i> @mallory",
    "tilde fence": "~~~\n<b>in</b>\n~~~~\n<i>out</i> @mallory",
    "unclosed": "text\n```text\n<b>never closed</b> @mallory",
    "backtick info": "``` x`y\n<b>not a fence</b> @mallory\n```",
    "carriage returns": "a\r```\r<b>cr</b> @mallory\r```\r\r\n<i>x</i>",
    "html block": "<script>\n```\n</script>\n<b>b</b> @mallory",
    "table": "| a |\n|---|\n| <b>cell</b> @mallory |\n```\n<i>code</i>\n```\n<u>after</u> #12",
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_untrusted_markdown_lets_no_html_and_no_ping_through(name: str) -> None:
    made = untrusted(ATTACKS[name])
    rendered = html(made)
    outside = re.sub(r"<pre[^>]*>.*?</pre>|<code[^>]*>.*?</code>", "", rendered, flags=re.S)
    tags = set(re.findall(r"</?([a-z][a-z0-9]*)", outside)) - {"p", "ul", "li", "blockquote", "table", "thead",
                                                                  "tbody", "tr", "th", "td", "a", "br"}
    assert tags == set(), (made, rendered)
    assert "<!--" not in outside
    assert pings(made) == [], (made, rendered)
    # nor once GitHub has decoded the text's character references, where it looks for them
    assert re.findall(r"@[A-Za-z0-9]|#\d|GH-\d", unescape(outside), flags=re.I) == [], (made, rendered)


def test_untrusted_keeps_fenced_blocks_as_they_are() -> None:
    copy = "Launch </details><script>x</script> @mallory #12 &amp; &#64;\n```` four\na | b"
    text = f"## Preview\n\n**The copy**\n\n{fenced(copy)}\n\n| a | b |\n|---|---|\n| {code('x.md')} | &lt;b&gt; |\n"
    assert untrusted(text) == text  # what the preview writes is already inert: posted unchanged
    rendered = html(untrusted(text))
    assert "&lt;/details&gt;&lt;script&gt;x&lt;/script&gt; @mallory #12 &amp;amp; &amp;#64;" in rendered


def test_untrusted_writes_each_block_with_a_fence_of_its_own() -> None:
    # an indented opener, a tilde fence and an unclosed one: each becomes a backtick fence at the
    # start of a line after a blank line, longer than any run inside
    assert untrusted("x\n  ~~~ yaml\n  a: ```\n  ~~~\ny") == "x\n\n````yaml\na: ```\n````\ny"
    assert untrusted("```\nopen") == "```\nopen\n```"
    assert untrusted("a ``` b ~~~ c") == "a \\`\\`\\` b \\~\\~\\~ c"  # no fence can start outside
    assert untrusted("&lt; &gt; &amp; &quot; &#64; <") == f"&lt; &gt; &amp; &amp;quot; &amp;#{ZWSP}64; &lt;"
