"""Reports inside a container, known by their first bytes: compressed files are unpacked
(Debian ships its manuals and NEWS files gzipped); office documents and archives, which brief
cannot read, are refused with what to do instead."""

from __future__ import annotations

from briefcli.importers import LIMIT_TEXT, NotAReport

#: Compressed forms brief unpacks: first bytes → (compression, the file name's suffix).
_COMPRESSED = {
    b"\x1f\x8b": ("gzip", ".gz"),
    b"BZh": ("bzip2", ".bz2"),  # then the block size, '1'-'9', and the block's own magic
    b"\xfd7zXZ\x00": ("xz", ".xz"),
}
#: What a ZIP container is, by the entry that names it (ZIP writes entry names in the
#: clear, the first of them near the start).
_ZIPPED = (
    (b"word/", "a Word document"),
    (b"mimetypeapplication/vnd.oasis.opendocument.text", "an OpenDocument text"),
    (b"mimetypeapplication/epub+zip", "an EPUB book"),
    (b"ppt/", "a PowerPoint presentation"),
    (b"xl/", "an Excel workbook"),
)
#: The suffixes of compressed files' names.
_SUFFIXES = tuple(suffix for _, suffix in _COMPRESSED.values())


def unpacked_name(name: str) -> str:
    """``name`` without its compression's suffix, in any case ('NEWS.md.gz' → 'NEWS.md'): the
    name its own suffix and stem are read from."""
    for suffix in _SUFFIXES:
        if name.casefold().endswith(suffix):
            return name[: -len(suffix)]
    return name


_CONVERT = (
    "brief reads plain text, Markdown, HTML and PDF: save it as one of those first "
    "(or convert it, for example with pandoc -t markdown)"
)


def unpacked(data: bytes, name: str, limit: int) -> bytes:
    """``data`` unpacked when compressed (at most ``limit`` bytes of it, else
    :class:`NotAReport`); ``name`` is the file's, for messages.

    A report in a form brief cannot read (a Word document, an EPUB, an RTF file, a ZIP
    archive) is a :class:`NotAReport` that says what to do instead of 'binary data'.
    """
    for magic, (kind, _) in _COMPRESSED.items():
        if data.startswith(magic) and (kind != "bzip2" or data[4:10] == b"1AY&SY"):
            data = _decompress(data, name, kind, limit)
            break
    if data[257:262] == b"ustar":
        raise NotAReport(f"{name}: a tar archive; unpack it and import the report in it")
    if data.startswith(b"PK\x03\x04"):
        head = data[:4096]
        what = next((what for mark, what in _ZIPPED if mark in head), None)
        if what is None:
            raise NotAReport(f"{name}: a ZIP archive; unpack it and import the report in it")
        raise NotAReport(f"{name}: {what}; {_CONVERT}")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise NotAReport(f"{name}: a Microsoft Office document (.doc or .xls); {_CONVERT}")
    if data[:64].lstrip()[:5] == b"{\\rtf":
        raise NotAReport(f"{name}: an RTF document; {_CONVERT}")
    return data


def _decompress(data: bytes, name: str, kind: str, limit: int) -> bytes:
    """The bytes ``data`` packs (one stream after another, as ``cat a.gz b.gz`` makes), at
    most ``limit`` of them: a small file that unpacks to gigabytes (a 'bomb') stops at the
    limit instead of filling memory."""
    import bz2
    import lzma
    import zlib

    parts: list[bytes] = []  # one per stream; joined only when there are several
    size = 0
    rest = data
    while rest:
        unpacker: zlib._Decompress | bz2.BZ2Decompressor | lzma.LZMADecompressor
        if kind == "gzip":
            unpacker = zlib.decompressobj(wbits=31)
        elif kind == "bzip2":
            unpacker = bz2.BZ2Decompressor()
        else:
            unpacker = lzma.LZMADecompressor()
        try:
            parts.append(unpacker.decompress(rest, limit + 1 - size))
        except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError) as exc:
            raise NotAReport(f"{name}: damaged {kind} data ({exc})") from None
        size += len(parts[-1])
        if size > limit:
            raise NotAReport(f"{name}: unpacks to more than {limit:,} bytes; {LIMIT_TEXT}")
        if not unpacker.eof:
            raise NotAReport(f"{name}: truncated {kind} data (the file ends inside it)")
        rest = unpacker.unused_data.lstrip(b"\0")  # (tar and dd pad with zeros)
    return parts[0] if len(parts) == 1 else b"".join(parts)
