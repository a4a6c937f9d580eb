"""The demo's settings files: accounts.yaml, permissions.yaml and policy.yaml."""

from __future__ import annotations

from .company import DEMO_NOW, PEOPLE, REVIEWERS, SITE, AccountTemplate
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
            f"      website: {SITE}/{t.market.lower()}",
            "    security:",
            "      two_factor: true",
            f"      vault: {scalar('op://Social Media/' + t.id + '/password')}",
            f"      password_rotated: {'2026-09-28' if t.market in ('US', 'GB', 'MX') else '2026-10-12'}",
        ]
    return "\n".join(lines) + "\n"


_BIOS = {"en": "Sound, made carefully. Headphones and speakers from Lanterna Audio.",
         "de": "Klang mit Sorgfalt gemacht. Kopfhörer und Lautsprecher von Lanterna Audio.",
         "ja": "丁寧につくる音。Lanterna Audioのヘッドホンとスピーカー。",
         "pt": "Som feito com cuidado. Fones e caixas de som da Lanterna Audio.",
         "ar": "صوت مصنوع بعناية. سماعات ومكبرات صوت من لانتيرنا أوديو.",
         "es": "Sonido hecho con cuidado. Audífonos y bocinas de Lanterna Audio."}


def permissions_yaml(templates: list[AccountTemplate]) -> str:
    lines = ["# People, roles and per-account grants (policy sections 2 and 3.3).",
             "# People are keyed by GitHub handle. This file is the single source of .github/CODEOWNERS.",
             "people:"]
    for handle, (name, roles, training) in PEOPLE.items():
        lines.append(f"  {handle}: {{name: {name}, roles: [{', '.join(roles)}], training: {training}}}")
    lines.append("grants:")
    for t in templates:
        if t.status == "retired":
            continue
        publishers = "grace-liu" if t.market in ("US", "GB", "BR") else "omar-farouk"
        responders = "layla-haddad" if t.market == "AE" else "sofia-rossi"
        lines += [f"  {t.id}:",
                  f"    writers: [{t.writer}]",
                  f"    reviewers: [mei-lin, {REVIEWERS[t.writer]}]",
                  f"    publishers: [{publishers}]",
                  f"    responders: [{responders}]"]
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
  boost-disclosure:
    markets: [DE, AT]
""")


POLICY_YAML = policy_yaml("Asia/Shanghai", ["shop.example.com"], DEMO_NOW)
