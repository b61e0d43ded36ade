"""The local preview's write API: `POST /_playbook/api/<command>` records what happened through
the command line's own write-back (record.apply, with record.changes reading the fields), and
the pages `mkdocs serve` sends carry what the Record controls need.

Only `mkdocs serve` with live reload has it (MkDocs gives plugins the server only then), and
only on a loopback address. Any web page the user visits can send requests to 127.0.0.1, so
every request is checked, as Jupyter checks its own:

- the Host header names the address served (a DNS-rebinding page sends its own name);
- an Origin header, when there is one, is the served origin;
- the body is JSON (`application/json`: no plain HTML form can send that) of at most 64 KiB;
- the token, made once per process and sent in the X-Playbook-Token header, matches (compared
  in constant time). A custom header cannot cross origins without CORS, and none is sent.

The token and the controls exist only in what this server sends: they are added to each page
on its way out, never written to the site folder or the page cache, so a build and a cold build
stay equal byte for byte.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date, tzinfo
from html import escape
from pathlib import Path
from typing import Any

from playbook.core.problems import DataError
from playbook.core.sources import DocumentCache, load_documents
from playbook.record import changes
from playbook.record.apply import Refused, Stale, apply
from playbook.record.writeback import WriteBackError

PREFIX = "/_playbook/"
API = PREFIX + "api/"
MAX_BODY = 64 * 1024
TOKEN_HEADER = "HTTP_X_PLAYBOOK_TOKEN"
ASSETS = Path(__file__).resolve().parent.parent / "pages" / "assets"
# What the pages load from this server alone (not in the site: a built site has no controls).
SERVED = {
    PREFIX + "record.js": ("record.js", "application/javascript; charset=utf-8"),
    PREFIX + "record.css": ("record.css", "text/css; charset=utf-8"),
}

StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def is_loopback(host: str) -> bool:
    """Whether `host` (dev_addr's) is this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def served_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers naming the address served: as dev_addr writes it, and `localhost`
    for a loopback address (browsers resolve that name to this machine themselves)."""
    names = {host.strip("[]").lower(), "localhost"}
    if host.lower() == "localhost":
        names |= {"127.0.0.1", "::1"}
    return frozenset(f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in names)


class WriteApi:
    """The server's WSGI application, wrapped: the API and its assets answered here, pages
    marked for the Record controls on their way out, everything else as MkDocs serves it."""

    def __init__(
        self,
        app: App,
        *,
        host: str,
        port: int,
        data_dir: Path,
        root: Path,
        today: Callable[[tzinfo], date],
        page_facts: Callable[[], Mapping[str, Any]],
    ) -> None:
        self.app = app
        self.hosts = served_hosts(host, port)
        self.data_dir = data_dir
        self.root = root
        self.today = today
        self.page_facts = page_facts
        self.token = secrets.token_urlsafe(32)
        self.writing = threading.Lock()  # one change at a time: each reads the file it changes
        # The files as the last check parsed them: a check re-reads only those saved since. Its
        # own, not the builds' (they run on another thread), filled once in the background.
        self.documents = DocumentCache()
        threading.Thread(target=self._read_files, daemon=True).start()

    def _read_files(self) -> None:
        with self.writing:
            for _ in load_documents(self.data_dir, self.root, self.documents):
                pass

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(API):
            status, answer = self.answer(environ, path[len(API) :])
            return _json(start_response, status, answer)
        if path in SERVED and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            name, content_type = SERVED[path]
            body = (ASSETS / name).read_bytes()
            headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
            start_response("200 OK", [*headers, ("Cache-Control", "no-store")])
            return [body]
        return self.marked(environ, start_response)

    # --- the API ----------------------------------------------------------------------------

    def refusal(self, environ: Mapping[str, Any]) -> tuple[str, str] | None:
        """Why a request is refused (its status and message); None when it may write."""
        if environ.get("REQUEST_METHOD") != "POST":
            return "405 Method Not Allowed", "the write API takes POST only"
        host = str(environ.get("HTTP_HOST", "")).lower()
        if host not in self.hosts:
            return "403 Forbidden", "the Host header does not name this server"
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin.lower() != f"http://{host}":
            return "403 Forbidden", "requests from other sites are refused"
        media_type = str(environ.get("CONTENT_TYPE", "")).partition(";")[0].strip().lower()
        if media_type != "application/json":
            return "415 Unsupported Media Type", "send the fields as application/json"
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return "411 Length Required", "say the body's length (Content-Length)"
        if length > MAX_BODY:
            return "413 Content Too Large", f"the body is over {MAX_BODY // 1024} KiB"
        token = str(environ.get(TOKEN_HEADER, ""))
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            return "403 Forbidden", "the token is missing or wrong; reload the page"
        return None

    def answer(self, environ: dict[str, Any], command: str) -> tuple[str, dict[str, Any]]:
        """The status and JSON answer to one request."""
        refused = self.refusal(environ)
        if refused is not None:
            return refused[0], {"ok": False, "error": refused[1]}
        if command not in changes.REQUESTS:
            known = ", ".join(changes.REQUESTS)
            return "404 Not Found", {"ok": False, "error": f"no command {command!r}; {known}"}
        raw = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
        try:
            body = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return "400 Bad Request", {"ok": False, "error": "the body is not JSON"}
        try:
            contact_id, make, base = changes.from_request(command, body)
            with self.writing:
                outcome = apply(
                    self.data_dir,
                    self.root,
                    contact_id,
                    make,
                    self.today,
                    base=base,
                    documents=self.documents,
                )
        except Stale as error:
            return "409 Conflict", {"ok": False, "error": str(error)}
        except Refused as error:  # FILE:LINE:COLUMN: field: message; hint, as the command line
            return "422 Unprocessable Content", {"ok": False, "error": error.report()}
        except DataError as error:
            return "422 Unprocessable Content", {"ok": False, "error": error.report()}
        except WriteBackError as error:
            return "400 Bad Request", {"ok": False, "error": str(error)}
        said = (
            outcome.change.lines() if outcome.change else ["nothing to change, it already says so"]
        )
        return "200 OK", {
            "ok": True,
            "file": outcome.file,
            "diff": outcome.diff,
            "written": outcome.written,
            "said": said,
        }

    # --- the pages --------------------------------------------------------------------------

    def marked(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """MkDocs' answer; a page gets the token, the controls' facts and their script."""
        sent: list[Any] = []

        def keep(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            sent[:] = [status, headers, exc_info]
            return lambda data: None  # MkDocs' server returns its body; it never writes

        result = self.app(environ, keep)
        status, headers, exc_info = sent
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not (status.startswith("200") and content_type.startswith("text/html")):
            start_response(status, headers, exc_info)
            return result
        try:
            page = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        page = self.mark(page)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(page)))], exc_info)
        return [page]

    def mark(self, page: bytes) -> bytes:
        """The token and stylesheet in the head; the facts and the script before </body>."""
        head = (
            f'<meta name="playbook-token" content="{escape(self.token)}">'
            f'<link rel="stylesheet" href="{PREFIX}record.css">'
        ).encode()
        facts = json.dumps({"api": API, **self.page_facts()}).replace("<", "\\u003c")
        tail = (
            f'<script type="application/json" id="playbook-record">{facts}</script>'
            f'<script src="{PREFIX}record.js"></script>'
        ).encode()
        end_head = page.find(b"</head>")
        end_body = page.rfind(b"</body>")
        if end_head < 0 or end_body < end_head:
            return page
        return b"".join((page[:end_head], head, page[end_head:end_body], tail, page[end_body:]))


def _json(start_response: StartResponse, status: str, answer: Mapping[str, Any]) -> list[bytes]:
    body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    headers = [
        ("Content-Type", "application/json; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    if status.startswith("405"):
        headers.append(("Allow", "POST"))
    start_response(status, headers)
    return [body]
