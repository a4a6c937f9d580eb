"""Everyone with a duty on an account has current training in the topics it needs.

Policy 4.3.3 (reviewers are competent) and 7.1 (regular training in advertising law,
IP, data protection, consumer rights, platform rules). A person's `training` in
permissions.yaml is a list of courses: `{course, topics, date}`. The option `duties`
says which duties need training and in which topics: writers, reviewers, publishers,
responders (from the grants) and approvers (sensitive_approvers). A topic counts while
its latest course is no older than `intervals.training_valid_days`; a duty with no
topics ([]) needs a current course of any topic. By default reviewers, publishers and
approvers need one; policy.yaml can ask writers and responders too, by topic.

The older single date (`training: 2026-01-10`) is still read, as a course of no named
topic: it counts where any topic does, never for a named one.

Fix: take the course, then add it to the person's `training` list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from ..model.entities import Person, Repository
from ..model.layout import PERMISSIONS
from .base import Context, Example, Hit

ID = "training"
SECTION = "7.1"
LEVEL = "error"
TOPICS = ("advertising-law", "ip", "data-protection", "consumer-rights", "platform-rules", "crisis-response",
          "account-security")
# duty -> what the person does, for messages; grants' lists, then the sensitive approvers
DUTIES = {"writers": "writes", "reviewers": "reviews", "publishers": "publishes",
          "responders": "answers comments", "approvers": "approves sensitive posts"}
OPTIONS: dict = {
    "duties": {
        "description": "Which duties need current training, and in which topics ([]: a course of any topic). "
                       "Listing this option replaces the default as a whole.",
        "type": "object",
        "additionalProperties": False,
        "properties": {duty: {"type": "array", "items": {"enum": list(TOPICS)}, "uniqueItems": True}
                       for duty in DUTIES},
        "default": {"reviewers": [], "publishers": [], "approvers": []},
    },
}
NEEDS = (PERMISSIONS,)
_GRANTS = "grants:\n  acme-us-x: {writers: [alice], reviewers: [dana]}\n"
EXAMPLES = [
    Example("Trained this year", {"permissions.yaml": "people:\n  alice: {name: Alice, roles: [content]}\n"
                                  "  dana:\n    name: Dana\n    roles: [director]\n    training:\n"
                                  "      - {course: Advertising law, topics: [advertising-law], date: 2026-01-10}\n"
                                  + _GRANTS}, True),
    Example("Reviewer never trained", {"permissions.yaml": "people:\n  alice: {name: Alice, roles: [content]}\n"
                                       "  dana: {name: Dana, roles: [director]}\n" + _GRANTS}, False, (3,)),
    Example("Writer without the topic policy asks of writers",
            {"permissions.yaml": "people:\n  alice:\n    name: Alice\n    roles: [content]\n    training:\n"
                                 "      - {course: Platform rules, topics: [platform-rules], date: 2026-01-10}\n"
                                 "  dana: {name: Dana, roles: [director], training: 2026-01-10}\n" + _GRANTS},
            False, (2,), options={"duties": {"writers": ["advertising-law"], "reviewers": []}}),
]


@dataclass
class Need:
    """What one person's duties ask of their training."""

    duties: list[str] = field(default_factory=list)  # keys of DUTIES, in its order
    topics: list[str] = field(default_factory=list)  # named topics, in TOPICS' order
    any_course: bool = False  # a duty asks for a current course of any topic

    @property
    def doing(self) -> str:
        return " and ".join(DUTIES[duty] for duty in self.duties)


@dataclass(frozen=True)
class TopicState:
    """A required topic and the latest course that covered it."""

    topic: str
    last: date | None
    current: bool


def needs(repo: Repository, duties: dict[str, list[str]]) -> dict[str, Need]:
    """handle -> what their duties ask, for everyone with a duty `duties` lists."""
    holders: dict[str, set[str]] = {}
    for grant in repo.grants.values():
        for duty in ("writers", "reviewers", "publishers", "responders"):
            for handle in repo.members(getattr(grant, duty)):
                holders.setdefault(handle, set()).add(duty)
    for handle in repo.sensitive_approvers:
        holders.setdefault(handle, set()).add("approvers")
    found: dict[str, Need] = {}
    for handle, held in holders.items():
        asked = [duty for duty in DUTIES if duty in held and duty in duties]
        if not asked:
            continue
        topics = {topic for duty in asked for topic in duties[duty]}
        found[handle] = Need(asked, [topic for topic in TOPICS if topic in topics],
                             any(not duties[duty] for duty in asked))
    return found


def topic_states(person: Person, need: Need, valid: int, today: date) -> list[TopicState]:
    """Each named topic the person needs, with its latest course and whether it is current."""
    states = []
    for topic in need.topics:
        last = person.last_trained_in(topic)
        states.append(TopicState(topic, last, last is not None and (today - last).days <= valid))
    return states


def check(ctx: Context) -> Iterator[Hit]:
    valid = ctx.repo.policy.interval("training_valid_days", 365)
    today = ctx.now.date()
    for handle, need in sorted(needs(ctx.repo, ctx.options["duties"]).items()):
        person = ctx.repo.people.get(handle)
        if person is None:
            continue  # the references rule reports unknown people
        yield from _any_course(person, need, valid, today)
        yield from _topics(person, need, valid, today)


def _any_course(person: Person, need: Need, valid: int, today: date) -> Iterator[Hit]:
    if not need.any_course:
        return
    last = person.last_trained
    if last is None:
        yield Hit(PERMISSIONS, person.line, f"{person.handle} {need.doing} but has no training record",
                  "take the compliance training, then add it: training: [{course: ..., topics: [...], date: ...}]")
    elif (today - last).days > valid:
        yield Hit(PERMISSIONS, person.line,
                  f"{person.handle} {need.doing} but was last trained on {last} (valid {valid} days)",
                  "renew the compliance training, then add the course to training")


def _topics(person: Person, need: Need, valid: int, today: date) -> Iterator[Hit]:
    lacking = [state for state in topic_states(person, need, valid, today) if not state.current]
    if not lacking:
        return
    listed = ", ".join(f"{state.topic} (last {state.last})" if state.last else f"{state.topic} (never)"
                       for state in lacking)
    hint = (f"take a course covering {', '.join(state.topic for state in lacking)}, then add it to training: "
            "{course: ..., topics: [...], date: ...}")
    if any(not record.topics for record in person.training):
        hint += "; the single training date names no topic: list each course with the topics it covered"
    yield Hit(PERMISSIONS, person.line,
              f"{person.handle} {need.doing} but lacks current training (valid {valid} days) in {listed}", hint)
