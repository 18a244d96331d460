"""Encoding detection on real bytes in the encodings lists arrive in."""

import codecs

import pytest

from tally.errors import IngestError
from tally.ingest.encodings import canonical_encoding, detect_encoding

ARABIC = "الاسم;الجنس;المكان\nمحمد عبد الله الأحمد;ذكر;جبلة\nفاطمة علي إبراهيم;أنثى;بانياس\nيوسف الخطيب;ذكر;القرداحة\n"


@pytest.mark.parametrize(
    "data, expected",
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),
        (ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("utf-16-be"), "utf-16-be"),
        (ARABIC.encode("cp1256"), "cp1256"),
        (ARABIC.encode("iso8859-6"), "iso8859-6"),
        ("name,place\nJosé,Alep\nRené,Homs\n".encode("cp1252"), "cp1252"),
        (b"name,place\nAli,Homs\n", "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1256", "iso8859-6",
         "cp1252", "ascii"],
)
def test_detects_the_encoding_lists_arrive_in(data, expected):
    assert detect_encoding(data) == expected
    assert ARABIC in data.decode(expected) or expected in ("cp1252", "utf-8")


def test_binary_file_is_refused_with_its_name():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(IngestError, match="photo.png.*binary"):
        detect_encoding(png, "photo.png")


@pytest.mark.parametrize(
    "given, codec", [("Windows-1256", "cp1256"), ("ISO-8859-6", "iso8859-6"),
                     ("UTF-16", "utf-16"), ("utf8", "utf-8")]
)
def test_user_encoding_names_are_understood(given, codec):
    assert canonical_encoding(given) == codec


def test_unknown_encoding_name_is_refused():
    with pytest.raises(IngestError, match="unknown encoding 'klingon'"):
        canonical_encoding("klingon")
