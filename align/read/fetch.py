"""Fetch an article page over http(s): a URL in, the page's bytes and metadata out, within limits.

Only http:// and https:// are fetched, with urllib3 (trafilatura's own HTTP client). Redirects
are followed here, one hop at a time, so that every hop's scheme is checked and the hops are
counted. A page gets `TIMEOUT_SECONDS` in all, whatever it is doing (resolving the host,
connecting, sending headers or trickling its body: the download runs in a worker thread that the
caller stops waiting for at the deadline), at most `MAX_PAGE_BYTES` (reading stops beyond it)
and must be HTML. Every failure is an `InputError` whose message is one line naming the URL and
the cause.

Fetched pages are cached by URL (`PageCache`): the body as received, the final URL and the
content type, one file per URL under `<cache dir>/pages`, so a second run works offline. A cache
file that does not read back whole is ignored and the page fetched again.
"""

from __future__ import annotations

import contextlib
import hashlib
import http
import importlib
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from align.models import InputError
from align.read.decode import looks_like_html
from align.read.sanitize import inert_line
from align.store.atomic_file import write_private
from align.store.folders import PAGES_FOLDER, default_cache_dir
from align.version import __version__

if TYPE_CHECKING:
    import urllib3

# The limits (quoted in the README); read when a page is fetched, so a test can lower them.
TIMEOUT_SECONDS = 15.0
MAX_REDIRECTS = 5
MAX_PAGE_BYTES = 5 * 1024 * 1024

USER_AGENT = f"compare/{__version__} (news article comparison)"

# Anything that looks like a URL (`scheme://`, or `file:`); only http(s) ones are fetched, the
# others are refused rather than read as (missing) file names.
_URL_LIKE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_SCHEMES = ("http", "https")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cms")
_SLUG_UNSAFE = re.compile(r"[^\w.~-]+")
_SLUG_MAX_CHARS = 60
_READ_CHUNK = 64 * 1024
_SHOWN_TARGET_MAX_CHARS = 100

_CACHE_MAGIC = b"compare-page-1\n"
_CACHE_HEADER_MAX_BYTES = 128 * 1024


@dataclass(frozen=True)
class Page:
    """A fetched page: the URL as given, the URL it was finally served from (after redirects),
    its Content-Type header ("" when the server sent none) and its body as received."""

    url: str
    final_url: str
    content_type: str
    body: bytes

    @property
    def charset(self) -> str:
        """The charset the Content-Type header declares, lower case; "" when none."""
        match = _CHARSET.search(self.content_type)
        return match.group(1).lower() if match else ""


# --- recognising URLs -----------------------------------------------------------------------


def url_item(item: object) -> str | None:
    """The URL `item` names when it is one (`https://…`), None when it is a path.

    Raises InputError for a URL of another scheme (`file:`, `ftp://`…) or one that is not valid.
    """
    if not isinstance(item, str) or not (_URL_LIKE.match(item) or item[:5].lower() == "file:"):
        return None
    shown = inert_line(item)
    scheme = item.split(":", 1)[0].lower()
    if scheme not in _SCHEMES:
        raise InputError(f"{shown}: only http:// and https:// URLs are fetched, not {inert_line(scheme)}:")
    if _UNSAFE_IN_URL.search(item):
        raise InputError(f"{shown}: not a valid URL (it contains spaces or control characters)")
    try:
        parts = urlsplit(item)
        host, _ = parts.hostname, parts.port  # the port raises ValueError when out of range
    except ValueError:
        raise InputError(f"{shown}: not a valid URL") from None
    if not host:
        raise InputError(f"{shown}: not a valid URL (no host)")
    return item


def site_host(url: str) -> str:
    """The host a URL names, lower case, without "www." (`https://www.nytimes.com/x`: nytimes.com)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return host.removeprefix("www.")


def url_slug(url: str) -> str:
    """A short readable name for a page: host and last path segment without its extension
    (`https://www.nytimes.com/2010/07/03/steele-criticized.html`: nytimes.com-steele-criticized)."""
    host = site_host(url) or "page"
    try:
        path = urlsplit(url).path
    except ValueError:
        path = ""
    segments = [segment for segment in path.split("/") if segment]
    last = unquote(segments[-1]) if segments else ""
    if last.lower().endswith(_PAGE_SUFFIXES):
        last = last.rsplit(".", 1)[0]
    words = _SLUG_UNSAFE.sub("-", last).strip("-.")[:_SLUG_MAX_CHARS].strip("-.")
    return f"{host}-{words}" if words else host


# --- fetching -------------------------------------------------------------------------------


def fetch_page(
    url: str,
    *,
    cache: PageCache | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
) -> Page:
    """The page at `url` (http or https): from `cache` when it holds it, else downloaded (and
    stored in `cache`). The limits default to the module's constants. Raises InputError."""
    limit = MAX_PAGE_BYTES if max_bytes is None else max_bytes
    if cache is not None:
        cached = cache.get(url, limit)
        if cached is not None:
            return cached
    page = _download(
        url,
        TIMEOUT_SECONDS if timeout is None else timeout,
        limit,
        MAX_REDIRECTS if max_redirects is None else max_redirects,
    )
    if cache is not None:
        cache.put(page)
    return page


class _Abort:
    """How the caller stops a download it no longer waits for: a flag the worker checks between
    reads, and the response it is reading, whose socket is shut down to end a blocked read."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.response: urllib3.BaseHTTPResponse | None = None

    def cancel(self) -> None:
        self.event.set()
        response = self.response
        if response is not None:
            with contextlib.suppress(Exception):
                response.shutdown()


def _download(url: str, timeout: float, max_bytes: int, max_redirects: int) -> Page:
    """Download in a daemon thread and wait for it at most `timeout` seconds: a deadline that
    holds whatever the server or the resolver does (socket timeouts bound one read, not a
    server that trickles bytes, nor a hung DNS lookup)."""
    importlib.import_module("urllib3")  # here, not in the worker: the import is not on the clock
    shown = inert_line(url)
    deadline = time.monotonic() + timeout
    abort = _Abort()
    outcome: list[Page | Exception] = []

    def work() -> None:
        try:
            outcome.append(_get(url, shown, deadline, timeout, max_bytes, max_redirects, abort))
        except Exception as error:  # handed to the caller's thread, raised there
            outcome.append(error)

    worker = threading.Thread(target=work, name="compare-fetch", daemon=True)
    worker.start()
    try:
        worker.join(timeout)
    finally:
        timed_out = worker.is_alive()
        if timed_out:
            abort.cancel()
    if timed_out or not outcome:
        raise InputError(f"{shown}: {_timed_out(timeout)}")
    result = outcome[0]
    if isinstance(result, Exception):
        raise result
    return result


def _get(
    url: str, shown: str, deadline: float, timeout: float, max_bytes: int, max_redirects: int, abort: _Abort
) -> Page:
    """The worker: request, follow redirects by hand, read the body within the limits."""
    import urllib3

    current = url
    try:
        with urllib3.PoolManager(headers=_HEADERS, retries=False, ca_certs=_ca_certs()) as pool:
            for _ in range(max_redirects + 1):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or abort.event.is_set():
                    raise InputError(f"{shown}: {_timed_out(timeout)}")
                response = pool.request(
                    "GET",
                    current,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    decode_content=True,
                    timeout=urllib3.Timeout(connect=remaining, read=remaining),
                )
                abort.response = response
                try:
                    if response.status in _REDIRECT_STATUSES:
                        current = _redirect_target(response, current, shown)
                        continue
                    content_type = _check_response(response, shown, max_bytes)
                    body = _read_body(response, shown, max_bytes, abort, timeout)
                finally:
                    abort.response = None
                    response.close()
                if not content_type and not looks_like_html(body):
                    raise InputError(f"{shown}: not HTML (no content type, and the page does not look like HTML)")
                return Page(url, current, content_type, body)
    except InputError:
        raise
    except Exception as error:
        cause = _network_cause(error, timeout)
        if cause is None:
            raise
        raise InputError(f"{shown}: {cause}") from None
    raise InputError(f"{shown}: too many redirects (more than {max_redirects})")


_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
}


def _redirect_target(response: urllib3.BaseHTTPResponse, current: str, shown: str) -> str:
    location = response.headers.get("Location", "")
    if not location:
        raise InputError(f"{shown}: HTTP {response.status} redirect without a Location")
    target = urljoin(current, location.strip())
    scheme = target.split(":", 1)[0].lower() if ":" in target else ""
    if scheme not in _SCHEMES:
        raise InputError(f"{shown}: redirected to a URL that is not http(s), refused ({_shown_target(target)})")
    try:
        valid = bool(urlsplit(target).hostname) and not _UNSAFE_IN_URL.search(target)
    except ValueError:
        valid = False
    if not valid:
        raise InputError(f"{shown}: redirected to an invalid URL ({_shown_target(target)})")
    return target


def _check_response(response: urllib3.BaseHTTPResponse, shown: str, max_bytes: int) -> str:
    """The Content-Type of a response worth reading; raises InputError for an HTTP error, a
    type that is not HTML or a declared length over the limit."""
    status = response.status
    if not 200 <= status < 300:
        try:
            phrase = f" {http.HTTPStatus(status).phrase}"
        except ValueError:
            phrase = ""
        raise InputError(f"{shown}: HTTP {status}{phrase}")
    content_type = " ".join(response.headers.get("Content-Type", "").split())
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type and media_type not in _HTML_TYPES:
        raise InputError(f"{shown}: not HTML ({inert_line(media_type)[:60]})")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise InputError(f"{shown}: {_too_large(max_bytes)}")
    return content_type


def _read_body(response: urllib3.BaseHTTPResponse, shown: str, max_bytes: int, abort: _Abort, timeout: float) -> bytes:
    """Read (and decompress) the body chunk by chunk, stopping past the limit. `read1` makes one
    read from the socket at most, so the cancel flag is seen between any two of them."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if abort.event.is_set():
            raise InputError(f"{shown}: {_timed_out(timeout)}")
        chunk = response.read1(_READ_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{shown}: {_too_large(max_bytes)}")
        chunks.append(chunk)
    if abort.event.is_set():  # the read ended because the caller shut the socket down
        raise InputError(f"{shown}: {_timed_out(timeout)}")
    if not size:
        raise InputError(f"{shown}: empty page")
    return b"".join(chunks)


def _network_cause(error: Exception, timeout: float) -> str | None:
    """The cause of a failed request in a few words; None for an error that is a bug."""
    import http.client

    from urllib3 import exceptions

    if isinstance(error, exceptions.NameResolutionError):
        return "host not found"
    if isinstance(error, exceptions.NewConnectionError):  # a subclass of ConnectTimeoutError
        if isinstance(error.__cause__, ConnectionRefusedError):
            return "connection refused"
        if isinstance(error.__cause__, TimeoutError):
            return _timed_out(timeout)
        return f"cannot connect ({_os_reason(error.__cause__)})"
    if isinstance(error, (exceptions.TimeoutError, TimeoutError)):
        return _timed_out(timeout)
    if isinstance(error, exceptions.SSLError):
        return f"secure connection failed ({_one_line(error.__cause__ or error)[:120]})"
    if isinstance(error, exceptions.LocationValueError):
        return "not a valid URL"
    if isinstance(error, exceptions.DecodeError):
        return "cannot decompress the page"
    if isinstance(error, exceptions.ProtocolError):
        return "the connection broke off (the page was not received whole)"
    if isinstance(error, exceptions.HTTPError):
        return f"cannot fetch ({type(error).__name__})"
    if isinstance(error, (OSError, http.client.HTTPException)):
        return f"cannot fetch ({_os_reason(error)})"
    if isinstance(error, UnicodeError):
        return "not a valid URL"
    return None


def _ca_certs() -> str | None:
    """Certificates from certifi, as trafilatura does, when it is installed (it comes with
    trafilatura); None, the system's, otherwise."""
    try:
        import certifi
    except ImportError:
        return None
    return certifi.where()


# --- the page cache -------------------------------------------------------------------------


class PageCache:
    """Fetched pages by URL, one file per URL named by the SHA-256 of the URL, in a folder only
    the user can read (0700, files 0600). A file that does not read back whole is a miss; a
    folder that cannot be written turns saving off for the run, with one warning."""

    def __init__(self, folder: Path | None = None, *, warn: Callable[[str], None] | None = None) -> None:
        if folder is None:
            folder = default_cache_dir() / PAGES_FOLDER
        self.folder = folder
        self._warn = warn
        self._unwritable = False

    def path_for(self, url: str) -> Path:
        return self.folder / hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, url: str, max_bytes: int = MAX_PAGE_BYTES) -> Page | None:
        try:
            fd = os.open(self.path_for(url), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return None
                data = handle.read(len(_CACHE_MAGIC) + _CACHE_HEADER_MAX_BYTES + max_bytes + 1)
        except OSError:
            return None
        return _parse_cached(data, url, max_bytes)

    def put(self, page: Page) -> None:
        if self._unwritable:
            return
        header = json.dumps(
            {
                "url": page.url,
                "final_url": page.final_url,
                "content_type": page.content_type,
                "length": len(page.body),
                "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
            ensure_ascii=True,  # one line of ASCII whatever the URL holds
        ).encode("ascii")
        if len(header) >= _CACHE_HEADER_MAX_BYTES:
            return
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if stat.S_IMODE(os.stat(self.folder).st_mode) != 0o700:
                os.chmod(self.folder, 0o700)
            write_private(self.path_for(page.url), _CACHE_MAGIC + header + b"\n" + page.body)
        except OSError as error:
            self._unwritable = True
            if self._warn is not None:
                reason = error.strerror or type(error).__name__
                self._warn(
                    f"page cache {inert_line(str(self.folder))}: cannot write ({reason}); fetched pages are not saved"
                )


def _parse_cached(data: bytes, url: str, max_bytes: int) -> Page | None:
    if not data.startswith(_CACHE_MAGIC):
        return None
    start = len(_CACHE_MAGIC)
    end = data.find(b"\n", start, start + _CACHE_HEADER_MAX_BYTES)
    if end < 0:
        return None
    try:
        header = json.loads(data[start:end])
    except (ValueError, RecursionError):
        return None
    body = data[end + 1 :]
    if not isinstance(header, dict):
        return None
    final_url, content_type = header.get("final_url"), header.get("content_type")
    if (
        header.get("url") != url
        or header.get("length") != len(body)
        or not body
        or len(body) > max_bytes
        or not isinstance(final_url, str)
        or not isinstance(content_type, str)
        or final_url.split(":", 1)[0].lower() not in _SCHEMES
    ):
        return None
    return Page(url, final_url, content_type, body)


# --- messages -------------------------------------------------------------------------------


def _shown_target(url: str) -> str:
    shown = inert_line(url)
    return shown if len(shown) <= _SHOWN_TARGET_MAX_CHARS else shown[: _SHOWN_TARGET_MAX_CHARS - 1] + "…"


def _timed_out(timeout: float) -> str:
    return f"timed out (no complete page within {timeout:g} s)"


def _too_large(max_bytes: int) -> str:
    size = f"{max_bytes / (1024 * 1024):.1f} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes:,} bytes"
    return f"too large (more than {size}, the limit per page)"


def _os_reason(error: BaseException | None) -> str:
    if isinstance(error, OSError) and error.strerror:
        return _one_line(error.strerror)
    return _one_line(error) if error is not None else "unknown error"


def _one_line(error: BaseException | str) -> str:
    return " ".join(inert_line(str(error)).split()) or (
        type(error).__name__ if isinstance(error, BaseException) else ""
    )
