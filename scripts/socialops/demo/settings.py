"""The demo's settings files: accounts.yaml, permissions.yaml and policy.yaml."""

from __future__ import annotations

from .company import (
    APPROVER,
    COURSES,
    DEMO_NOW,
    LINKS_PENDING,
    MAILBOX,
    PEOPLE,
    RETIREMENTS,
    REVIEWERS,
    SITE,
    AccountTemplate,
)
from .copy import THEMES
from .posts import scalar


def accounts_yaml(templates: list[AccountTemplate]) -> str:
    lines = ["# Every company account (policy section 3). Ids are lower-case slugs; a post's folder",
             "# under content/posts/ is its account id. `vault` says where the credential lives,",
             "# never the credential itself.", "accounts:"]
    for t in templates:
        languages = ", ".join(t.languages)
        lines += [
            f"  {t.id}:",
            f"    platform: {t.platform}",
            f"    handle: {scalar(t.handle)}",
            f"    name: {scalar(t.name)}",
            f"    market: {t.market}",
            f"    languages: [{languages}]",
            f"    timezone: {t.timezone}",
            f"    url: {t.url}",
            f"    status: {t.status}",
            "    profile:",
            "      avatar: content/media/brand/avatar.png",
            f"      bio: {scalar(_BIOS[t.languages[0][:2]])}",
            "      contact: social@lanterna-audio.example",
            *([] if t.id in LINKS_PENDING else [f"      website: {SITE}/{t.market.lower()}"]),
            "    security:",
            "      two_factor: true",
            f"      vault: {scalar('op://Social Media/' + t.id + '/password')}",
            f"      password_rotated: {'2026-09-28' if t.market in ('US', 'GB', 'MX') else '2026-10-12'}",
            *_registration(t),
        ]
    return "\n".join(lines) + "\n"


def _registration(t: AccountTemplate) -> list[str]:
    """Who asked for the account, who approved it, and where its sign-in can be recovered (policy 3.1)."""
    lines = ["    registration:",
             f"      requested_by: {t.writer}",
             f"      approved_by: {APPROVER}",
             f"      date: {t.registered}",
             f"      email: {MAILBOX.format(market=t.market.lower())}",
             f"      verification: {t.verification}",
             f"      recovery_codes: {scalar('op://Social Media/' + t.id + '/recovery-codes')}"]
    if t.id in LINKS_PENDING:
        lines += ["    waivers:", "      - rule: account-profile", f"        reason: {scalar(LINKS_PENDING[t.id])}"]
    if t.id in RETIREMENTS:
        day, reason = RETIREMENTS[t.id]
        lines += ["    retirement:", f"      date: {day}", f"      reason: {scalar(reason)}"]
    return lines


_BIOS = {"en": "Sound, made carefully. Headphones and speakers from Lanterna Audio.",
         "de": "Klang mit Sorgfalt gemacht. Kopfhörer und Lautsprecher von Lanterna Audio.",
         "ja": "丁寧につくる音。Lanterna Audioのヘッドホンとスピーカー。",
         "pt": "Som feito com cuidado. Fones e caixas de som da Lanterna Audio.",
         "ar": "صوت مصنوع بعناية. سماعات ومكبرات صوت من لانتيرنا أوديو.",
         "es": "Sonido hecho con cuidado. Audífonos y bocinas de Lanterna Audio."}


def responder(template: AccountTemplate) -> str:
    """Who answers the account's comments and messages (its grant's responders)."""
    return "layla-haddad" if template.market == "AE" else "sofia-rossi"


def permissions_yaml(templates: list[AccountTemplate]) -> str:
    lines = ["# People, roles and per-account grants (policy sections 2 and 3.3).",
             "# People are keyed by GitHub handle. This file is the single source of .github/CODEOWNERS.",
             "people:"]
    for handle, (name, roles, courses) in PEOPLE.items():
        lines += [f"  {handle}:", f"    name: {name}", f"    roles: [{', '.join(roles)}]", "    training:"]
        for course in courses:
            title, topics, day = COURSES[course]
            lines.append(f"      - {{course: {title}, topics: [{', '.join(topics)}], date: {day}}}")
    lines.append("grants:")
    for t in templates:
        if t.status == "retired":
            continue
        publishers = "grace-liu" if t.market in ("US", "GB", "BR") else "omar-farouk"
        lines += [f"  {t.id}:",
                  f"    writers: [{t.writer}]",
                  f"    reviewers: [mei-lin, {REVIEWERS[t.writer]}]",
                  f"    publishers: [{publishers}]",
                  f"    responders: [{responder(t)}]"]
    lines += ["# Sensitive posts and waivers need one of these people's approval (policy 3.3.2).",
              "sensitive_approvers: [mei-lin]",
              "# The last periodic review of these permissions (policy 3.3.3).",
              "review: {date: 2026-10-05, by: mei-lin}"]
    return "\n".join(lines) + "\n"


def policy_yaml(hq_timezone: str, owned_domains: list[str], reference_time: str | None) -> str:
    """policy.yaml with the demo's parameters: the demo's own, and the start of a company's
    (`socialops init`: its HQ zone and domains, no reference time)."""
    clock = ("# The demo's fixed 'now': its posts are written around this moment, so the check, the\n"
             "# hooks, CI and the site agree and stay green as the calendar moves on. Delete this line\n"
             "# in your own repository: then 'now' is the real clock. (--now overrides it.)\n"
             f"reference_time: {reference_time}\n") if reference_time else ""
    domains = f"    owned_domains: [{', '.join(owned_domains)}]\n" if owned_domains else ""
    return ("# The operating policy's parameters. Rule ids and options: `socialops rules`.\n"
            "version: 1\n" + clock + f"hq_timezone: {hq_timezone}\n" + """\
reply_sla:
  important_hours: 4
  general_business_days: 2
# Policy 3.2.4 and 7.3: per incident severity, hours from detection to acknowledgement
# and escalation, and who it escalates to (a role or a person's handle).
incident_response:
  critical: {acknowledge_hours: 1, escalate_hours: 2, escalate_to: director}
  high: {acknowledge_hours: 2, escalate_hours: 4, escalate_to: director}
  medium: {acknowledge_hours: 4, escalate_hours: 24, escalate_to: director}
  low: {acknowledge_hours: 24, escalate_to: director}
intervals:
  permission_review_days: 90
  password_rotation_days: 90
  password_grace_days: 14
  training_valid_days: 365
  campaign_evaluation_days: 14
  evaluation_report_days: 30
  market_brief_days: 180
  source_check_days: 180
rules:
  cadence:
    max_per_day: 3
    min_gap_minutes: 120
    quiet_hours: {start: "23:00", end: "07:00"}
    platforms:
      x: {max_per_day: 5, min_gap_minutes: 90}
  post-missed:
    grace_minutes: 60
  links:
""" + domains + """\
    blocked_domains: [bit.ly, tinyurl.com, t.ly, ow.ly]
  text-entities:
    max: {instagram.hashtags: 5}
  cadence-gap:
    max_gap_days: 14
  post-theme:
    themes: [""" + ", ".join(THEMES) + """]
  boost-disclosure:
    markets: [DE, AT]
  # Late replies are counted on the Reply SLA page; the check warns only of interactions still
  # unanswered past their due time (delete these two lines to be warned of each late reply too).
  reply-sla:
    late: false
""")


# The demo's company names the markets whose advertising law its legal team reviews
# disclosed posts for, and the topics each duty needs (policy 7.1); a new company
# (`socialops init`) starts with the rules' defaults (no market; a current course of any
# topic for reviewers, publishers and approvers) until it sets its own.
DEMO_RULES = """\
  legal-review:
    markets: [US, GB, DE]
  training:
    duties:
      writers: [advertising-law, ip, platform-rules]
      reviewers: [advertising-law, ip, consumer-rights]
      publishers: [platform-rules, account-security]
      responders: [consumer-rights, data-protection, crisis-response]
      approvers: [advertising-law, crisis-response]
"""
POLICY_YAML = policy_yaml("Asia/Shanghai", ["shop.example.com"], DEMO_NOW) + DEMO_RULES

# The laws, codes and platform policies the demo company's rules rely on (policy 7.1, 7.2).
SOURCES_YAML = """\
# The laws, codes and platform policies the rules rely on (policy 7.1, 7.2), and when each
# was last read for changes. source-check reports one older than intervals.source_check_days.
sources:
  ftc-endorsement-guides:
    title: FTC Guides Concerning the Use of Endorsements and Testimonials in Advertising (16 CFR Part 255)
    kind: law
    market: US
    url: https://www.ecfr.gov/current/title-16/chapter-I/subchapter-B/part-255
    last_checked: 2026-10-05
    checked_by: mei-lin
    rules: [disclosure, legal-review, claims]
  us-sweepstakes-wording:
    title: FTC guidance on prize promotions (no purchase necessary)
    kind: guidance
    market: US
    url: https://consumer.ftc.gov/articles/prize-scams
    last_checked: 2026-10-05
    checked_by: mei-lin
    rules: [campaign-promotion]
  cap-code:
    title: The CAP Code (UK Code of Non-broadcast Advertising and Direct & Promotional Marketing)
    kind: code
    market: GB
    url: https://www.asa.org.uk/codes-and-rulings/advertising-codes/non-broadcast-code.html
    last_checked: 2026-09-14
    checked_by: tom-baker
    rules: [disclosure, legal-review]
  uwg-5a:
    title: Gesetz gegen den unlauteren Wettbewerb (UWG), § 5a
    kind: law
    market: DE
    url: https://www.gesetze-im-internet.de/uwg_2004/__5a.html
    last_checked: 2026-09-21
    checked_by: anna-schmidt
    rules: [disclosure, legal-review, boost-disclosure]
  gdpr:
    title: General Data Protection Regulation (EU) 2016/679
    kind: law
    market: DE
    url: https://eur-lex.europa.eu/eli/reg/2016/679/oj
    last_checked: 2026-08-04
    checked_by: sofia-rossi
    rules: [campaign-promotion]
  jp-stealth-marketing:
    title: Premiums and Representations Act, designation on stealth marketing (2023)
    kind: law
    market: JP
    url: https://www.caa.go.jp/policies/policy/representation/fair_labeling/stealth_marketing/
    last_checked: 2026-07-27
    checked_by: yuki-tanaka
    rules: [disclosure]
  x-paid-partnerships:
    title: X paid partnerships policy
    kind: platform
    platform: x
    url: https://help.x.com/en/rules-and-policies/paid-partnerships-policy
    last_checked: 2026-10-12
    checked_by: grace-liu
    rules: [disclosure]
  youtube-paid-promotion:
    title: YouTube paid product placements, endorsements and sponsorships
    kind: platform
    platform: youtube
    url: https://support.google.com/youtube/answer/154235
    last_checked: 2026-10-12
    checked_by: omar-farouk
    rules: [disclosure]
  tiktok-branded-content:
    title: TikTok Branded Content Policy
    kind: platform
    platform: tiktok
    url: https://www.tiktok.com/legal/page/global/bc-policy/en
    last_checked: 2026-10-12
    checked_by: grace-liu
    rules: [disclosure]
"""
