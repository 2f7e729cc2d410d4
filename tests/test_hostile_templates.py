"""Broken and malicious Word templates: each one gets "not a usable Word template", the old
report stays, and no report is ever written with a part Word could not read.

The templates are made from python-docx's own document (with a header, as a
house style has) and then damaged part by part: malformed XML, a billion
laughs, an external entity in the header, an entity in an attribute, a bad
CRC, a compression method no reader knows, a part of 4 GiB.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from .conftest import load_sample
from .hostile import (
    RawEntry,
    assert_refused,
    entry,
    export_bounded,
    import_review,
    library_state,
    raw_zip,
    run_bounded,
    zeros_entry,
)


def _house_parts() -> dict[str, bytes]:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "ACME house style"
    out = io.BytesIO()
    document.save(out)
    archive = zipfile.ZipFile(out)
    return {info.filename: archive.read(info) for info in archive.infolist()}


def _template(parts: dict[str, bytes], changed: dict[str, RawEntry] | None = None) -> bytes:
    changed = changed or {}
    entries = [changed.get(name) or entry(name, data) for name, data in parts.items()]
    entries += [item for name, item in changed.items() if name not in parts]
    return raw_zip(entries)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def _with_doctype(xml: bytes, doctype: bytes, reference: bytes, where: bytes) -> bytes:
    """``xml`` with a DOCTYPE after its declaration and ``reference`` put in at ``where``."""
    head, rest = xml.split(b"?>", 1)
    return head + b"?>" + doctype + rest.replace(where, where + reference, 1)


def _damaged(how: str) -> bytes:
    parts = _house_parts()
    document, header = parts["word/document.xml"], parts["word/header1.xml"]
    if how == "malformed XML":
        return _template(parts, {"word/styles.xml": entry("word/styles.xml", b"<w:styles><w:st")})
    if how == "billion laughs":
        return _template(parts, {"word/document.xml": entry("word/document.xml", LAUGHS)})
    if how == "external entity in the header":
        xxe = _with_doctype(
            header, b'<!DOCTYPE hdr [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>',
            b"<w:r><w:t>&xxe;</w:t></w:r>", b"<w:p>",
        )  # fmt: skip
        return _template(parts, {"word/header1.xml": entry("word/header1.xml", xxe)})
    if how == "undeclared entity in the header":
        return _template(
            parts,
            {"word/header1.xml": entry("word/header1.xml", header.replace(
                b"ACME house style", b"ACME &xxe; style"))},
        )  # fmt: skip
    if how == "entity in an attribute":
        attribute = _with_doctype(
            document, b'<!DOCTYPE d [<!ENTITY big "' + b"x" * 100 + b'">]>', b"", b"<w:body>"
        ).replace(b"<w:body>", b'<w:body w:rsidR="&big;">', 1)
        return _template(parts, {"word/document.xml": entry("word/document.xml", attribute)})
    if how == "bad CRC":
        good = entry("word/document.xml", document)
        bad = RawEntry(good.name, good.packed, good.size, good.crc ^ 0xFFFF)
        return _template(parts, {"word/document.xml": bad})
    if how == "unknown compression method":
        good = entry("word/document.xml", document)
        odd = RawEntry(good.name, good.packed, good.size, good.crc, method=99)
        return _template(parts, {"word/document.xml": odd})
    if how == "a 4 GiB part":
        return _template(parts, {"word/media/image1.png": zeros_entry("word/media/image1.png",
                                                                      4 * 2**30 - 2)})  # fmt: skip
    if how == "not a zip":
        return b"PK\x03\x04 but nothing after"
    raise AssertionError(how)


CASES = [
    "malformed XML",
    "billion laughs",
    "external entity in the header",
    "undeclared entity in the header",
    "entity in an attribute",
    "bad CRC",
    "unknown compression method",
    "a 4 GiB part",
    "not a zip",
]


@pytest.mark.parametrize("how", CASES)
def test_a_broken_template_is_not_a_usable_word_template(library_path, tmp_path, how):
    review_id = import_review(library_path, load_sample(), tmp_path)
    template = tmp_path / "house.docx"
    template.write_bytes(_damaged(how))
    out = tmp_path / "report.docx"
    out.write_bytes(b"the previous report")
    before = library_state(library_path)
    result = run_bounded(
        "--library", str(library_path), "export", review_id, "--format", "docx",
        "--template", str(template), "--out", str(out),
    )  # fmt: skip
    assert_refused(result, f"the template {template} is not a usable Word template")
    assert out.read_bytes() == b"the previous report"
    assert library_state(library_path) == before


def _every_part_is_well_formed(path: Path) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    names = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")):
                content = archive.read(info)
                assert b"<!DOCTYPE" not in content and not re.search(
                    rb"&(?!amp;|lt;|gt;|quot;|apos;|#)", content
                ), info.filename
                etree.fromstring(content, parser)
                names.append(info.filename)
    return names


def test_a_house_template_gives_a_report_whose_every_part_is_well_formed(library_path, tmp_path):
    review_id = import_review(library_path, load_sample(), tmp_path)
    template = tmp_path / "house.docx"
    template.write_bytes(_template(_house_parts()))
    out = tmp_path / "report.docx"
    result = run_bounded(
        "--library", str(library_path), "export", review_id, "--format", "docx",
        "--template", str(template), "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "word/header1.xml" in _every_part_is_well_formed(out)
    header = zipfile.ZipFile(out).read("word/header1.xml")
    assert b"ACME house style" in header
    assert "API returned 500 errors" in "\n".join(p.text for p in Document(out).paragraphs)


def test_the_plain_report_is_well_formed_too(library_path, tmp_path):
    review_id = import_review(library_path, load_sample(), tmp_path)
    out = export_bounded(library_path, review_id, "docx", tmp_path / "plain.docx")
    assert "word/document.xml" in _every_part_is_well_formed(out)
