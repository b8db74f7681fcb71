"""Read articles from disk or the web: find the files, fetch the URLs (`align.read.fetch`), decode
them, reduce HTML to text, segment.

Every failure becomes an `InputError` whose message is one line naming the file and the cause.
In a folder, one bad file among good ones is skipped with a warning; files named one by one
are taken as given, so a bad one stops the run. A URL that cannot be fetched or read is
skipped with a warning: a page on the web is not the user's to fix.
"""

from __future__ import annotations

import errno
import itertools
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from align.models import Article, InputError, Sentence
from align.read import decode, fetch
from align.read.sanitize import inert_line, sanitize
from align.read.segment import HEADING_MAX_CHARS, segment

# Limits that keep memory and time bounded on hostile input (quoted in the README).
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_ARTICLES = 2_000
MAX_SENTENCES = 20_000
MIN_ARTICLES = 2
# trafilatura's time grows faster than the page: 200,000 paragraphs (3.7 MB) take it minutes,
# while a long news page has a few thousand elements.
MAX_HTML_ELEMENTS = 50_000

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

Warn = Callable[[str], None]

_log = logging.getLogger(__name__)

_WHITESPACE = re.compile(r"\s+")
# A start tag, counted to bound the work before any parsing (tags inside comments and scripts
# count too: the bound errs on the side of refusing).
_START_TAG = re.compile(r"<[A-Za-z]")
# What a browser never shows as text: inert templates (declarative shadow roots excepted: they
# are rendered), scripts (JSON-LD excepted: it is the publisher's metadata and article body,
# which trafilatura reads on purpose), styles, hidden form fields, and the fallback shown only
# with JavaScript off (on a news page, "please enable JavaScript" and tracking pixels). Elements
# marked `hidden` stay: streaming pages send their content hidden and reveal it by script.
_UNRENDERED = (
    "//template[not(@shadowrootmode or @shadowroot)]",
    "//style",
    "//noscript",
    "//script[not(contains(translate(@type, 'JSONLD', 'jsonld'), 'ld+json'))]",
    "//input[translate(@type, 'HIDEN', 'hiden') = 'hidden']",
)
# A file name's leading ordinal ("02_", "3-", "001 ") and names that identify nothing a reader
# knows: digits, dates and hex hashes.
_ORDINAL_PREFIX = re.compile(r"^\d{1,4}[_\-. ]+")
_IDENTIFIER = re.compile(r"[\d_\-. ]+|[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f-]{27}", re.I)
OUTLET_MAX_CHARS = 40
# trafilatura gives dates as ISO days; anything else (a hostile page's metadata) is dropped.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_corpus(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    warn: Warn | None = None,
    use_cache: bool = True,
    progress: Callable[[float, str], None] | None = None,
) -> list[Article]:
    """Read every article under `paths` (folders, files and/or http(s) URLs), in a deterministic
    order. Fetched pages are cached by URL unless `use_cache` is false. `progress(fraction,
    message)` hears of each URL before it is fetched (a page can take seconds).

    Raises InputError when nothing usable is found or fewer than two articles remain.
    """
    say: Warn = warn or _log.warning
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not items:
        raise InputError("no input: name a folder of articles or at least two article files")
    urls = [fetch.url_item(item) for item in items]  # refuses other schemes before any fetch
    pages = fetch.PageCache(warn=say) if use_cache and any(urls) else None
    # Keyed by the file's real path or the URL, so that one named twice is read once.
    found: list[tuple[str, Article]] = []
    fetched: dict[str, Article | None] = {}  # a URL named twice is fetched once
    skipped = 0
    for item, url in zip(items, urls):
        path = Path(item)
        if url is not None:
            if url not in fetched:
                if progress is not None:
                    pages_named = len({u for u in urls if u})
                    progress(
                        len(fetched) / pages_named, f"fetching page {len(fetched) + 1} of {pages_named}: {_show(url)}"
                    )
                try:
                    fetched[url] = read_page(url, cache=pages)
                except InputError as error:
                    fetched[url] = None
                    skipped += 1
                    say(f"{error} (skipped)")
            page = fetched[url]
            found += [(url, page)] if page is not None else []
        elif _is_folder(path):
            folder_articles, folder_skipped = _read_folder(path, say)
            found += [(os.path.realpath(file), article) for file, article in folder_articles]
            skipped += folder_skipped
        else:
            found.append((os.path.realpath(path), read_article(path)))
        if len(found) > MAX_ARTICLES:
            raise InputError(f"{_show(url or path)}: more than {MAX_ARTICLES:,} articles (the limit)")
    articles = _once_per_file(found, say)
    if len(articles) < MIN_ARTICLES:
        where = _show(urls[0] or Path(items[0])) if len(items) == 1 else "the input"
        what = "no readable article" if not articles else "only one readable article"
        extra = f" ({skipped} skipped)" if skipped else ""
        raise InputError(f"{where}: {what}{extra}; at least two are needed to compare")
    articles = _unique_ids(articles)
    _warn_duplicates(articles, say)
    return articles


def read_article(path: str | os.PathLike[str]) -> Article:
    """Read, decode, sanitize and segment one article file. Raises InputError."""
    path = Path(path)
    shown = _show(path)
    data = _read_bytes(path, shown)
    decoded, is_html = decode.decode(data, shown, html=path.suffix.lower() in HTML_SUFFIXES)
    article_id = _show(Path(path.name).stem) or "article"
    return _article(
        decoded,
        is_html=is_html,
        shown=shown,
        article_id=article_id,
        first_line_title=path.suffix.lower() == ".txt",
        outlet=outlet_from_file_name(article_id),
    )


def article_from_text(text: str, *, title: str = "", shown: str = "text", outlet: str = "") -> Article:
    """An article given as text (a line of a JSONL file), read as a plain-text file is: sanitized
    and segmented; `title` when given, else its first line. Raises InputError."""
    body = f"{title}\n\n{text}" if title.strip() else text
    shown = _show(shown)
    return _article(
        body, is_html=False, shown=shown, article_id=shown or "article", first_line_title=True, outlet=outlet
    )


def read_page(url: str, *, cache: fetch.PageCache | None = None) -> Article:
    """Fetch (or take from `cache`), decode, sanitize and segment one article page at an http(s)
    URL. Its id is a slug of the URL it was served from, its outlet the page's site name, else
    that URL's host. Raises InputError."""
    shown = _show(url)
    page = fetch.fetch_page(url, cache=cache)
    return _article(
        decode.decode_page(page.body, page.charset, shown),
        is_html=True,
        shown=shown,
        article_id=_show(fetch.url_slug(page.final_url)),
        first_line_title=False,
        outlet=fetch.site_host(page.final_url),
    )


def _article(
    decoded: str, *, is_html: bool, shown: str, article_id: str, first_line_title: bool, outlet: str
) -> Article:
    """The article a decoded file or page holds: HTML reduced to its text, sanitized, segmented,
    titled. `outlet` is used when an HTML page names no site."""
    html_title = site_name = date = ""
    if is_html:
        decoded, html_title, site_name, date = _html_to_text(decoded, shown)
    text = sanitize(unicodedata.normalize("NFC", decoded))
    if not text.strip():
        raise InputError(f"{shown}: empty or whitespace-only file")
    try:
        sentences = segment(text, max_sentences=MAX_SENTENCES)
    except InputError as error:
        raise InputError(f"{shown}: too many sentences ({error}; the limit)") from None
    if not sentences:
        raise InputError(f"{shown}: no sentences found (only punctuation or symbols)")
    title = _one_line(sanitize(html_title)) if html_title else ""
    if not title and first_line_title:
        sentences, title = _first_line_title(text, sentences)
    if not title:
        title = next((s.text for s in sentences if s.kind == "heading"), article_id)
    outlet = _one_line(sanitize(site_name)) if site_name else outlet
    return Article(article_id, shown, title, text, sentences, outlet[:OUTLET_MAX_CHARS], date)


def _first_line_title(text: str, sentences: tuple[Sentence, ...]) -> tuple[tuple[Sentence, ...], str]:
    """A plain-text article's first non-empty line is its headline, whatever its case or final
    punctuation ("Man arrested in Ohio after chase." is a headline in sentence case), when it
    is one short unit; it becomes the title and is marked a heading."""
    first = sentences[0]
    line_end = text.find("\n", first.start)
    line = text[text.rfind("\n", 0, first.start) + 1 : len(text) if line_end == -1 else line_end]
    if line.strip(" \t\r#*-") != first.text.strip(" #*-") or len(first.text) > HEADING_MAX_CHARS:
        return sentences, ""
    return (replace(first, kind="heading"), *sentences[1:]), first.text


def outlet_from_file_name(stem: str) -> str:
    """The outlet a file name carries: `fox` → "fox", `02_nytimes` → "nytimes",
    `bbc-news` → "bbc news". A leading ordinal is dropped; a name that is only an ordinal, a
    date or a hash ("000_76827a9a52152322") names no outlet."""
    name = _ORDINAL_PREFIX.sub("", stem)
    if not name or _IDENTIFIER.fullmatch(name):
        return ""
    return _one_line(name.replace("_", " ").replace("-", " "))


# --- finding files --------------------------------------------------------------------------


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False  # read_article reports what is wrong with it


def _read_folder(folder: Path, say: Warn) -> tuple[list[tuple[Path, Article]], int]:
    shown = _show(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        raise InputError(f"{shown}: folder vanished while reading") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied (cannot list the folder)") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot list the folder ({error.strerror})") from None
    candidates = [e for e in entries if e.name.lower().endswith(ARTICLE_SUFFIXES)]
    others = sum(1 for e in entries if not e.name.lower().endswith(ARTICLE_SUFFIXES) and not _entry_is_dir(e))
    if not candidates:
        raise InputError(f"{shown}: no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder")
    if len(candidates) > MAX_ARTICLES:
        raise InputError(f"{shown}: {len(candidates):,} article files; the limit is {MAX_ARTICLES:,}")
    if others:
        say(f"{shown}: ignored {others} file(s) that are not {', '.join(ARTICLE_SUFFIXES)}")
    articles, skipped = [], 0
    inside = os.path.realpath(folder)
    for entry in candidates:
        target = _target_outside(entry, inside)
        if target:
            # A shared folder must not pull in `notes.txt -> ~/.aws/credentials`.
            skipped += 1
            say(f"{_show(entry.path)}: symbolic link to {_show(target)}, outside the folder (skipped)")
            continue
        try:
            articles.append((Path(entry.path), read_article(entry.path)))
        except InputError as error:
            skipped += 1
            say(f"{error} (skipped)")
    if skipped and not os.path.isdir(folder):
        raise InputError(f"{shown}: folder vanished while reading")
    return articles, skipped


def _target_outside(entry: os.DirEntry[str], folder: str) -> str:
    """Where `entry` leads when it is a symbolic link whose target lies outside `folder` (a real
    path); "" for anything else (links that stay inside, files, broken links inside)."""
    try:
        if not entry.is_symlink():
            return ""
    except OSError:
        return ""  # read_article reports what is wrong with it
    target = os.path.realpath(entry.path)
    return "" if os.path.commonpath([folder, target]) == folder else target


def _entry_is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, after checking with stat that it is a regular file of sane size."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"{shown}: broken symbolic link") from None
        raise InputError(f"{shown}: no such file or folder") from None
    except OSError as error:
        raise InputError(f"{shown}: {_os_cause(error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{shown}: is a folder, not an article file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or never end.
        raise InputError(f"{shown}: not a regular file")
    if info.st_size > MAX_ARTICLE_BYTES:
        size, limit = _sizes(info.st_size, MAX_ARTICLE_BYTES)
        raise InputError(f"{shown}: too large ({size}; the limit is {limit} per article)")
    if info.st_size == 0:
        raise InputError(f"{shown}: empty file")
    try:
        with open(path, "rb") as handle:
            # One byte more than stat said tells whether the file grew meanwhile; read() would
            # pre-allocate a buffer of the full limit for every small file otherwise.
            data = handle.read(info.st_size + 1)
    except OSError as error:
        raise InputError(f"{shown}: {_os_cause(error)}") from None
    if len(data) > info.st_size:
        raise InputError(f"{shown}: changed while reading (it is still being written?)")
    if not data:
        raise InputError(f"{shown}: empty file")
    return data


def _os_cause(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(error, FileNotFoundError):
        return "vanished while reading"
    if isinstance(error, PermissionError):
        return "permission denied (cannot read the file)"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not an article file"
    return f"cannot read the file ({error.strerror or error})"


# --- HTML -----------------------------------------------------------------------------------


def _html_to_text(html: str, shown: str) -> tuple[str, str, str, str]:
    """The main text, the title, the site name and the date (ISO, "" when none) of an HTML
    page, by trafilatura (boilerplate removed), from what a browser would render."""
    if _has_more_elements(html, MAX_HTML_ELEMENTS):
        raise InputError(f"{shown}: too many HTML elements (more than {MAX_HTML_ELEMENTS:,}; the limit)")
    trafilatura = _trafilatura()
    try:
        rendered = _rendered_tree(trafilatura.load_html(html))
        content = html if rendered is None else rendered
        text = trafilatura.extract(content, include_comments=False, include_tables=True, favor_recall=True)
        if not text:
            text = trafilatura.html2txt(content)
        # The metadata (site name, date) also comes from what is not rendered: JSON-LD, meta tags.
        metadata = trafilatura.extract_metadata(html)
    except Exception as error:  # a parser failure on one hostile page must not crash the run
        raise InputError(f"{shown}: cannot parse the HTML ({type(error).__name__})") from None
    title = (metadata.title if metadata is not None else None) or ""
    site_name = (metadata.sitename if metadata is not None else None) or ""
    date = (metadata.date if metadata is not None else None) or ""
    if not text or not text.strip():
        raise InputError(f"{shown}: no article text found in the HTML")
    return text, title, site_name, date if _ISO_DATE.fullmatch(date) else ""


def _has_more_elements(html: str, limit: int) -> bool:
    """Whether `html` has more than `limit` start tags, counted without parsing it."""
    return next(itertools.islice(_START_TAG.finditer(html), limit, None), None) is not None


def _rendered_tree(tree: Any) -> Any:
    """The parsed page (an lxml tree, or None when it did not parse) without the elements a
    browser never renders as text (`_UNRENDERED`): trafilatura keeps `<template>`, and its
    fallback keeps `<noscript>`."""
    if tree is None:
        return None
    for element in itertools.chain.from_iterable(tree.xpath(path) for path in _UNRENDERED):
        if element.getparent() is not None:  # a page that is one such element keeps it
            element.drop_tree()  # keeps the text that follows the element
    return tree


def _trafilatura() -> Any:
    """Import trafilatura only when an HTML file is read: it takes about a second."""
    import trafilatura

    # Its parse warnings would otherwise reach stderr through logging's last-resort handler.
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())
    logging.getLogger("trafilatura").propagate = False
    return trafilatura


# --- corpus-level tidying -------------------------------------------------------------------


def _once_per_file(found: list[tuple[str, Article]], say: Warn) -> list[Article]:
    """A file named twice (or named and also inside a named folder) is one article, as is a URL
    named twice. `found` pairs each article with its file's real path or its URL."""
    seen: set[str] = set()
    kept = []
    for real, article in found:
        if real in seen:
            say(f"{article.path}: named more than once (read once)")
            continue
        seen.add(real)
        kept.append(article)
    return kept


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Ids are file names without extension; clashes ("a.txt", "a.md") get "-2", "-3"…
    in reading order."""
    ids = unique_names([a.id for a in articles])
    return [article if new == article.id else replace(article, id=new) for article, new in zip(articles, ids)]


def unique_names(names: Sequence[str]) -> list[str]:
    """`names` with clashes made unique in order: the second "a" becomes "a-2", the third "a-3"."""
    taken: set[str] = set()
    unique = []
    for name in names:
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name}-{n}"
        taken.add(candidate)
        unique.append(candidate)
    return unique


def _warn_duplicates(articles: list[Article], say: Warn) -> None:
    first_by_text: dict[str, Article] = {}
    for article in articles:
        original = first_by_text.setdefault(article.text, article)
        if original is not article:
            say(f"{article.path}: same text as {original.path} (both kept)")


def _show(path: Path | str) -> str:
    """A path as one inert line: controls visible, line breaks as "␤"."""
    return inert_line(str(path))


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _sizes(n: int, limit: int) -> tuple[str, str]:
    """`n` and `limit` shown so that a reader sees which is larger: in bytes when rounding to
    megabytes would print the same number twice ("5.0 MB; the limit is 5.0 MB")."""
    if _size(n) == _size(limit):
        return f"{n:,} bytes", f"{limit:,} bytes"
    return _size(n), _size(limit)
