"""An ad, sponsorship, partnership, affiliate link or gift is labelled at the start, the market's way.

Policy 1.3 and 7.1: when a post has `disclosure` other than none, its copy must carry
a label the market accepts within the first characters, before a platform's "more"
cut: `#ad` or `Ad` in the US and UK (FTC Endorsement Guides; CAP Code and the ASA/CMA
influencers' guide), `Werbung` or `Anzeige` in Germany (§5a UWG), `広告` or `PR` in
Japan. Labels known to be insufficient on their own (`#sp`, `#spon`, `#collab`,
`#thanks`, `#ambassador`, `#partner`; in the UK also sponsored, gifted, PR...) are
named as such. Label lists per market are options in policy.yaml.

Fix: start the copy with an accepted label, e.g. "#ad" or "Werbung |".
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import terms
from .base import Context, Example, Hit, market_and_language, post_file, term_lists

ID = "disclosure"
SECTION = "7.1"
LEVEL = "error"
OPTIONS = {
    "labels": term_lists("Accepted labels: the market's list, else the language's, else *.", {
        "*": ["#ad", "Ad", "Advertisement"],
        "US": ["#ad", "Ad", "Advertisement", "Sponsored", "#sponsored", "Paid partnership"],
        "GB": ["#ad", "Ad", "Advert", "Advertising", "Advertisement", "Advertisement feature"],
        "DE": ["Werbung", "Anzeige", "Bezahlte Werbepartnerschaft"],
        "AT": ["Werbung", "Anzeige"],
        "JP": ["広告", "PR", "#PR", "宣伝", "プロモーション"],
        "BR": ["Publicidade", "#publicidade", "#publi", "Publi"],
        "AE": ["#ad", "Ad", "إعلان"],
    }),
    "insufficient": term_lists("Labels not enough on their own: * plus the market's and language's.", {
        "*": ["#sp", "#spon", "#collab", "#thanks", "#ambassador", "#partner"],
        "GB": ["sponsored", "spon", "sp", "gifted", "aff", "collab", "PR", "in association with", "thanks to"],
        "DE": ["#ad", "sponsored by", "in Kooperation mit"],
    }),
    "within_chars": {"type": "integer", "minimum": 1, "default": 100,
                     "description": "The label must start within this many characters of the copy."},
}
EXAMPLES = [
    Example("Labelled at the start", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                               "disclosure: partnership", "#ad Our friends at Trailhead Coffee made a playlist."),
            True),
    Example("#sp is not enough", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                           "disclosure: sponsored", "Our friends made a playlist. #sp"), False, (7,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        if post.meta.get("disclosure", "none") == "none" or post.account is None:
            continue  # without its account the market, and so its labels, are unknown (references says why)
        market, language = market_and_language(post)
        accepted = terms.most_specific(ctx.options["labels"], market, language)
        weak = terms.applicable(ctx.options["insufficient"], market, language)
        first_part = post.parts[0][0]
        labels = terms.find(first_part, accepted)
        where = market or "this market"
        if labels and labels[0].start < ctx.options["within_chars"]:
            continue
        if labels:
            yield Hit(post.path, post.parts[0][1], f"the label '{labels[0].term}' comes only at character "
                      f"{labels[0].start + 1}; readers must see it before the 'more' cut",
                      f"move it to the start, within {ctx.options['within_chars']} characters")
            continue
        found_weak = terms.find(first_part, weak)
        if found_weak:
            yield Hit(post.path, terms.line_of(post.body, post.body_line, post.body.find(first_part) + found_weak[0].start),
                      f"'{found_weak[0].term}' alone is not a sufficient disclosure in {where}",
                      f"start with one of: {', '.join(accepted)}")
            continue
        yield Hit(post.path, post.line("disclosure"),
                  f"disclosure is {post.meta['disclosure']} but the copy has no label {where} accepts",
                  f"start the copy with one of: {', '.join(accepted)}")
