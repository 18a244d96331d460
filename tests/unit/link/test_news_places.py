"""Places as news-derived lists write them are compared at the level they name."""

from tally.normalize.places import resolve_place


def test_province_names_the_governorate_not_its_capital():
    # "Hama province" is the governorate; read as Hama city, a victim of a village
    # elsewhere in the governorate would look like a different place
    assert resolve_place("Hama province").id == "SY05"
    assert resolve_place("محافظة حماة").id == "SY05"
    assert resolve_place("Lattakia governorate").id == "SY06"
    assert resolve_place("Hama").id == "SY050100"  # the bare name stays the city
