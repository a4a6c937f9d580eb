"""The quarterly evaluation reports (policy 6.4): a page per report (its results beside the
year's goals, its improvement actions with their status, late ones marked, and the text)
and the list of reports, newest first."""

from __future__ import annotations

from datetime import date

from ..model.entities import Report
from ..model.schema import parse_date
from ..reports.kpis import KPIS
from ..rules.evaluation_report import quarter_end
from .campaigns import document_pages
from .context import Output, Site
from .plans import figure_owner, kpi_name, number, planning_labels
from .posts import person_name, up


def pages(site: Site) -> dict[str, Output]:
    t = planning_labels(site)
    today = site.now.astimezone(site.repo.policy.hq_timezone).date()
    return document_pages(site, "evaluations",
                          sorted(site.repo.reports.values(), key=lambda report: report.id, reverse=True),
                          "evaluation.md.j2", lambda report, page: _view(site, report, page, t, today), t)


def _view(site: Site, report: Report, page: str, t: dict[str, str], today: date) -> dict[str, object]:
    repo, root = site.repo, up(page)
    actions = [_action(site, action, today) for action in report.meta.get("actions", [])]
    plan = repo.plans.get(str(report.quarter[0])) if report.quarter else None
    return {
        "t": t, "report": report, "title": report.meta.get("title", report.id), "url": f"{root}{page[:-3]}.html",
        "owner": person_name(repo, report.meta.get("owner")), "period": _period(report),
        "plan_url": f"{root}plans/{plan.id}.html" if plan else None, "results": _results(site, report, root, t),
        "actions": actions, "open": sum(1 for a in actions if a["state"] != "done"),
        "overdue": sum(1 for a in actions if a["state"] == "overdue"),
        "findings": site.findings_for(report.path), "rules_url": root + "rules.html",
    }


def _period(report: Report) -> tuple[str, str] | None:
    """The quarter's first and last day, from the file name."""
    if report.quarter is None:
        return None
    year, quarter = report.quarter
    return date(year, quarter * 3 - 2, 1).isoformat(), quarter_end(year, quarter).isoformat()


def _results(site: Site, report: Report, root: str, t: dict[str, str]) -> list[dict[str, object]]:
    """Each result beside the year's goal for the same account or market and KPI."""
    plan = site.repo.plans.get(str(report.quarter[0])) if report.quarter else None
    goals = {(g.scope, g.owner, g.kpi): g.value for g in plan.figures("goals")} if plan else {}
    rows = []
    for result in report.figures("results"):
        name, url = figure_owner(site.repo, result, root)
        goal = goals.get((result.scope, result.owner, result.kpi))
        rows.append({"name": name, "url": url, "kpi": kpi_name(site, result.kpi), "result": number(result.value, result.kpi),
                     "target": number(goal, result.kpi) if goal is not None else "",
                     "share": _against(result.value, goal, result.kpi, t) if goal is not None else ""})
    return rows


def _against(result: float, goal: float, kpi: str, t: dict[str, str]) -> str:
    """A count as its share of the year's target; a rate (a quarter's rate is not a part of
    the year's) as its distance from the target, in percentage points."""
    if KPIS.get(kpi) and KPIS[kpi].unit == "percent":
        return f"{result - goal:+.1f} {t['points']}"
    return f"{result / goal * 100:.0f} %" if goal else ""


def _action(site: Site, action: dict, today: date) -> dict[str, object]:
    done = action["status"] == "done"
    state = "done" if done else "overdue" if parse_date(action["due"]) < today else "open"
    return {"action": action["action"], "owner": person_name(site.repo, action["owner"]), "due": action["due"],
            "state": state, "done": action.get("done", "")}
