"""Check the external links in the data (school and company websites, sources) once a week.

Each address is asked with HEAD, and with GET when HEAD fails (some servers refuse HEAD), with a
timeout, a User-Agent that says who is asking, and a small pool of threads that never sends
more than two requests at a time to one host. Dead links become warnings in the usual
`path:line: fält: problem — vad som vore rätt` form.
"""

from __future__ import annotations

import os
import re
import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .problems import Problem, Severity
from .schemas import data_files
from .yamlsource import YamlFile, read_yaml

TIMEOUT = 15.0
WORKERS = 8
PER_HOST = 2
USER_AGENT = (
    "TCV-lankkontroll/1.0 (Teknikcollege Västerbottens veckovisa kontroll av länkar i "
    "webbplatsens data; {contact})"
)
FIX = "öppna adressen i en webbläsare; rätta den, byt till en som fungerar eller ta bort den"

_URL = re.compile(r"https://[^\s<>\"'()\[\]{}|\\^`]+")
_STATUS_WORDS = {
    401: "kräver inloggning",
    403: "nekar åtkomst",
    404: "sidan finns inte",
    410: "sidan är borttagen",
    429: "ber oss vänta (för många frågor)",
}


@dataclass(frozen=True, order=True)
class Link:
    """An external address and where it is written."""

    path: str
    line: int
    field: str
    url: str


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    reason: str = ""  # why the link is dead, in Swedish
    method: str = "HEAD"  # the request that decided


def user_agent() -> str:
    contact = os.environ.get("TCV_REPO_URL") or "kontakt via IUC Norr"
    return USER_AGENT.format(contact=contact)


# --- Finding the links --------------------------------------------------------------------------


def find_links(data_dir: Path) -> list[Link]:
    """Every https address in the data files: whole values and links inside Markdown text."""
    links: list[Link] = []
    for path, _ in data_files(data_dir):
        source, data, _ = read_yaml(path)
        if data is not None:
            links.extend(_links_in(source, data, ()))
    return sorted(links)


def _links_in(source: YamlFile, value: Any, loc: tuple[str | int, ...]) -> Iterator[Link]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _links_in(source, item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _links_in(source, item, (*loc, index))
    elif isinstance(value, str):
        field = ".".join(str(part) for part in loc)
        for match in _URL.finditer(value):
            url = match.group(0).rstrip(".,;:!?*_")
            yield Link(source.display, source.line_of(loc), field, url)


# --- Asking the servers -------------------------------------------------------------------------


def check_urls(
    urls: Iterable[str],
    *,
    timeout: float = TIMEOUT,
    workers: int = WORKERS,
    agent: str | None = None,
) -> dict[str, Result]:
    """Ask every address once, a few at a time; the answer for each, by address."""
    unique = sorted(set(urls))
    agent = agent or user_agent()
    hosts: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(PER_HOST))
    for url in unique:  # create the semaphores before the threads share the dict
        hosts[urlsplit(url).netloc.lower()]

    def one(url: str) -> Result:
        with hosts[urlsplit(url).netloc.lower()]:
            return check_url(url, timeout=timeout, agent=agent)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(unique, pool.map(one, unique), strict=True))


def check_url(url: str, *, timeout: float = TIMEOUT, agent: str | None = None) -> Result:
    """HEAD first; GET when HEAD is refused or fails, since some servers only answer GET."""
    agent = agent or user_agent()
    head = _ask(url, "HEAD", timeout, agent)
    if head.ok:
        return head
    return _ask(url, "GET", timeout, agent)


def _ask(url: str, method: str, timeout: float, agent: str) -> Result:
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": agent, "Accept": "*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        return Result(url, False, _status_reason(error.code), method)
    except urllib.error.URLError as error:
        return Result(url, False, _error_reason(error.reason, timeout), method)
    except TimeoutError:
        return Result(url, False, _error_reason(TimeoutError(), timeout), method)
    except (OSError, ValueError) as error:
        return Result(url, False, _error_reason(error, timeout), method)
    if status >= 400:
        return Result(url, False, _status_reason(status), method)
    return Result(url, True, "", method)


def _status_reason(code: int) -> str:
    words = _STATUS_WORDS.get(code) or ("fel hos servern" if code >= 500 else "")
    return f"svarar {code}" + (f" ({words})" if words else "")


def _error_reason(reason: Any, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"svarade inte inom {_seconds(timeout)} sekunder"
    if isinstance(reason, socket.gaierror):
        return "adressen finns inte (namnet hittas inte i DNS)"
    if isinstance(reason, ConnectionRefusedError):
        return "servern vägrar ansluta"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return "webbplatsens certifikat är ogiltigt"
    if isinstance(reason, ssl.SSLError):
        return "den säkra anslutningen (TLS) misslyckades"
    return f"gick inte att nå ({reason})"


def _seconds(timeout: float) -> str:
    return str(int(timeout)) if float(timeout).is_integer() else str(timeout).replace(".", ",")


# --- Reporting ----------------------------------------------------------------------------------


def dead_link_problems(links: Iterable[Link], results: dict[str, Result]) -> list[Problem]:
    """A warning for every place a dead address is written."""
    return sorted(
        Problem(
            link.path,
            link.line,
            link.field,
            f"länken {link.url} {results[link.url].reason}",
            FIX,
            severity=Severity.WARNING,
        )
        for link in links
        if not results[link.url].ok
    )


def summary_markdown(problems: list[Problem], checked: int) -> str:
    """The job summary: a table of dead links, or one line saying all of them answer."""
    if not problems:
        return f"### Externa länkar\n\nAlla {checked} externa länkar i datan svarar.\n"
    rows = "".join(
        f"| {p.path} | {p.line} | {p.field} | {p.message.removeprefix('länken ')} |\n"
        for p in problems
    )
    return (
        "### Externa länkar som inte svarar\n\n"
        f"{_count(len(problems), 'ställe', 'ställen')} i datan pekar på adresser som inte "
        f"svarar ({_count(checked, 'adress kontrollerad', 'adresser kontrollerade')}). "
        "Rätta dem i en pull request.\n\n"
        "| Fil | Rad | Fält | Länk och svar |\n|---|---|---|---|\n" + rows
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
