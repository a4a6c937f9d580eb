"""A post's `theme` is one of the themes policy.yaml lists.

Policy 4.1.1-4.1.2: content is planned by theme, and the themes fit the brand and its
products. `themes` (this rule's option) is the list the team plans with; a post names
one as `theme:`, and the site shows the content mix per market and theme. A theme
spelled two ways splits the mix, so a theme outside the list is reported, with the
closest one. With `required: true`, every scheduled or published post needs a theme.

Fix: use a theme from the list (or add the new theme to the list).
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file

ID = "post-theme"
SECTION = "4.1.2"
LEVEL = "error"
OPTIONS = {
    "themes": {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True, "default": [],
               "description": "The content themes posts are planned by, e.g. [product, how-to, community]."},
    "required": {"type": "boolean", "default": False,
                 "description": "Every scheduled or published post names its theme."},
}
_POST = "publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice\n"
_THEMES = {"themes": ["product", "how-to", "community"]}
EXAMPLES = [
    Example("A listed theme", post_file(_POST + "theme: how-to"), True, options=_THEMES),
    Example("A theme mistyped", post_file(_POST + "theme: howto"), False, (5,), options=_THEMES),
]


def check(ctx: Context) -> Iterator[Hit]:
    themes: list[str] = ctx.options["themes"]
    for post in ctx.repo.posts:
        theme = post.meta.get("theme")
        if theme is None:
            if ctx.options["required"] and post.is_live:
                yield Hit(post.path, post.line("status"), "the post has no theme",
                          f"add theme: one of {', '.join(themes)}" if themes else "list the themes in policy.yaml "
                          "(rules: post-theme: themes:), then add theme: to the post")
        elif theme not in themes:
            yield Hit(post.path, post.line("theme"), _unknown(theme, themes), _hint(theme, themes))


def _unknown(theme: str, themes: list[str]) -> str:
    if not themes:
        return f"theme '{theme}', but policy.yaml lists no themes"
    return f"theme '{theme}' is not one of the themes in policy.yaml"


def _hint(theme: str, themes: list[str]) -> str:
    from .. import suggest

    if not themes:
        return f"list the themes in policy.yaml: rules: post-theme: themes: [{theme}, ...]"
    return suggest.did_you_mean(suggest.closest(theme, themes)) or f"use one of: {', '.join(themes)}"
