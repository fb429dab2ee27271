"""A small, polite HTTP client for the sync: JSON only, timeouts, retries with exponential backoff
on server errors and timeouts, a pause between requests and a User-Agent that says who asks."""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from pydantic import BaseModel, ConfigDict, ValidationError

RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 60.0


class SyncError(Exception):
    """Stops the sync. Its message is one Swedish line for the person running it."""


class ApiModel(BaseModel):
    """An answer as an API sends it: fields we do not keep are ignored, the ones we keep must
    be there with the right type."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: Any, url: str) -> M:
    """`data` read as `model`, or a SyncError naming the first field that does not fit."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise SyncError(
            f"svaret från {url} har inte det väntade formatet: {_first(error)}"
        ) from None


def _first(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "svaret"
    if first["type"] == "missing":
        return f"{where} saknas"
    shown = repr(first.get("input"))[:60]
    return f"{where} har ett oväntat värde {shown} ({first['msg']})"


@dataclass
class HttpClient:
    user_agent: str
    delay: float = 1.0  # seconds between the start of two requests to the same source
    retry_wait: float = 2.0  # first wait before a retry; doubled for each further retry
    retries: int = 3
    timeout: float = 30.0
    requests: list[str] = field(default_factory=list)  # every request made, retries included
    _last: float = field(default=0.0, repr=False)

    def get_json(
        self,
        url: str,
        *,
        accept: str = "application/json",
        params: Sequence[tuple[str, str]] = (),
        missing_ok: bool = False,
    ) -> Any:
        """The decoded JSON at `url`; None for a 404 when `missing_ok`. Raises SyncError."""
        full = f"{url}?{urlencode(list(params))}" if params else url
        request = Request(full, headers={"Accept": accept, "User-Agent": self.user_agent})
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            self._pause()
            self.requests.append(full)
            try:
                with urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
            except HTTPError as error:
                if error.code == 404 and missing_ok:
                    return None
                if error.code in RETRY_STATUSES and not last:
                    self._wait(attempt, error.headers.get("Retry-After"))
                    continue
                raise SyncError(
                    f"{_host(full)} svarade {error.code} {error.reason} på {full}"
                ) from None
            except (TimeoutError, ConnectionError, http.client.HTTPException) as error:
                if not last:
                    self._wait(attempt)
                    continue
                raise SyncError(
                    f"{_host(full)} svarade inte ({_reason(error)}) på {full}"
                ) from None
            except URLError as error:
                if _transient(error.reason) and not last:
                    self._wait(attempt)
                    continue
                raise SyncError(
                    f"kunde inte nå {_host(full)} ({_reason(error.reason)}; finns det en "
                    "nätverksförbindelse?)"
                ) from None
            try:
                return json.loads(body)
            except ValueError:
                raise SyncError(f"svaret från {full} är inte JSON") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _pause(self) -> None:
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()

    def _wait(self, attempt: int, retry_after: str | None = None) -> None:
        wait = self.retry_wait * 2**attempt
        if retry_after and retry_after.strip().isdigit():
            wait = max(wait, min(float(retry_after), MAX_RETRY_AFTER))
        time.sleep(wait)


def _transient(reason: object) -> bool:
    return isinstance(reason, (TimeoutError, ConnectionResetError, ConnectionAbortedError))


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "värdnamnet gick inte att slå upp"
    if isinstance(reason, ConnectionRefusedError):
        return "anslutningen nekades"
    if isinstance(reason, TimeoutError):
        return "tidsgränsen gick ut"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
