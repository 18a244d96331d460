"""A thin news record's place is all it has beyond its name: French press lists
write it "province de X", "campagne d'X", and read as nothing those records had
no governorate, so no blocking rule ever paired them (ledger profile, 5,000
records: 115 true pairs never compared for it)."""

import pytest

from tally.normalize.places import resolve_place


@pytest.mark.parametrize("text, gov", [
    ("province de Tartus", "SY10"), ("campagne de Hama", "SY05"), ("campagne d'Alep", "SY02"),
    ("province d'Idleb", "SY07"), ("province de Soueïda", "SY13"), ("campagne de Lattaquié", "SY06"),
])
def test_french_governorate_wordings_name_the_governorate(text, gov):
    m = resolve_place(text)
    assert m is not None and (m.id, m.admin_level) == (gov, 1), text
