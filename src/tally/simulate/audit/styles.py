"""The Latin house styles of the audit lists (see :mod:`tally.simulate.audit.spelling`).

Weights follow :data:`tally.simulate.audit.spelling.FEATURES`' order: e.g. ``article``
is (al-, Al-, Al , el-, El-, dropped, assimilated). ``prefer`` picks each common name's
printed form (index into ``SPECIAL``); ``noise`` is the share of records whose writer
ignores the house style.
"""

from __future__ import annotations

from tally.simulate.audit import spelling

def _w(**kw) -> dict:
    return kw


STYLE_EN_EARLY = spelling.Style("en-2025a", _w(
    article=(0, 0, 0, 6, 3, 1, 0), abd=(1, 6, 2, 1, 0, 0), abu=(6, 3, 0), u=(5, 4, 1, 0),
    ay=(1, 3, 5, 1), aw=(5, 3, 1), q=(8, 1, 1), j=(9, 0, 1), kh=(9, 1), sh=(1, 0), gh=(9, 1),
    th=(6, 3, 1), dh=(4, 4, 1, 1), double=(8, 2), ayn=(6, 1, 3), imala=(3, 7), long_i=(8, 2),
    tam=(2, 5, 3)), prefer={"Muhammad": 1, "Husayn": 1, "Yusuf": 1, "Sulayman": 1, "Fatima": 2,
                            "Zaynab": 2, "Haydar": 1, "'Isa": 1, "Abd Allah": 1}, noise=0.08)
STYLE_EN_LATE = spelling.Style("en-2025b", _w(
    article=(8, 1, 0, 1, 0, 0, 0), abd=(4, 3, 1, 0, 0, 0), abu=(9, 1, 0), u=(9, 1, 0, 0),
    ay=(4, 5, 1, 0), aw=(8, 1, 1), q=(9, 1, 0), j=(10, 0, 0), kh=(10, 0), sh=(1, 0), gh=(1, 0),
    th=(8, 1, 1), dh=(6, 2, 1, 1), double=(6, 4), ayn=(8, 2, 0), imala=(6, 4), long_i=(9, 1),
    tam=(5, 4, 1)), prefer={"Muhammad": 3, "Husayn": 2, "Yusuf": 0, "Sulayman": 2, "Fatima": 0,
                            "Zaynab": 1, "Haydar": 0, "Abd Allah": 2}, noise=0.08)
STYLE_BI = spelling.Style("bilingual", _w(
    article=(1, 6, 3, 0, 0, 0, 0), abd=(0, 7, 2, 1, 0, 0), abu=(5, 5, 0), u=(4, 5, 1, 0),
    ay=(1, 3, 6, 0), aw=(3, 6, 1), q=(6, 2, 2), j=(9, 0, 1), kh=(9, 1), sh=(9, 1), gh=(9, 1),
    th=(5, 4, 1), dh=(3, 6, 0, 1), double=(9, 1), ayn=(8, 0, 2), imala=(2, 8), long_i=(7, 3),
    tam=(3, 3, 4)), prefer={"Muhammad": 2, "Husayn": 1, "Yusuf": 1, "Fatima": 2}, noise=0.12)
STYLE_NEWS_A = spelling.Style("wire", _w(
    article=(8, 1, 0, 0, 0, 0, 1), abd=(5, 3, 1, 1, 0, 0), abu=(10, 0, 0), u=(7, 1, 2, 0),
    ay=(1, 4, 5, 0), aw=(6, 2, 2), q=(9, 1, 0), j=(10, 0, 0), kh=(10, 0), sh=(10, 0), gh=(10, 0),
    th=(7, 2, 1), dh=(5, 3, 1, 1), double=(7, 3), ayn=(7, 3, 0), imala=(4, 6), long_i=(8, 2),
    tam=(6, 3, 1)), prefer={"Muhammad": 2, "Husayn": 1, "Yusuf": 1}, noise=0.25)
STYLE_NEWS_B = spelling.Style("aggregator", _w(
    article=(2, 2, 1, 3, 1, 1, 0), abd=(1, 3, 3, 3, 0, 0), abu=(3, 6, 1), u=(2, 6, 2, 0),
    ay=(0, 3, 7, 0), aw=(1, 8, 1), q=(5, 3, 2), j=(6, 3, 1), kh=(7, 3), sh=(6, 4), gh=(7, 3),
    th=(3, 6, 1), dh=(2, 6, 1, 1), double=(6, 4), ayn=(8, 1, 1), imala=(2, 8), long_i=(6, 4),
    tam=(2, 2, 6)), prefer={"Muhammad": 4, "Husayn": 4, "Yusuf": 1, "Fatima": 3}, noise=0.3)
STYLE_LOCAL = spelling.Style("diaspora", _w(
    article=(2, 3, 3, 2, 0, 0, 0), abd=(0, 5, 4, 1, 0, 0), abu=(4, 6, 0), u=(3, 5, 2, 0),
    ay=(0, 4, 6, 0), aw=(3, 6, 1), q=(4, 4, 2), j=(8, 1, 1), kh=(8, 2), sh=(9, 1), gh=(8, 2),
    th=(4, 5, 1), dh=(2, 7, 0, 1), double=(5, 5), ayn=(8, 0, 2), imala=(2, 8), long_i=(4, 6),
    tam=(2, 2, 6)), prefer={"Muhammad": 1, "Husayn": 1, "Yusuf": 1}, noise=0.3)
