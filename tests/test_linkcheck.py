"""The weekly check of external links, tested offline against a server on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from tcv import linkcheck
from tcv.linkcheck import Link, Result, check_url, check_urls, dead_link_problems, find_links

from conftest import ROOT

NO_PROXY = {"no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"}


class Handler(BaseHTTPRequestHandler):
    """/levande answers, /borta is gone, /bara-get refuses HEAD, /langsam takes its time."""

    seen: ClassVar[list[tuple[str, str, str]]] = []  # (method, path, User-Agent)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        self.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/langsam":
            time.sleep(2)
        status = {"/levande": 200, "/langsam": 200, "/borta": 404}.get(self.path, 404)
        if self.path == "/bara-get":
            status = 405 if self.command == "HEAD" else 200
        body = b"ok\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name, value in NO_PROXY.items():
        monkeypatch.setenv(name, value)
    Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Asking ---------------------------------------------------------------------------------------


def test_a_live_address_answers_the_first_head_request(server: str) -> None:
    assert check_url(f"{server}/levande", agent="test") == Result(
        f"{server}/levande", True, "", "HEAD"
    )
    assert [(m, p) for m, p, _ in Handler.seen] == [("HEAD", "/levande")]


def test_a_dead_address_is_tried_with_get_too_and_reported_with_its_status(server: str) -> None:
    assert check_url(f"{server}/borta", agent="test") == Result(
        f"{server}/borta", False, "svarar 404 (sidan finns inte)", "GET"
    )
    assert [(m, p) for m, p, _ in Handler.seen] == [("HEAD", "/borta"), ("GET", "/borta")]


def test_a_server_that_refuses_head_is_asked_with_get(server: str) -> None:
    assert check_url(f"{server}/bara-get", agent="test") == Result(
        f"{server}/bara-get", True, "", "GET"
    )


def test_every_request_says_who_is_asking(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TCV_REPO_URL", "https://github.com/exempel/tcv")
    check_url(f"{server}/levande")
    assert Handler.seen[0][2] == (
        "TCV-lankkontroll/1.0 (Teknikcollege Västerbottens veckovisa kontroll av länkar i "
        "webbplatsens data; https://github.com/exempel/tcv)"
    )


def test_an_address_where_nobody_listens_is_dead() -> None:
    url = f"http://127.0.0.1:{closed_port()}/"
    assert check_url(url, agent="test", timeout=2) == Result(
        url, False, "servern vägrar ansluta", "GET"
    )


def test_a_server_that_does_not_answer_in_time_is_dead(server: str) -> None:
    assert check_url(f"{server}/langsam", agent="test", timeout=0.5) == Result(
        f"{server}/langsam", False, "svarade inte inom 0,5 sekunder", "GET"
    )


def test_each_address_is_asked_once_however_often_it_is_written(server: str) -> None:
    urls = [f"{server}/levande", f"{server}/borta", f"{server}/levande", f"{server}/bara-get"]
    results = check_urls(urls, agent="test", workers=3)
    assert {url: r.ok for url, r in results.items()} == {
        f"{server}/bara-get": True,
        f"{server}/borta": False,
        f"{server}/levande": True,
    }
    assert sorted(p for m, p, _ in Handler.seen if p == "/levande") == ["/levande"]


# --- Finding and reporting ------------------------------------------------------------------------


def test_links_are_found_with_the_file_line_and_field_they_stand_on(data_copy: Path) -> None:
    found = [
        ("programmes/alfa-industri.yml", 14, "certification.source.url", "https://exempelradet.example.se/beslut-alfa-in"),
        ("programmes/alfa-teknik.yml", 16, "certification.source.url", "https://exempelradet.example.se/beslut-alfa-te"),
        ("programmes/alfa-teknik.yml", 28, "sources.0.url", "https://alfaskolan.example.se/teknik"),
        ("programmes/beta-automation.yml", 19, "apply.how", "https://betavux.example.se"),
        ("providers/alfaskolan.yml", 5, "website", "https://alfaskolan.example.se"),
        ("providers/betavux.yml", 8, "sources.0.url", "https://betatidningen.example.se/betavux"),
    ]  # fmt: skip
    assert find_links(data_copy) == [
        Link(str(data_copy / path), line, field, url) for path, line, field, url in found
    ]


def test_a_dead_link_is_a_warning_in_the_editors_format() -> None:
    link = Link("data/providers/alfaskolan.yml", 5, "website", "https://alfaskolan.example.se")
    result = Result(link.url, False, "svarar 404 (sidan finns inte)", "GET")
    (problem,) = dead_link_problems([link], {link.url: result})
    assert str(problem) == (
        "data/providers/alfaskolan.yml:5: varning: website: länken https://alfaskolan.example.se "
        "svarar 404 (sidan finns inte) — öppna adressen i en webbläsare; rätta den, byt till en "
        "som fungerar eller ta bort den"
    )
    assert problem.github_annotation().startswith(
        "::warning file=data/providers/alfaskolan.yml,line=5,title=Varning i data::website: länken"
    )


def test_live_links_are_not_reported() -> None:
    link = Link("data/region.yml", 9, "owner.website", "https://iucnorr.se")
    assert dead_link_problems([link], {link.url: Result(link.url, True)}) == []


def test_the_command_lists_dead_links_as_annotations_and_in_the_job_summary(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    (data / "providers").mkdir(parents=True)
    url = f"https://127.0.0.1:{closed_port()}/"
    path = data / "providers/stangd.yml"
    path.write_text(
        f"name: Stängda skolan\nmunicipality: alfa\nkind: komvux\nwebsite: {url}\n",
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    env = {**os.environ, **NO_PROXY, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        [sys.executable, "-m", "tcv", "links", "--data", str(data), "--timeout", "5"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    fix = linkcheck.FIX
    assert result.stdout.splitlines() == [
        f"{path}:4: varning: website: länken {url} servern vägrar ansluta — {fix}",
        f"::warning file={path},line=4,title=Varning i data::website: länken {url} servern "
        f"vägrar ansluta — {fix}",
    ]
    assert result.stderr == f"\n1 av 1 externa länkar svarar inte. Rätta dem i {data}.\n"
    assert summary.read_text(encoding="utf-8") == (
        "### Externa länkar som inte svarar\n\n"
        "1 ställe i datan pekar på adresser som inte svarar (1 adress kontrollerad). "
        "Rätta dem i en pull request.\n\n"
        "| Fil | Rad | Fält | Länk och svar |\n|---|---|---|---|\n"
        f"| {path} | 4 | website | {url} servern vägrar ansluta |\n"
    )


def test_with_no_dead_links_the_command_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "tcv", "links", "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == f"Alla 0 externa länkar i {data} svarar.\n"
