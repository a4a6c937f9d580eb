"""The pull request template carries the audit checklist (policy 4.3.2), and the issue
forms satisfy the rules of GitHub's form schema that GitHub enforces when it reads them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FORMS = sorted(path for path in TEMPLATES.glob("*.yml") if path.name != "config.yml")
ELEMENT_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
TOP_LEVEL = {"name", "description", "body", "title", "labels", "assignees", "projects", "type"}
# attributes each element type accepts, and those it needs
ATTRIBUTES = {
    "markdown": ({"value"}, {"value"}),
    "input": ({"label", "description", "placeholder", "value"}, {"label"}),
    "textarea": ({"label", "description", "placeholder", "value", "render"}, {"label"}),
    "dropdown": ({"label", "description", "multiple", "options", "default"}, {"label", "options"}),
    "checkboxes": ({"label", "description", "options"}, {"label", "options"}),
}
CHECKLIST = {"Lawful": "合法", "True": "真实", "Accurate": "准确", "Compliant": "合规", "Positive": "积极",
             "On-brand": "符合品牌调性"}


def test_the_expected_forms_exist() -> None:
    assert {path.name for path in FORMS} == {"new-account.yml", "permission-change.yml", "incident-report.yml"}


@pytest.mark.parametrize("path", FORMS, ids=lambda path: path.name)
def test_form_follows_githubs_form_schema(path: Path) -> None:
    form = yaml.safe_load(path.read_text("utf-8"))
    assert {"name", "description", "body"} <= set(form) <= TOP_LEVEL
    assert all(isinstance(form[key], str) and form[key].strip() for key in ("name", "description"))
    assert isinstance(form["body"], list) and form["body"]
    ids: list[str] = []
    labels: list[str] = []
    for element in form["body"]:
        kind = element.get("type")
        assert kind in ELEMENT_TYPES, element
        assert set(element) <= {"type", "id", "attributes", "validations"}, element
        allowed, needed = ATTRIBUTES[kind]
        attributes = element["attributes"]
        assert needed <= set(attributes) <= allowed, element
        if kind == "markdown":
            assert "id" not in element and "validations" not in element
            continue
        if "id" in element:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), element["id"]
            ids.append(element["id"])
        labels.append(attributes["label"])
        if kind == "checkboxes":
            assert "validations" not in element  # GitHub takes `required` per option here
            assert attributes["options"] and all(set(option) <= {"label", "required"} and option["label"]
                                                 for option in attributes["options"])
        if kind == "dropdown":
            options = attributes["options"]
            assert options and all(isinstance(option, str) and option.strip() for option in options)
            assert len(set(options)) == len(options) and "None" not in options  # "None" is GitHub's own
        if "validations" in element:
            assert set(element["validations"]) == {"required"}
            assert isinstance(element["validations"]["required"], bool)
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert len(labels) == len(set(labels)), "labels must be unique"
    assert any(element["type"] != "markdown" for element in form["body"])


def test_the_platform_choices_are_the_accounts_schema_platforms() -> None:
    schema = json.loads((ROOT / "scripts/socialops/schemas/accounts.schema.json").read_text("utf-8"))
    platforms = schema["$defs"]["account"]["properties"]["platform"]["enum"]
    form = yaml.safe_load((TEMPLATES / "new-account.yml").read_text("utf-8"))
    [dropdown] = [element for element in form["body"] if element.get("id") == "platform"]
    assert dropdown["attributes"]["options"] == platforms


def test_the_forms_never_ask_for_a_password() -> None:
    for path in FORMS:
        for element in yaml.safe_load(path.read_text("utf-8"))["body"]:
            if element["type"] in ("input", "textarea"):
                assert "password" not in element["attributes"]["label"].lower(), path.name


def test_the_readme_says_to_create_every_label_the_forms_use() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    setup = readme[readme.index("## Setting up GitHub for a new team"):]
    for path in FORMS:
        for label in yaml.safe_load(path.read_text("utf-8")).get("labels", []):
            assert f"`{label}`" in setup.split("2. ")[0], (path.name, label)


def test_the_chooser_has_no_blank_issues() -> None:
    assert yaml.safe_load((TEMPLATES / "config.yml").read_text("utf-8")) == {"blank_issues_enabled": False}


def test_the_pull_request_template_has_the_audit_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text("utf-8")
    items = re.findall(r"^- \[ \] \*\*([\w-]+)\*\* \((\w+)\): \S.+$", text, re.MULTILINE)
    assert dict(items) == CHECKLIST
    assert "director" in text and "socialops/review-gate" in text and "preview" in text
