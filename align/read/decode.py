"""Bytes to text, as a browser decodes them (WHATWG Encoding standard): a byte order mark first,
then a server's charset or the page's `<meta charset>` read through the standard's label table,
else UTF-8, UTF-16 by its NUL pattern, CP1252 and Latin-1; binary files are refused by their
signatures and their share of control bytes. The reader decodes files with it, the fetcher
recognises a page served without a Content-Type with it."""

from __future__ import annotations

import codecs
import re

import webencodings  # type: ignore[import-untyped]

from align.models import InputError
from align.read.sanitize import inert_line

# Signatures of common binary formats that are sometimes renamed to .txt.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon image"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_DECODED_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
# Share of C0 control bytes (other than tab, line and page breaks) above which a file that
# decoded is still considered binary.
_MAX_CONTROL_SHARE = 0.05


def decode(data: bytes, shown: str, *, html: bool) -> tuple[str, bool]:
    """Decode bytes to text; returns (text, is_html): HTML when `html` (an .html file) or when
    the text starts like a page. Raises InputError for binary data."""
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"{shown}: binary file ({kind}), not text")
    text = _decode_text(data)
    if text is None:
        raise InputError(f"{shown}: binary file (NUL bytes), not text")
    controls = sum(1 for _ in _BINARY_CONTROL.finditer(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{shown}: binary file (control bytes), not text")
    is_html = html or bool(_HTML_START.match(text, 0, 2048))
    if is_html and not data.startswith(_BOMS):  # a byte order mark outranks any declaration
        text = _declared_charset_text(data, shown) or text
    return text, is_html


def decode_page(data: bytes, charset: str, shown: str) -> str:
    """A fetched page's text, decoded as a browser would (WHATWG Encoding standard): a byte
    order mark decides first, then the charset of the Content-Type header, then what `_decode`
    finds for an HTML file (meta charset included)."""
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"{shown}: not HTML ({kind})")
    if charset and not data.startswith(_BOMS):
        codec = _browser_codec(charset, shown, in_meta=False)
        if codec is not None:
            return str(codec.decode(data, "replace")[0])
    return decode(data, shown, html=True)[0]


def _browser_codec(label: str, shown: str, *, in_meta: bool) -> codecs.CodecInfo | None:
    """The codec a browser decodes a page with when it declares the charset `label`, through
    the WHATWG label table: "latin1", "iso-8859-1" and "ascii" mean windows-1252, and so on.
    None for a label browsers ignore (unknown ones, UTF-7: a page must not spell in UTF-7 what
    a browser never shows). `in_meta`: a meta tag read as ASCII cannot be in UTF-16, so such a
    label there means UTF-8. Raises InputError for the charsets browsers refuse to decode
    (ISO-2022-KR, HZ...: escape sequences can hide text; the standard's "replacement")."""
    encoding = webencodings.lookup(label)
    if encoding is None:
        return None
    name = str(encoding.name)
    if name == "replacement":
        raise InputError(
            f"{shown}: declares the charset {inert_line(label.strip().lower())}, which browsers refuse to decode"
        )
    if in_meta:
        name = {"utf-16le": "utf-8", "utf-16be": "utf-8", "x-user-defined": "windows-1252"}.get(name, name)
    codec: codecs.CodecInfo = webencodings.lookup(name).codec_info
    return codec


def looks_like_html(data: bytes) -> bool:
    """Whether bytes of unknown type (a page served without a Content-Type) start like HTML."""
    text = _decode_text(data[:4096])
    return text is not None and bool(_HTML_START.match(text, 0, 2048))


def _declared_charset_text(data: bytes, shown: str) -> str | None:
    """An HTML page that is not UTF-8 but declares its charset (`<meta charset=windows-1251>`)
    is decoded as a browser reads the declaration; the CP1252 guess would garble Cyrillic or
    Greek pages. None when the page declares nothing a browser would use."""
    match = _META_CHARSET.search(data, 0, 4096)
    if not match:
        return None
    try:
        data.decode("utf-8")
        # Valid UTF-8 is kept whatever the page claims: an editor or a download tool that
        # re-encoded a saved page seldom updates its meta tag, and legacy text is almost never
        # valid UTF-8 by chance.
        return None
    except UnicodeDecodeError:
        pass
    codec = _browser_codec(match.group(1).decode("ascii"), shown, in_meta=True)
    return None if codec is None else str(codec.decode(data, "replace")[0])


def _binary_kind(data: bytes) -> str:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    return ""


def _decode_text(data: bytes) -> str | None:
    """UTF-8 (BOM or not), UTF-32/UTF-16 with BOM, UTF-16 without BOM (NUL pattern), then
    CP1252, then Latin-1. None when NUL bytes mark the data as binary."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            return None
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes: keep the UTF-8 reading rather than turning every
    # "’" into "â€™"; a real CP1252 file almost never contains valid multi-byte sequences.
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    multibyte = sum(1 for _ in _DECODED_NON_ASCII.finditer(lenient))
    if multibyte > broken:
        return lenient
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs == 0 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.02 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls <= 0.02 * pairs:
        return "utf-16-be"
    return None
