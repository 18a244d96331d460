"""Which script a simulated record's name is written in, as the linkage scorers read it.

The by-kind reports (cross-script, Latin~Latin) rest on this: a profile that names the
script in its truth's own ``script`` column must not be read as all-Arabic."""

from tally.simulate.score import load_record_scripts


def _truth(tmp_path, header, rows):
    (tmp_path / "truth").mkdir()
    lines = [",".join(header)] + [",".join(r) for r in rows]
    (tmp_path / "truth" / "records.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_a_script_column_is_read_as_written(tmp_path):
    sim = _truth(tmp_path, ["record_id", "source", "person_id", "errors", "script"],
                 [["A-1", "xx", "P1", "", "latin"], ["B-1", "yy", "P1", "", "arabic"]])
    assert load_record_scripts(sim) == {"A-1": "latin", "B-1": "arabic"}


def test_without_a_script_column_the_older_signs_are_read(tmp_path):
    sim = _truth(tmp_path, ["record_id", "source", "person_id", "errors"],
                 [["E-1", "rg-en", "P1", ""], ["L-1", "other", "P1", "latin_script;typo"],
                  ["R-1", "other", "P2", "typo"]])
    assert load_record_scripts(sim) == {"E-1": "latin", "L-1": "latin", "R-1": "arabic"}
