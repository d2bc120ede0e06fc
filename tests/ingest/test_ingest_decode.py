"""Which files the importer reads, and the one-line error for the ones it cannot."""

from __future__ import annotations

import codecs

import pytest

from taskboard.ingest import IngestError, parse_file

PLAN = (
    "某区2023年工作要点\n一、重点任务\n1.推进一网通办。\n牵头单位：区政务服务中心\n完成时限：2023年6月底前\n"
)


def _titles_and_leads(path):
    doc = parse_file(path)
    return [(t.title, t.lead_units, t.deadline.isoformat()) for t in doc.tasks]


EXPECTED = [("推进一网通办", ["区政务服务中心"], "2023-06-30")]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", PLAN.encode("utf-8")),
        ("bom.txt", codecs.BOM_UTF8 + PLAN.encode("utf-8")),
        ("gbk.txt", PLAN.encode("gbk")),
        ("gb18030.txt", PLAN.encode("gb18030")),
        ("crlf.txt", PLAN.replace("\n", "\r\n").encode("utf-8")),
        ("notes.md", PLAN.encode("utf-8")),
    ],
)
def test_supported_encodings_read_the_same(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert _titles_and_leads(path) == EXPECTED


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_multibyte_character_cut_off_at_the_end_is_dropped(tmp_path, encoding):
    path = tmp_path / "cut.txt"
    data = (PLAN + "备注：完").encode(encoding)
    path.write_bytes(data[:-1])  # a download cut in the middle of 完
    assert _titles_and_leads(path) == EXPECTED


def _error(path) -> str:
    with pytest.raises(IngestError) as info:
        parse_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert path.name in message
    return message


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  ", codecs.BOM_UTF8])
def test_empty_files_are_refused(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in _error(path)


def test_binary_files_are_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert "binary" in _error(path)


def test_a_pdf_renamed_to_txt_is_named_as_such(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert "PDF" in _error(path)


@pytest.mark.parametrize("name", ["plan.pdf", "tasks.xlsx", "old.doc", "README"])
def test_unknown_suffixes_are_refused_before_reading(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PLAN.encode("utf-8"))
    assert "unsupported format" in _error(path)


def test_a_missing_file_is_reported(tmp_path):
    assert "cannot read" in _error(tmp_path / "missing.txt")


def test_a_directory_is_reported(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "directory" in _error(folder)


def test_unknown_encodings_are_refused(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(PLAN.encode("utf-16"))
    assert "UTF-16" in _error(path)
