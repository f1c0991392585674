"""Fetching a report from an http(s) URL, with the standard library's urllib, bounded.

- Only ``http`` and ``https``, for the URL given and for every redirect: a redirect to
  ``file:``, ``ftp:``, ``data:`` or anything else is refused, and so is a redirect past
  :data:`MAX_REDIRECTS` (a loop ends there).
- :data:`TIMEOUT` seconds for the connection and for each read, and :data:`DEADLINE` seconds
  for the whole transfer, headers included: a server that sends a byte now and then, each
  within the timeout, is cut off there too (an interval timer, where the platform has one).
- At most ``limit`` bytes: a larger ``Content-Length`` is refused before the body is read,
  and the body is read only to one byte past the limit. The body is asked for uncompressed;
  a compressed one is inflated within the same limit. A body shorter than its
  ``Content-Length`` (the connection dropped) is an error, never a report cut short.
- A URL as a browser's address bar shows it (``https://de.wikipedia.org/wiki/Köln``) is sent
  as the browser sends it: the host in IDNA, other non-ASCII characters percent-encoded. A
  user name or password in the URL is refused, and never echoed.
- The content type (and, for a vague one, the first bytes) decides the reader: a web page,
  a PDF, Markdown or plain text. Anything else (an image, an archive, JSON) is refused. A
  charset that names no text encoding (``rot13``, ``base64``, ``idna``) is ignored.
- What the server says back (a status reason, a malformed status line) is quoted cut short.

Every failure is a :class:`~briefcli.errors.BriefError`: one line, exit 2.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from briefcli.errors import BriefError
from briefcli.sanitize import sanitize_line, shorten

if TYPE_CHECKING:
    import urllib.request

#: Seconds to connect, and to wait for each piece of the answer.
TIMEOUT = 20.0
#: Seconds for the whole transfer.
DEADLINE = 120.0
#: Redirects followed before giving up (a loop ends here).
MAX_REDIRECTS = 5
#: Most characters of the server's own words (a reason, a bad status line) an error quotes.
_QUOTED = 200
_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024
#: Content types → the form that reads them ('auto': plain text, told apart by its content).
_FORMS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/plain": "auto",
}
#: Types that say nothing of the content: the first bytes decide.
_VAGUE = ("application/octet-stream", "binary/octet-stream", "application/unknown", "")


class Fetched(NamedTuple):
    """A fetched report: its bytes, the URL it came from (after redirects), the form its
    content type gives, and the brief's source text."""

    data: bytes
    url: str
    form: str
    source: str


class _Redirects:
    """The redirect rules, as urllib's handler asks them: http(s) only, at most a few."""

    @staticmethod
    def handler() -> urllib.request.HTTPRedirectHandler:
        import urllib.request
        from urllib.parse import urljoin, urlsplit

        class Handler(urllib.request.HTTPRedirectHandler):
            max_redirections = MAX_REDIRECTS
            max_repeats = 2

            def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
                # Checked here, before urllib's own check (which names no reason a user
                # would follow) and before the redirect is made.
                location = headers.get("location") or headers.get("uri") or ""
                target = urljoin(req.full_url, location)
                scheme = urlsplit(target).scheme.casefold()
                if scheme not in _SCHEMES:
                    raise BriefError(
                        f"{_shown(req.full_url)}: redirected to a {scheme or 'relative'}: URL "
                        f"({_shown(target)}); brief follows only http and https redirects"
                    )
                return super().http_error_302(req, fp, code, msg, headers)

            http_error_301 = http_error_303 = http_error_307 = http_error_302
            http_error_308 = http_error_302

        return Handler()


def fetch(url: str, *, limit: int) -> Fetched:
    """GET ``url`` (http or https) and return its body, at most ``limit`` bytes."""
    import http.client
    import socket
    import urllib.error
    import urllib.request

    shown = _shown(url)
    url = _request_url(url, shown)
    opener = urllib.request.build_opener(_Redirects.handler())
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": "brief (briefcli report importer)",
            "Accept": "text/html, application/xhtml+xml, application/pdf, text/markdown, "
            "text/plain;q=0.9, */*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    started = time.monotonic()
    try:
        with _deadline(DEADLINE), opener.open(request, timeout=TIMEOUT) as response:
            final = response.geturl()
            length = response.headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > limit:
                raise BriefError(
                    f"{shown}: the server sends {int(length):,} bytes; brief reads reports of "
                    f"at most {limit:,} bytes"
                )
            data = _read(response, limit, started, shown)
            data = _inflate(data, response.headers.get("Content-Encoding", ""), limit, shown)
            content_type = response.headers.get_content_type() if response.headers else ""
            charset = response.headers.get_content_charset() if response.headers else None
    except BriefError:
        raise
    except _Expired:
        raise BriefError(f"{shown}: timed out: the transfer took over {DEADLINE:g} s") from None
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise BriefError(
                f"{shown}: too many redirects (more than {MAX_REDIRECTS}, or a loop)"
            ) from None
        raise BriefError(f"{shown}: HTTP {exc.code} {shorten(str(exc.reason), _QUOTED)}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise BriefError(f"{shown}: timed out after {TIMEOUT:g} s") from None
        raise BriefError(f"{shown}: cannot fetch: {shorten(str(reason), _QUOTED)}") from None
    except TimeoutError:
        raise BriefError(f"{shown}: timed out after {TIMEOUT:g} s") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise BriefError(f"{shown}: cannot fetch: {shorten(reason, _QUOTED)}") from None
    form = _form(content_type, data, final, shown)
    if charset and form in ("html", "markdown", "auto"):
        data = _utf8(data, charset)
    import datetime

    day = datetime.date.today().isoformat()
    return Fetched(data, final, form, f"{final} (retrieved {day})")


def _request_url(url: str, shown: str) -> str:
    """``url`` as a browser sends it: checked to be http(s) with a host and no credentials,
    the host in IDNA and every other character outside printable ASCII percent-encoded."""
    import re
    from urllib.parse import quote, urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BriefError(f"{shown}: not a valid URL: {exc}") from None
    if parts.scheme.casefold() not in _SCHEMES or not parts.hostname:
        raise BriefError(f"{shown}: not an http or https URL")
    if parts.username is not None or parts.password is not None:
        raise BriefError(
            f"{shown}: the URL holds a user name or password; brief does not send them",
            "download the report with a tool you trust with the password, then import the file",
        )
    host = parts.hostname
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise BriefError(f"{shown}: not a valid host name") from None
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    netloc = host if port is None else f"{host}:{port}"

    def encoded(text: str) -> str:
        return re.sub(r"[^\x21-\x7e]+", lambda found: quote(found.group(), safe=""), text)

    return urlunsplit(
        (parts.scheme, netloc, encoded(parts.path), encoded(parts.query), encoded(parts.fragment))
    )


class _Expired(Exception):
    """The whole transfer took longer than :data:`DEADLINE` (raised by the interval timer)."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`_Expired` in the block once ``seconds`` have passed, whatever it waits
    on: a read that gets a byte now and then never times out by itself (each byte resets the
    socket's timeout). Without an interval timer (Windows, a thread) the block runs as it is,
    and :func:`_read` checks the deadline between chunks."""
    import signal
    import threading

    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_number: int, _frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _shown(url: str) -> str:
    """``url`` for a message: cut short, sanitised, and any password in it masked."""
    from urllib.parse import urlsplit

    with contextlib.suppress(ValueError):
        password = urlsplit(url).password
        if password:
            url = url.replace(f":{password}@", ":***@", 1)
    return sanitize_line(url if len(url) <= 200 else url[:200] + "…")


def _read(response: Any, limit: int, started: float, shown: str) -> bytes:
    """The body, chunk by chunk, within the size limit and the deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > DEADLINE:
            raise BriefError(f"{shown}: timed out: the transfer took over {DEADLINE:g} s")
        chunk = response.read(_CHUNK)
        if not chunk:
            missing = getattr(response, "length", None)  # what Content-Length promised yet
            if isinstance(missing, int) and missing > 0:
                raise BriefError(
                    f"{shown}: the connection closed {missing:,} bytes before the end of the "
                    "report; try again"
                )
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise BriefError(f"{shown}: over {limit:,} bytes; brief reads reports of at most that")
        chunks.append(chunk)


def _inflate(data: bytes, encoding: str, limit: int, shown: str) -> bytes:
    """A gzip or deflate body inflated, never past ``limit`` bytes (a small body may hold a
    huge one)."""
    encoding = encoding.strip().casefold()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise BriefError(f"{shown}: the server sent it {sanitize_line(encoding)}-encoded")
    import zlib

    wbits = 31 if "gzip" in encoding else 15
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise BriefError(f"{shown}: the compressed body is damaged") from None
    if len(out) > limit:
        raise BriefError(f"{shown}: over {limit:,} bytes uncompressed; brief reads at most that")
    return out


def _form(content_type: str, data: bytes, url: str, shown: str) -> str:
    """The reader for a body, from its content type; for a vague type, from its first bytes
    and the URL's suffix."""
    content_type = content_type.casefold()
    if content_type in _FORMS:
        form = _FORMS[content_type]
        if form == "auto" and data.lstrip()[:5] == b"%PDF-":
            return "pdf"
        return form
    if content_type in _VAGUE:
        from briefcli.importers import sniff

        found = sniff(data, url)
        if found != "auto" or b"\x00" not in data[:4096]:
            return found
    raise BriefError(
        f"{shown}: the server sent {sanitize_line(content_type) or 'no content type'}, "
        "not a web page, a PDF, Markdown or text"
    )


def _utf8(data: bytes, charset: str) -> bytes:
    """Text in the charset the server named, as UTF-8 with a byte order mark (which every
    reader then takes over any charset the document itself declares)."""
    from briefcli.files import text_codec

    codec = text_codec(charset)
    if codec is None:
        return data
    if codec == "utf-8" or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    return b"\xef\xbb\xbf" + data.decode(codec, errors="replace").encode("utf-8")
