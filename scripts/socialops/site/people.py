"""The people page: who holds which role on which account (permissions.yaml's grants,
teams expanded), the five roles of policy §2 and their duties, and each person's
training: their courses, the topics their duties need (the training rule's option) and
when each expires."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model.entities import Person, Repository
from ..rules import registry, training
from .accounts import GRANT_ROLES, Due, display_name, training_due
from .context import Output, Site

ROLES = ("director", "content", "publishing", "community", "analytics")  # policy §2.1, in its order


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    accounts = sorted(repo.accounts, key=lambda account_id: (display_name(repo, account_id), account_id))
    grants = _grants_by_person(repo)
    approvers = set(repo.sensitive_approvers)
    handles = sorted(set(repo.people) | set(grants) | approvers,
                     key=lambda handle: (repo.people[handle].name if handle in repo.people else handle, handle))
    today = site.now.date()
    needs = training.needs(repo, registry.configure(repo.policy.data.get("rules", {}))[training.ID].options["duties"])
    rows = [_row(repo, handle, accounts, grants.get(handle, {}), handle in approvers, needs.get(handle), today)
            for handle in handles]
    columns = [{"id": account_id, "name": display_name(repo, account_id),
                "platform": repo.accounts[account_id].platform or ""} for account_id in accounts]
    holders = {role: [row for row in rows if role in row["roles"]] for role in ROLES}
    page = "people.md"
    return {page: Output(site.render("people.md.j2", page, rows=rows, columns=columns, holders=holders,
                                     training_days=repo.policy.interval("training_valid_days", 365)))}


def _grants_by_person(repo: Repository) -> dict[str, dict[str, list[str]]]:
    """handle -> account id -> the grant lists (writers, reviewers...) that name them."""
    found: dict[str, dict[str, list[str]]] = {}
    for account_id, grant in repo.grants.items():
        for role in GRANT_ROLES:
            for handle in repo.members(getattr(grant, role)):
                found.setdefault(handle, {}).setdefault(account_id, []).append(role)
    return found


def _row(repo: Repository, handle: str, accounts: list[str], grants: dict[str, list[str]], approver: bool,
         need: training.Need | None, today: date) -> dict[str, Any]:
    person = repo.people.get(handle)
    trained = person.last_trained if person else None
    return {
        "handle": handle,
        "name": person.name if person else "",
        "known": person is not None,
        "roles": person.roles if person else [],
        "approver": approver,
        "cells": [grants.get(account_id, []) for account_id in accounts],
        "trained": trained,
        "due": training_due(repo, trained, today),
        "needs_training": need is not None,
        "needs_any": need is not None and need.any_course,
        "duties": need.duties if need else [],
        "courses": [{"course": record.course, "topics": record.topics, "day": record.day}
                    for record in sorted(person.training, key=lambda record: record.day, reverse=True)]
        if person else [],
        "topics": _topic_dues(repo, person, need, today),
    }


def _topic_dues(repo: Repository, person: Person | None, need: training.Need | None,
                today: date) -> list[dict[str, Any]]:
    """Each topic the person's duties need, with when its latest course expires (None: never taken)."""
    if person is None or need is None:
        return []
    valid = repo.policy.interval("training_valid_days", 365)
    return [{"topic": state.topic, "due": Due.after(state.last, valid, 0, today) if state.last else None}
            for state in training.topic_states(person, need, valid, today)]
