"""The GitHub workflows: valid, safe, least privilege, pinned, and they publish only what passed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from conftest import validate as run_validate

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v(\d+\.\d+\.\d+)$")


def workflow(name: str) -> dict[str, Any]:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))


def triggers(flow: dict[str, Any]) -> dict[str, Any]:
    return flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as true


def tool(name: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / name), *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def steps_running(job: dict[str, Any], command: str) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if command in s.get("run", "")]


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    (step,) = [s for s in job["steps"] if s.get("uses", "").startswith(f"{action}@")]
    return step


# --- Linted offline -------------------------------------------------------------------------------


def test_there_is_a_workflow_for_pull_requests_publishing_links_and_the_official_data() -> None:
    assert [p.name for p in WORKFLOWS] == [
        "links.yml",
        "publish.yml",
        "pull-request.yml",
        "sync.yml",
    ]


def test_every_workflow_is_valid_against_githubs_schema() -> None:
    result = tool(
        "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_dependabot_configuration_is_valid_against_its_schema() -> None:
    result = tool(
        "check-jsonschema", "--builtin-schema", "vendor.dependabot", str(GITHUB / "dependabot.yml")
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_not_even_with_its_pedantic_audits() -> None:
    result = tool("zizmor", "--offline", "--persona=pedantic", "--no-progress", str(GITHUB))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report. Good job!" in result.stdout


def test_actionlint_finds_nothing_where_it_is_installed() -> None:
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed here (its PyPI package builds only online)")
    result = subprocess.run(
        [actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- Pinned actions -------------------------------------------------------------------------------


def test_every_action_is_pinned_to_a_full_commit_with_its_version_beside_it() -> None:
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(- )?uses:", line):
                assert PINNED.match(line), f"{path.name}:{number}: {line.strip()}"


def test_each_action_is_pinned_to_the_same_commit_everywhere() -> None:
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := PINNED.match(line):
                pins.setdefault(match[1], set()).add((match[2], match[3]))
    assert {action: len(found) for action, found in pins.items()} == {
        "actions/checkout": 1,
        "actions/setup-python": 1,
        "actions/upload-artifact": 1,
        "actions/download-artifact": 1,
        "actions/configure-pages": 1,
        "actions/upload-pages-artifact": 1,
        "actions/deploy-pages": 1,
    }


# --- Least privilege ------------------------------------------------------------------------------


def test_every_workflow_starts_with_read_only_contents() -> None:
    for path in WORKFLOWS:
        assert workflow(path.name)["permissions"] == {"contents": "read"}, path.name


def test_only_the_deploy_job_and_the_sync_pull_request_job_may_write() -> None:
    granted = {
        (path.name, name): job.get("permissions", {})
        for path in WORKFLOWS
        for name, job in workflow(path.name)["jobs"].items()
    }
    writers = {key for key, perms in granted.items() if "write" in perms.values()}
    assert writers == {("publish.yml", "deploy"), ("sync.yml", "pull-request")}
    assert granted[("publish.yml", "deploy")] == {"pages": "write", "id-token": "write"}
    assert granted[("sync.yml", "pull-request")] == {"contents": "write", "pull-requests": "write"}
    assert granted[("publish.yml", "build")] == {"contents": "read", "pages": "read"}


def test_no_checkout_keeps_the_token_on_disk() -> None:
    for path in WORKFLOWS:
        for job in workflow(path.name)["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_no_expression_is_pasted_into_a_shell_command() -> None:
    for path in WORKFLOWS:
        for job in workflow(path.name)["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


# --- Pull requests --------------------------------------------------------------------------------


def test_pull_requests_validate_build_strictly_upload_a_preview_and_test() -> None:
    flow = workflow("pull-request.yml")
    assert triggers(flow) == {"pull_request": {"branches": ["main"]}}
    check, test = flow["jobs"]["check"], flow["jobs"]["test"]
    assert [s["run"] for s in steps_running(check, "scripts/validate")] == ["scripts/validate"]
    assert [s["run"] for s in steps_running(check, "mkdocs build")] == [
        ".venv/bin/python -m mkdocs build --strict"
    ]
    upload = step_using(check, "actions/upload-artifact")
    assert upload["with"]["path"] == "site/"
    assert upload["with"]["name"] == "forhandsvisning-pr-${{ github.event.pull_request.number }}"
    assert test["needs"] == "check"
    assert steps_running(test, "scripts/test")


def test_the_preview_comes_with_instructions_in_the_job_summary() -> None:
    check = workflow("pull-request.yml")["jobs"]["check"]
    (step,) = steps_running(check, "GITHUB_STEP_SUMMARY")
    assert "python3 -m http.server" in step["run"]
    assert "http://localhost:8000" in step["run"]


def test_the_validator_prints_the_annotation_the_workflow_shows_on_the_line(
    data_copy: Path,
) -> None:
    path = data_copy / "programmes/alfa-teknik.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: gymnasium", "level: gymnasiet"),
        encoding="utf-8",
    )
    result = run_validate(data_copy, github=True)
    assert result.returncode == 1
    assert (
        f"::error file={path},line=4,title=Ogiltig data::level: 'gymnasiet' är inte ett tillåtet "
        "värde — tillåtna värden: gymnasium, vuxenutbildning, yrkeshogskola eller larling"
    ) in result.stdout.splitlines()


def test_in_the_job_summary_every_problem_is_a_table_row(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "programmes/alfa-teknik.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("provider: alfaskolan", "provider: alfaskola"),
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    env["TCV_BUILD_DATE"] = "2026-07-01"
    subprocess.run(
        [sys.executable, "-m", "tcv", "validate", "--data", str(data_copy)],
        env=env,
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    rows = summary.read_text(encoding="utf-8").splitlines()
    assert (
        f"| {path} | 3 | provider | anordnaren 'alfaskola' finns inte — menade du 'alfaskolan'? "
        "(id:n finns i data/providers/) |" in rows
    )


# --- Publishing -----------------------------------------------------------------------------------


def test_the_site_is_published_from_main_every_night_and_by_hand() -> None:
    on = triggers(workflow("publish.yml"))
    assert on["push"] == {"branches": ["main"]}
    assert [entry["cron"] for entry in on["schedule"]] == ["17 3 * * *"]
    assert "workflow_dispatch" in on


def test_two_deployments_never_race() -> None:
    assert workflow("publish.yml")["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_nothing_is_deployed_unless_the_data_the_build_and_the_tests_pass() -> None:
    jobs = workflow("publish.yml")["jobs"]
    assert jobs["deploy"]["needs"] == ["build", "test"]
    build = jobs["build"]
    runs = [s.get("run") or s["uses"].split("@")[0] for s in build["steps"][2:]]
    assert runs == [
        "python -m venv .venv",
        "scripts/validate",
        "actions/configure-pages",
        ".venv/bin/python -m mkdocs build --strict",
        "actions/upload-pages-artifact",
    ]
    assert steps_running(jobs["test"], "scripts/test")
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_the_deploy_build_gets_the_addresses_through_env() -> None:
    build = workflow("publish.yml")["jobs"]["build"]
    (step,) = steps_running(build, "mkdocs build")
    assert step["env"] == {
        "TCV_SITE_URL": "${{ steps.pages.outputs.base_url }}",
        "TCV_REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
    }
    assert step_using(build, "actions/configure-pages")["id"] == "pages"
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [TCV_SITE_URL" in mkdocs_yml
    assert "repo_url: !ENV [TCV_REPO_URL" in mkdocs_yml


def test_every_job_runs_on_ubuntu_2404_with_python_311() -> None:
    for path in WORKFLOWS:
        for name, job in workflow(path.name)["jobs"].items():
            assert job["runs-on"] == "ubuntu-24.04", (path.name, name)
            assert job.get("timeout-minutes"), (path.name, name)
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/setup-python@"):
                    assert step["with"] == {"python-version": "3.11"}


# --- Upkeep ---------------------------------------------------------------------------------------


def test_external_links_are_checked_weekly_apart_from_publishing() -> None:
    flow = workflow("links.yml")
    assert [entry["cron"] for entry in triggers(flow)["schedule"]] == ["23 5 * * 1"]
    (job,) = flow["jobs"].values()
    assert [s["run"] for s in steps_running(job, "tcv links")] == [".venv/bin/python -m tcv links"]


def test_dependabot_proposes_actions_python_and_npm_updates_weekly() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert [
        (u["package-ecosystem"], u["directory"], u["schedule"]["interval"])
        for u in config["updates"]
    ] == [
        ("github-actions", "/", "weekly"),
        ("pip", "/", "weekly"),
        ("npm", "/", "weekly"),
    ]


def test_exact_pins_in_pyproject_agree_with_both_lock_files() -> None:
    """A pull request that bumps a pin in pyproject.toml alone (as Dependabot would while the
    lock files are out of its sight) fails here instead of testing the old version."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [
        d
        for group in [project["dependencies"], *project["optional-dependencies"].values()]
        for d in group
        if "==" in d
    ]
    assert wanted
    for lock in ("requirements.txt", "requirements-test.txt"):
        text = (ROOT / lock).read_text(encoding="utf-8").lower()
        for pin in wanted:
            assert re.search(rf"^{re.escape(pin.lower())} ", text, re.M), (lock, pin)


def test_codeowners_and_the_pull_request_template_exist() -> None:
    owners = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/data/                  @tcv-vasterbotten/redaktorer" in owners
    assert "*                       @tcv-vasterbotten/utvecklare" in owners
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") == 6
