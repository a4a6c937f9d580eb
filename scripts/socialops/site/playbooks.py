"""A page per response playbook (content/playbooks/<kind>.md: its owner, when it was last
reviewed, the incidents that follow it, and its steps, contacts and templates as written)
and the list of playbooks, under Incidents in the navigation. The body is writer Markdown,
rendered as campaigns.render_markdown renders plans."""

from __future__ import annotations

from ..model.entities import Incident, Playbook
from .campaigns import PLAN_LABELS, render_markdown, writer_markdown
from .context import Output, Site
from .posts import front_matter, labels, person_name, translated, up


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    t = {**labels(site), **translated(site, PLAN_LABELS)}
    markdown = writer_markdown()
    following: dict[str, list[Incident]] = {}
    for incident in repo.incidents:
        if incident.playbook_id:
            following.setdefault(incident.playbook_id, []).append(incident)
    out: dict[str, Output] = {}
    rows = []
    for playbook in sorted(repo.playbooks.values(), key=lambda playbook: playbook.id):
        page = f"playbooks/{playbook.id}.md"
        view = _view(site, playbook, page, t, following.get(playbook.id, []))
        out[page] = Output(front_matter(view["title"]) + site.render(
            "playbook.md.j2", page, markdown=render_markdown(markdown, playbook.body), **view), hidden=True)
        rows.append(view)
    page = "playbooks/index.md"
    # in the navigation under Incidents (mkdocs.yml), and linked from the incidents page
    out[page] = Output(front_matter(site.gettext("Playbooks")) + site.render("playbooks.md.j2", page, t=t, rows=rows))
    return out


def _view(site: Site, playbook: Playbook, page: str, t: dict[str, str], incidents: list[Incident]) -> dict[str, object]:
    root, meta = up(page), playbook.meta
    return {
        "t": t, "playbook": playbook, "title": str(meta.get("title", playbook.id)), "url": f"{root}{page[:-3]}.html",
        "owner": person_name(site.repo, meta.get("owner")), "reviewed": meta.get("reviewed"),
        "incidents": [(str(incident.meta.get("title", incident.id)), f"{root}incidents/{incident.id}.html")
                      for incident in sorted(incidents, key=lambda incident: incident.id, reverse=True)],
        "findings": site.findings_for(playbook.path), "rules_url": root + "rules.html",
    }
