"""Mapping files: a list's own columns to victim record fields."""

import pytest

from tally.errors import IngestError
from tally.ingest.mapping import load_mapping


def write(tmp_path, text):
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_field_is_refused_naming_the_file(tmp_path):
    path = write(tmp_path, '[fields]\nfull_name = "Name"\n')
    with pytest.raises(IngestError, match=r"map.toml.*'full_name' is not a victim record field"):
        load_mapping(path)


def test_bad_split_part_is_refused(tmp_path):
    path = write(tmp_path, '[fields]\ngiven_name = { split = "Name", part = "first" }\n')
    with pytest.raises(IngestError, match="split needs part"):
        load_mapping(path)


def test_bad_toml_is_refused(tmp_path):
    path = write(tmp_path, "[fields\nname = 'x'\n")
    with pytest.raises(IngestError, match="not a valid TOML mapping"):
        load_mapping(path)


def test_unknown_date_order_is_refused(tmp_path):
    path = write(tmp_path, '[options]\ndate_order = "ddmmyy"\n[fields]\nname = "n"\n')
    with pytest.raises(IngestError, match="date_order"):
        load_mapping(path)


def test_a_constant_date_in_the_declared_order_is_accepted(tmp_path):
    path = write(tmp_path, '[options]\ndate_order = "dmy"\n[fields]\nname = "n"\n'
                           '[constants]\ndate_of_death = "06/03/2025"\n')
    assert load_mapping(path).constants == {"date_of_death": "06/03/2025"}
    path = write(tmp_path, '[fields]\nname = "n"\n[constants]\ndate_of_death = "06/03/2025"\n')
    with pytest.raises(IngestError, match=r"\[constants\] date_of_death = '06/03/2025'"):
        load_mapping(path)
