"""The annual plans: a page per year (its goals per account and market, each beside the
result of every quarter's evaluation report, and the plan's text) and the list of plans.
The labels here are shared by the evaluation report and market brief pages."""

from __future__ import annotations

from ..model.entities import Figure, Plan, Repository
from ..reports.kpis import KPIS
from .campaigns import document_pages
from .context import Output, Site
from .feeds import account_label
from .posts import labels, person_name, translated, up

PLANNING_LABELS = {
    "plans": "Annual plans", "plan": "Plan", "year": "Year", "owner": "Owner", "approved": "Approved",
    "not_approved": "not approved", "goals": "Goals", "for": "For", "kpi": "KPI", "target": "Target for the year",
    "no_plans": "No annual plan yet: write content/plans/<year>.md.", "no_goals": "No goals set.",
    "plan_text": "The plan", "not_set": "not set", "none": "none", "account": "Account", "market": "Market",
    "not_in_accounts": "not in accounts.yaml", "no_report": "no report",
    "evaluations": "Evaluation reports", "evaluation": "Evaluation", "period": "Period", "result": "Result",
    "share": "Against the year's target", "points": "points", "actions": "Improvement actions", "action": "Action", "due": "Due",
    "status": "Status", "done_on": "Done on", "action_open": "open", "action_done": "done", "overdue": "overdue",
    "no_actions": "No improvement actions.", "no_evaluations": "No evaluation reports yet: write content/reports/<yyyy>-q<n>.md.",
    "results": "Results against the plan", "no_results": "No results given.", "open_actions": "Open actions",
    "report_text": "The report", "no_plan_for_year": "No annual plan for this year: nothing to measure against.",
    "markets": "Markets", "brief": "Market brief", "reviewed": "Last reviewed", "next_review": "Next review due",
    "review_overdue": "review overdue", "no_brief": "no brief", "accounts": "Accounts", "languages": "Languages",
    "content_mix": "Content mix", "theme": "Theme", "format": "Format", "posts": "Posts", "share_of_posts": "Share",
    "no_theme": "no theme", "no_format": "no format", "no_posts": "No scheduled or published posts.",
    "mix_note": "Scheduled and published posts of the market's accounts.", "no_markets": "No markets yet.",
    "brief_missing": "This market has accounts but no brief: write content/markets/<code>.md.",
}


def planning_labels(site: Site) -> dict[str, str]:
    """The fixed strings of the plan, evaluation and market pages, with the shared findings labels."""
    return {**labels(site), **translated(site, PLANNING_LABELS)}


def number(value: float, kpi: str) -> str:
    """A goal or result as people read it: thousands separated, a percent sign for rates."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return text + " %" if KPIS.get(kpi) and KPIS[kpi].unit == "percent" else text


def kpi_name(site: Site, kpi: str) -> str:
    """The KPI's name in the site's language (the reports' catalogue translates every
    name); an id that is no KPI as written (its finding says so)."""
    return site.gettext(KPIS[kpi].name) if kpi in KPIS else kpi


def figure_owner(repo: Repository, figure: Figure, root: str) -> tuple[str, str | None]:
    """The account's or market's name, and the url of its page (none for an unknown account)."""
    if figure.scope == "markets":
        return figure.owner, f"{root}markets/{figure.owner}.html" if figure.owner in market_codes(repo) else None
    account = repo.accounts.get(figure.owner)
    return (account_label(account), f"{root}accounts/{figure.owner}.html") if account else (figure.owner, None)


def market_codes(repo: Repository) -> list[str]:
    """The markets with a page: those with a brief or with an account not retired, in order."""
    operated = {account.market for account in repo.accounts.values() if account.market and account.status != "retired"}
    return sorted(set(repo.markets) | operated)


def pages(site: Site) -> dict[str, Output]:
    t = planning_labels(site)
    return document_pages(site, "plans", sorted(site.repo.plans.values(), key=lambda plan: plan.id, reverse=True),
                          "plan.md.j2", lambda plan, page: _view(site, plan, page, t), t)


def _view(site: Site, plan: Plan, page: str, t: dict[str, str]) -> dict[str, object]:
    repo, root = site.repo, up(page)
    quarters = [f"{plan.id}-q{quarter}" for quarter in range(1, 5)]
    results = {key: {(f.scope, f.owner, f.kpi): f.value for f in repo.reports[key].figures("results")}
               for key in quarters if key in repo.reports}
    goals = []
    for goal in plan.figures("goals"):
        name, url = figure_owner(repo, goal, root)
        by_quarter = [number(results[key][(goal.scope, goal.owner, goal.kpi)], goal.kpi)
                      if key in results and (goal.scope, goal.owner, goal.kpi) in results[key] else "" for key in quarters]
        goals.append({"name": name, "url": url, "kpi": kpi_name(site, goal.kpi), "target": number(goal.value, goal.kpi),
                      "quarters": by_quarter})
    approved = plan.meta.get("approved")
    return {
        "t": t, "plan": plan, "title": plan.meta.get("title", plan.id), "url": f"{root}{page[:-3]}.html",
        "owner": person_name(repo, plan.meta.get("owner")), "goals": goals, "goal_count": len(goals),
        # each field of `approved` is there only if valid (the schema finding says what is wrong)
        "approved": {"by": person_name(repo, approved.get("by")), "date": approved.get("date", "")} if approved else None,
        "quarters": [(f"Q{index + 1}", f"{root}evaluations/{key}.html" if key in repo.reports else None)
                     for index, key in enumerate(quarters)],
        "findings": site.findings_for(plan.path), "rules_url": root + "rules.html",
    }
