"""The people page: who holds which role on which account (permissions.yaml's grants,
teams expanded), the five roles of policy §2 and their duties, and each person's
compliance training with the date it expires."""

from __future__ import annotations

from typing import Any

from ..model.entities import Repository
from .accounts import GRANT_ROLES, display_name, training_due
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
    rows = [_row(repo, handle, accounts, grants.get(handle, {}), handle in approvers, today) for handle in handles]
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
         today) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    person = repo.people.get(handle)
    trained = person.training if person else None
    # the training rule's duties: who reviews, publishes or approves must be trained
    needs_training = approver or any({"reviewers", "publishers"} & set(roles) for roles in grants.values())
    return {
        "handle": handle,
        "name": person.name if person else "",
        "known": person is not None,
        "roles": person.roles if person else [],
        "approver": approver,
        "cells": [grants.get(account_id, []) for account_id in accounts],
        "trained": trained,
        "due": training_due(repo, trained, today),
        "needs_training": needs_training,
    }
