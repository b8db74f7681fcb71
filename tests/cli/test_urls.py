"""`compare URL URL URL` as a user runs it, against a local server on 127.0.0.1; the second run
works from the page cache with the server gone."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Short excerpts of a BASIL dev story (2010-2b95d2cf): site name, headline, a few sentences.
PAGES = {
    "/politics/steele-apology": (
        "Fox News",
        "GOP Senators Keep Pressure on Steele Over 'Inaccurate' Afghanistan Comments",
        "Republican senators kept up pressure on party Chairman Michael Steele Sunday to better explain "
        'his on-camera claim that Afghanistan is a "war of Obama\'s choosing" and may not be winnable. '
        "The backlash built quickly over the weekend as some prominent conservatives called for Steele's "
        "resignation.",
    ),
    "/2010/07/03/us/politics/steele-criticized.html": (
        "The New York Times",
        "Michael Steele Criticized for Afghanistan Comments",
        "Michael Steele, chairman of the Republican National Committee, drew fierce criticism and a call "
        "for his resignation on Friday after declaring that the United States was on the wrong side of "
        "history with its conflict in Afghanistan, a military fight he called \u201ca war of Obama\u2019s "
        "choosing.\u201d",
    ),
    "/2010/07/02/steele-reaction_n_633970.html": (
        "HuffPost",
        "Michael Steele\u2019s Afghanistan Comments Stir Up Furious Reaction From Conservatives",
        "Several prominent conservatives offered swift, negative reactions to Michael Steele on Friday, "
        "after the RNC chairman was caught on camera saying that Afghanistan is a largely unwinnable war "
        "of President Obama\u2019s choosing. Bill Kristol called for the RNC leader\u2019s resignation.",
    ),
}


def page(site: str, title: str, text: str) -> bytes:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta property="og:site_name" content="{html.escape(site)}"></head><body>'
        f"<article><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></article></body></html>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path in PAGES:
            status, body, kind = 200, page(*PAGES[self.path]), "text/html; charset=utf-8"
        else:
            status, body, kind = 404, b"not found", "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def url(httpd: ThreadingHTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}{path}"


def compare(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COMPARE_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=600, env=env)


def test_three_urls_compare_and_a_second_run_works_offline_from_the_page_cache(
    server: ThreadingHTTPServer, tmp_path: Path
) -> None:
    urls = [url(server, path) for path in PAGES]
    done = compare(*urls, "--json", cache=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    articles = json.loads(done.stdout)["articles"]
    assert [a["path"] for a in articles] == urls
    assert [a["outlet"] for a in articles] == ["Fox News", "The New York Times", "HuffPost"]
    assert [a["id"] for a in articles] == [
        "127.0.0.1-steele-apology",
        "127.0.0.1-steele-criticized",
        "127.0.0.1-steele-reaction_n_633970",
    ]

    server.shutdown()
    server.server_close()  # nothing listens any more: only the cache can answer
    again = compare(*urls, "--json", cache=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["articles"] == articles

    offline = compare(*urls, "--json", "--no-cache", cache=tmp_path)
    assert offline.returncode == 2
    warnings = offline.stderr.strip().splitlines()
    assert warnings[:3] == [f"compare: warning: {u}: connection refused (skipped)" for u in urls]
    assert (
        warnings[3] == "compare: error: the input: no readable article (3 skipped); at least two are needed to compare"
    )
    assert "Traceback" not in offline.stderr


def test_a_url_that_fails_is_a_warning_and_the_others_are_compared(server: ThreadingHTTPServer, tmp_path: Path) -> None:
    urls = [url(server, path) for path in PAGES]
    missing = url(server, "/gone")
    done = compare(urls[0], missing, urls[1], "--json", cache=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"compare: warning: {missing}: HTTP 404 Not Found (skipped)"]
    assert [a["outlet"] for a in json.loads(done.stdout)["articles"]] == ["Fox News", "The New York Times"]


@pytest.mark.parametrize("item", ["file:///etc/passwd", "ftp://example.com/story"])
def test_another_scheme_is_a_one_line_error(item: str, tmp_path: Path) -> None:
    done = compare("http://127.0.0.1:9/a", item, "--json", cache=tmp_path)  # never fetched
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"compare: error: {item}: only http:// and https:// URLs are fetched, not {item.split(':')[0]}:"
    ]
