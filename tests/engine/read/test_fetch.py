"""Articles given as http(s) URLs: fetched within limits, skipped with a one-line warning when a
page cannot be had, cached by URL. Every page comes from a local server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import html
import os
import socket
import stat
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from align.models import InputError
from align.read import fetch
from align.read.reader import load_corpus

# Short excerpts of a BASIL dev story (2010-2b95d2cf), one page per outlet.
STORIES = {
    "/fox/steele-apology.html": (
        "Fox News",
        "GOP Senators Keep Pressure on Steele Over 'Inaccurate' Afghanistan Comments",
        [
            "Republican senators kept up pressure on party Chairman Michael Steele Sunday to better explain "
            'his on-camera claim that Afghanistan is a "war of Obama\'s choosing" and may not be winnable.',
            "The backlash built quickly over the weekend as some prominent conservatives called for Steele's "
            "resignation.",
            'DeMint called Steele\'s comments "unacceptable" and "inaccurate."',
        ],
    ),
    "/nyt/steele-criticized.html": (
        "The New York Times",
        "Michael Steele Criticized for Afghanistan Comments",
        [
            "Michael Steele, chairman of the Republican National Committee, drew fierce criticism and a call "
            "for his resignation on Friday after declaring at a party fund-raiser that the United States was "
            "on the wrong side of history with its conflict in Afghanistan.",
            "He called it \u201ca war of Obama\u2019s choosing.\u201d",
            "Mr. Steele, seeking to clarify his remarks, issued a statement on Friday afternoon.",
        ],
    ),
    "/hpo/steele-reaction.html": (
        "HuffPost",
        "Michael Steele\u2019s Afghanistan Comments Stir Up Furious Reaction From Conservatives",
        [
            "Several prominent conservatives offered swift, negative reactions to Michael Steele on Friday, "
            "after the RNC chairman was caught on camera saying that Afghanistan is a largely unwinnable war "
            "of President Obama\u2019s choosing.",
            "The pushback crested with Bill Kristol writing a letter to Steele calling for the RNC leader\u2019s "
            "resignation.",
        ],
    ),
}


def news_page(site: str, title: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<!doctype html><html><head>{meta}<title>{html.escape(title)}</title>"
        f'<meta property="og:site_name" content="{html.escape(site)}"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/politics'>Politics</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        f"<footer>Copyright {html.escape(site)}</footer></body></html>"
    )


PAGES = {path: news_page(*story).encode("utf-8") for path, story in STORIES.items()}
HUGE_BYTES = 200_000
LIMIT_BYTES = 100_000
CYRILLIC_TITLE = "Стил подвергся критике"
CYRILLIC_TEXT = "Председатель Республиканской партии Майкл Стил подвергся резкой критике в пятницу."


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler still waiting never holds the test run

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.release = threading.Event()  # set at teardown: slow handlers give up

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(
        self, status: int, body: bytes = b"", content_type: str | None = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        self.server.hits[path] += 1
        if path in PAGES:
            self.send(200, PAGES[path])
        elif path == "/missing":
            self.send(404, b"<html><body>Not here</body></html>")
        elif path == "/go/nyt":
            self.send(301, Location="/nyt/steele-criticized.html")
        elif path == "/loop":
            self.send(302, Location="/loop")
        elif path == "/to-file":
            self.send(302, Location="file:///etc/passwd")
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", content_type="application/pdf")
        elif path == "/huge":
            self.send(200, b"<html><body><p>" + b"word " * (HUGE_BYTES // 5) + b"</p></body></html>")
        elif path == "/huge-streamed":  # no Content-Length: the reader must stop by itself
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"<html><body><p>" + b"word " * (HUGE_BYTES // 5) + b"</p></body></html>")
        elif path == "/slow":
            self.server.release.wait(30)
            self.send(200, PAGES["/fox/steele-apology.html"])
        elif path == "/trickle":  # headers at once, then a byte now and then, never the whole page
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                while not self.server.release.wait(0.1):
                    self.wfile.write(b" ")
                    self.wfile.flush()
            except OSError:
                pass
        elif path == "/no-type":
            self.send(200, PAGES["/nyt/steele-criticized.html"], content_type=None)
        elif path == "/no-type-text":
            self.send(200, b"Just some plain text, not a page.\n", content_type=None)
        elif path == "/cyrillic":  # the charset is in the header only
            page = news_page("Vedomosti", CYRILLIC_TITLE, [CYRILLIC_TEXT], charset="")
            self.send(200, page.encode("windows-1251"), content_type="text/html; charset=windows-1251")
        else:
            self.send(404)


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


@pytest.fixture(autouse=True)
def page_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache folder; the page cache lives in its `pages` sub-folder."""
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pages"


def story_urls(server: Server) -> list[str]:
    return [server.url(path) for path in STORIES]


def unused_port() -> int:
    """A port nobody listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- reading pages --------------------------------------------------------------------------


def test_pages_are_read_with_title_outlet_readable_id_and_url_as_path(server: Server) -> None:
    urls = story_urls(server)
    warnings: list[str] = []
    articles = load_corpus(urls, warn=warnings.append)
    assert warnings == []
    assert [a.id for a in articles] == [
        "127.0.0.1-steele-apology",
        "127.0.0.1-steele-criticized",
        "127.0.0.1-steele-reaction",
    ]
    assert [a.path for a in articles] == urls
    assert [a.outlet for a in articles] == ["Fox News", "The New York Times", "HuffPost"]
    assert [a.title for a in articles] == [story[1] for story in STORIES.values()]
    for article, (_, _, paragraphs) in zip(articles, STORIES.values()):
        assert paragraphs[0] in article.text
        assert "Home" not in article.text  # trafilatura left the navigation out
        assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_each_page_is_announced_before_it_is_fetched(server: Server) -> None:
    # A page can take seconds: the command line shows which one it is waiting for.
    urls = story_urls(server)
    heard: list[tuple[float, str, int]] = []

    def progress(fraction: float, message: str) -> None:
        heard.append((fraction, message, sum(server.hits.values())))

    load_corpus([*urls, urls[0]], progress=progress)
    assert [(f, m) for f, m, _ in heard] == [
        (n / 3, f"fetching page {n + 1} of 3: {url}") for n, url in enumerate(urls)
    ]
    assert [hits for _, _, hits in heard] == [0, 1, 2]  # each before its own request


def test_urls_mix_with_files_and_folders(server: Server, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "tass.txt").write_text("Putin Offers Iran Air Defense\n\nRussia offered Iran an air defense system.\n")
    single = tmp_path / "irna.md"
    single.write_text("Iran Declines\n\nIran declined the Russian offer, officials in Tehran said.\n")
    url = server.url("/nyt/steele-criticized.html")
    articles = load_corpus([url, str(single), str(folder)])
    assert [a.id for a in articles] == ["127.0.0.1-steele-criticized", "irna", "tass"]
    assert articles[0].outlet == "The New York Times"


def test_a_redirect_is_followed_and_the_page_named_after_where_it_landed(server: Server) -> None:
    url = server.url("/go/nyt")
    articles = load_corpus([url, server.url("/fox/steele-apology.html")])
    assert articles[0].id == "127.0.0.1-steele-criticized"
    assert articles[0].path == url
    assert server.hits["/go/nyt"] == server.hits["/nyt/steele-criticized.html"] == 1


def test_the_charset_of_the_content_type_header_is_honoured(server: Server) -> None:
    articles = load_corpus([server.url("/cyrillic"), server.url("/fox/steele-apology.html")])
    assert CYRILLIC_TEXT in articles[0].text
    assert articles[0].title == CYRILLIC_TITLE


def test_a_page_without_content_type_is_read_when_it_looks_like_html(server: Server) -> None:
    articles = load_corpus([server.url("/no-type"), server.url("/fox/steele-apology.html")])
    assert articles[0].outlet == "The New York Times"


def test_without_a_site_name_the_outlet_is_the_host_without_www() -> None:
    assert fetch.site_host("https://www.nytimes.com/2010/07/03/us/politics/03steele.html") == "nytimes.com"
    assert (
        fetch.url_slug("https://www.nytimes.com/2010/07/03/us/steele-criticized.html")
        == "nytimes.com-steele-criticized"
    )
    assert fetch.url_slug("https://www.foxnews.com/") == "foxnews.com"
    assert fetch.url_slug("https://example.com/news/caf%C3%A9%20owners?id=3") == "example.com-café-owners"


def test_a_url_named_twice_is_fetched_and_read_once(server: Server) -> None:
    fox, nyt = story_urls(server)[:2]
    warnings: list[str] = []
    articles = load_corpus([fox, nyt, fox], warn=warnings.append, use_cache=False)
    assert len(articles) == 2
    assert warnings == [f"{fox}: named more than once (read once)"]
    assert server.hits["/fox/steele-apology.html"] == 1


# --- pages that cannot be had ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "cause"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/loop", "too many redirects (more than 5)"),
        ("/to-file", "redirected to a URL that is not http(s), refused (file:///etc/passwd)"),
        ("/report.pdf", "not HTML (application/pdf)"),
        ("/huge", "too large (more than 100,000 bytes, the limit per page)"),
        ("/huge-streamed", "too large (more than 100,000 bytes, the limit per page)"),
        ("/slow", "timed out (no complete page within 1 s)"),
        ("/no-type-text", "not HTML (no content type, and the page does not look like HTML)"),
    ],
)
def test_a_page_that_fails_is_skipped_with_a_warning_naming_url_and_cause(
    server: Server, monkeypatch: pytest.MonkeyPatch, path: str, cause: str
) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 1.0)
    monkeypatch.setattr(fetch, "MAX_PAGE_BYTES", LIMIT_BYTES)
    bad = server.url(path)
    warnings: list[str] = []
    articles = load_corpus([bad, *story_urls(server)], warn=warnings.append)
    assert warnings == [f"{bad}: {cause} (skipped)"]
    assert [a.outlet for a in articles] == ["Fox News", "The New York Times", "HuffPost"]


def test_a_redirect_loop_stops_after_five_hops(server: Server) -> None:
    with pytest.raises(InputError, match="too many redirects"):
        fetch.fetch_page(server.url("/loop"))
    assert server.hits["/loop"] == 6  # the request and five redirects followed


def test_a_refused_connection_is_skipped_with_a_warning(server: Server) -> None:
    bad = f"http://127.0.0.1:{unused_port()}/story"
    warnings: list[str] = []
    articles = load_corpus([bad, *story_urls(server)], warn=warnings.append)
    assert warnings == [f"{bad}: connection refused (skipped)"]
    assert len(articles) == 3


def test_an_unknown_host_is_skipped_with_a_warning(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def resolve(host: object, *args: object, **kwargs: object) -> object:
        if host == "no-such-host.invalid":  # answered here: the test asks no DNS server
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    bad = "https://no-such-host.invalid/2010/steele"
    warnings: list[str] = []
    articles = load_corpus([*story_urls(server), bad], warn=warnings.append)
    assert warnings == [f"{bad}: host not found (skipped)"]
    assert len(articles) == 3


def test_a_server_that_trickles_bytes_cannot_hold_the_run_past_the_deadline(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 1.0)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"/trickle: timed out \(no complete page within 1 s\)"):
        fetch.fetch_page(server.url("/trickle"))
    # A byte every 0.1 s keeps socket timeouts happy for hours; the deadline ends it (the bound is
    # loose for a loaded machine, far below the trickle's length).
    assert time.monotonic() - started < 20.0


def test_fewer_than_two_pages_left_is_the_usual_input_error(server: Server) -> None:
    warnings: list[str] = []
    with pytest.raises(InputError, match=r"only one readable article \(1 skipped\); at least two are needed"):
        load_corpus([server.url("/missing"), server.url("/fox/steele-apology.html")], warn=warnings.append)
    assert len(warnings) == 1


@pytest.mark.parametrize(
    "item",
    ["file:///etc/passwd", "FILE:passwd", "ftp://example.com/story.html", "javascript://alert(1)", "data://x"],
)
def test_other_schemes_are_refused_before_anything_is_fetched(server: Server, item: str) -> None:
    with pytest.raises(InputError) as raised:
        load_corpus([server.url("/fox/steele-apology.html"), item])
    message = str(raised.value)
    assert message.startswith(f"{item}: only http:// and https:// URLs are fetched")
    assert "\n" not in message
    assert sum(server.hits.values()) == 0


def test_a_url_without_host_is_refused() -> None:
    with pytest.raises(InputError, match=r"^https:///story: not a valid URL \(no host\)$"):
        load_corpus(["https:///story", "http://127.0.0.1:9/x"])


# --- the page cache -------------------------------------------------------------------------


def test_a_cached_page_is_read_without_the_network(server: Server, page_cache: Path) -> None:
    urls = story_urls(server)
    first = load_corpus(urls)
    assert sum(server.hits.values()) == 3
    again = load_corpus(urls)
    assert sum(server.hits.values()) == 3
    assert again == first
    files = sorted(page_cache.iterdir())
    assert [f.name for f in files] == sorted(hashlib.sha256(u.encode()).hexdigest() for u in urls)
    assert stat.S_IMODE(page_cache.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def test_no_cache_neither_reads_nor_writes_pages(server: Server, page_cache: Path) -> None:
    urls = story_urls(server)
    load_corpus(urls)
    load_corpus(urls, use_cache=False)
    assert sum(server.hits.values()) == 6
    fetch.PageCache().path_for(urls[0]).unlink()
    load_corpus(urls, use_cache=False)
    assert not fetch.PageCache().path_for(urls[0]).exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"garbage" + data,  # foreign
        lambda data: data.replace(b'"length"', b'"lenght"'),  # header not ours
        lambda data: b"",
    ],
    ids=["cut-short", "foreign", "not-our-header", "empty"],
)
def test_a_corrupt_cache_file_is_ignored_and_the_page_fetched_again(server: Server, damage) -> None:
    urls = story_urls(server)
    first = load_corpus(urls)
    cached = fetch.PageCache().path_for(urls[1])
    cached.write_bytes(damage(cached.read_bytes()))
    assert load_corpus(urls) == first
    assert server.hits["/nyt/steele-criticized.html"] == 2
    assert fetch.PageCache().get(urls[1]) is not None  # written whole again


def test_a_cache_file_of_another_url_is_not_taken_for_this_one(server: Server) -> None:
    fox, nyt, hpo = story_urls(server)
    load_corpus([fox, nyt, hpo])
    cache = fetch.PageCache()
    os.replace(cache.path_for(fox), cache.path_for(nyt))
    assert cache.get(nyt) is None


def test_an_unwritable_cache_warns_once_and_pages_are_still_read(
    server: Server, page_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page_cache.parent.mkdir(parents=True)
    page_cache.write_text("a file where the folder should be")
    warnings: list[str] = []
    articles = load_corpus(story_urls(server), warn=warnings.append)
    assert len(articles) == 3
    assert len(warnings) == 1
    assert warnings[0].startswith(f"page cache {page_cache}: cannot write")
