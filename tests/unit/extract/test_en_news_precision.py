"""Precision on hard news paragraphs (issue 17): what X1's held-out news half left."""

import pytest

from tests.unit.extract.main_count import main_count


@pytest.mark.parametrize("text,want", [
    # a victim list interrupted by its source
    ("The strikes killed 8 fighters, the monitor said, as well as 20 civilians, among them six children.", 20),
    ("Government bombardment killed 15 civilians, the Observatory said, in addition to four rescue workers.", 19),
    ("Shelling killed 6 civilians, medics said, and two paramedics.", 8),
])
def test_a_list_interrupted_by_its_source_is_one_list(text, want):
    assert main_count(text) == want


def test_a_source_aside_that_ends_the_list_adds_nothing():
    assert main_count("Shelling killed 6 civilians, medics said, and the army denied it.") == 6


@pytest.mark.parametrize("text,want", [
    ("Rescuers said 42 people died in the gas attack on Douma, while a medical group put the toll at 49.", 42),
    ("Hospital sources said 11 people were killed in the raids on Jisr al-Shughur; rebels gave a higher "
     "figure of 16.", 11),
    ("Local officials said 9 people were killed in the blast, whereas opposition activists said 14 had died.", 9),
    ("State media said 5 soldiers were killed near Saraqeb, but the Observatory put the number at 12.", 5),
])
def test_a_second_sources_figure_for_the_same_event_is_not_the_main_count(text, want):
    assert main_count(text) == want


def test_two_events_in_one_sentence_still_give_the_larger():
    assert main_count("A car bomb killed 4 people in Azaz and an air strike killed 11 in Marea.") in (11, 15)


@pytest.mark.parametrize("text,want", [
    ("The shelling of Maarat al-Numan caused 12 casualties, including 4 dead, medics said.", 4),
    ("The strike on the camp caused dozens of casualties, among them at least 7 killed.", 7),
    ("The car bomb caused 30 casualties, among them 9 dead, according to local sources.", 9),
])
def test_casualties_are_dead_and_wounded_and_their_dead_are_the_count(text, want):
    assert main_count(text) == want


def test_casualties_alone_are_no_death_count():
    assert main_count("The car bomb in Ras al-Ain left 9 casualties, all of them wounded.") is None


@pytest.mark.parametrize("text,want", [
    ("15 Syrian Civilians, 3 Children Among Them, Killed in Idlib Raids", 15),
    ("Twenty people, six children among them, were killed in the shelling of Ariha.", 20),
])
def test_a_part_told_before_among_them_is_a_part(text, want):
    assert main_count(text) == want
