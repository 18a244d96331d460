"""What every audit list shares: the truth in each script, and the list base class.

:class:`AuditList` renders a victim from the truth alone, with the list's own
generator, so a re-entry (the same victim entered twice by one source) is spelled
again from scratch, the way a second volunteer would write it. :meth:`AuditList.render`
returns the row and an annotation: the variations applied (``errors``), the script of
the name, whether the record is thin, the date's form and offset from the true date of
death, and the level of the place it names.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from tally.simulate.audit import spelling
from tally.simulate.audit.names import stocks
from tally.simulate.audit.people import Person

STOCKS = stocks()
UNIDENTIFIED = "مجهول الهوية"
_KUNYA_LATIN = {"حفص": "Hafs", "الوليد": "al-Walid", "يعقوب": "Ya'qub", "داود": "Dawud",
                "خليل": "Khalil", "علي": "'Ali", "أحمد": "Ahmad", "محمد": "Muhammad", "حسن": "Hasan"}

#: how each list spells governorates in Latin (a house habit; first is the reference)
GOV_LATIN = {
    "Latakia": ("Latakia", "Lattakia", "Al-Ladhiqiyah"), "Tartus": ("Tartus", "Tartous"),
    "Hama": ("Hama", "Hamah"), "Homs": ("Homs",), "Suwayda": ("Suwayda", "Sweida", "As-Suwayda"),
    "Rif Dimashq": ("Rif Dimashq", "Damascus Suburbs", "Rural Damascus"),
    "Damascus": ("Damascus",), "Aleppo": ("Aleppo",), "Idlib": ("Idlib", "Idleb"),
    "Hasakah": ("Hasakah", "Hasakeh", "Al-Hasakah"), "Raqqa": ("Raqqa", "Raqqah", "Al-Raqqah"),
    "Deir ez-Zor": ("Deir ez-Zor", "Deir Ezzor", "Dayr al-Zawr"), "Daraa": ("Daraa", "Deraa", "Dar'a"),
    "Quneitra": ("Quneitra", "Al-Qunaytirah"),
}


# -- the truth, in each script ---------------------------------------------------------

def _stock(p: Person, part: str):
    st = STOCKS[p.community]
    if part == "given":
        return st["male" if p.sex == "male" else "female"], p.given
    if part in ("father", "grandfather"):
        return st["male"], getattr(p, part)
    if part == "family":
        return st["family"], p.family
    if part == "mother":
        return st["female"], p.mother
    if part == "husband":
        return st["male"], p.husband
    if part == "husband_family":
        return st["family"], p.husband_family
    return st["family"], p.mother_family


def ar(p: Person, part: str) -> str:
    stock, i = _stock(p, part)
    return stock.arabic[i]


def ref(p: Person, part: str) -> tuple[str, bool]:
    """Reference Latin of a name part, and whether its Arabic ends in ta marbuta."""
    stock, i = _stock(p, part)
    return stock.latin[i], stock.arabic[i].endswith("ة")


def kunya_ref(arabic: str) -> str:
    st = STOCKS["sunni"]["male"]
    return st.latin[st.index(arabic)] if arabic in st.arabic else _KUNYA_LATIN.get(arabic, "Muhammad")


def iso_partial(d: dt.date, form: str) -> str:
    return {"month": d.strftime("%Y-%m"), "year": str(d.year)}[form]

class AuditList:
    """One list: identity, capture (in :mod:`capture`), rendering, file and mapping."""

    id = ""
    name = ""
    kind = "rights_group_list"
    reliability = "B"
    language = "ar"
    file = ""
    prefix = ""
    list_kind = ""
    duplicate = 0.0  # share of its victims it enters twice

    #: a re-entry comes from another informant or volunteer: its spelling varies more
    REENTRY_BOOST = 2.5

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"tally-audit:{seed}:{self.id}")
        self._boost = 1.0
        self.rows: list[tuple] = []   # (sort key, row without id)
        self.count = 0

    @property
    def mapping_file(self) -> str:
        return f"mappings/{self.id}.toml"

    # helpers -----------------------------------------------------------------------
    def _date(self, p: Person, probs: dict[str, float], applied: set[str], base: dt.date | None = None,
              shift: tuple[int, ...] = (-1, 1)) -> tuple[object, str, int]:
        """(value as a date or partial text, form, offset from the true date)."""
        rng = self.rng
        d = base or p.date
        u, acc = rng.random(), 0.0
        form = "day"
        for k, v in probs.items():
            acc += v
            if u < acc:
                form = k
                break
        if form == "day":
            return d, "day", (d - p.date).days
        if form == "shift":
            d = d + dt.timedelta(days=rng.choice(shift))
            applied.add("date_shift")
            return d, "day", (d - p.date).days
        if form == "burial":
            applied.add("burial_date")
            return p.burial, "day", (p.burial - p.date).days
        if form == "missing":
            applied.add("date_missing")
            return "", "missing", 0
        applied.add("month_only" if form == "month" else "year_only")
        return iso_partial(d, form), form, 0

    def _age(self, p: Person, off: float, spread: int, applied: set[str]) -> str:
        """The age as this list heard it: off by 1 to ``spread`` years in ``off`` of records
        (an estimate, the age at the next birthday, a relative's guess)."""
        if self.rng.random() < off:
            applied.add("age_off")
            return str(max(0, p.age + self.rng.choice((-1, 1)) * self.rng.randint(1, spread)))
        return str(p.age)

    def _ar(self, p: Person, part: str, rates: dict, applied: set[str]) -> str:
        if self._boost != 1.0:
            rates = {k: min(0.9, v * self._boost) for k, v in rates.items()}
        return spelling.arabic(ar(p, part), self.rng, rates, applied)

    def _lat(self, p: Person, part: str, c: dict) -> str:
        r, tam = ref(p, part)
        return spelling.latin(r, c, tam, ar(p, part))

    def _typo(self, parts: list[str], rate: float, applied: set[str], latin: bool) -> None:
        if parts and self.rng.random() < rate * self._boost:
            i = self.rng.randrange(len(parts))
            parts[i] = (spelling.latin_typo if latin else spelling.arabic_typo)(parts[i], self.rng)
            applied.add("typo")

    def add(self, p: Person, duplicate: bool = False) -> dict:
        applied: set[str] = {"duplicate"} if duplicate else set()
        self._boost = self.REENTRY_BOOST if duplicate else 1.0
        key, row, ann = self.render(p, applied)
        self._boost = 1.0
        if duplicate:  # entered again weeks later, when the list was revised
            key = key + dt.timedelta(days=self.rng.randint(3, 60))
        self.rows.append((key, self.rng.random(), row, p, ann))
        ann["errors"] = applied
        return ann

    def render(self, p: Person, applied: set[str]) -> tuple[dt.date, tuple, dict]:  # pragma: no cover
        raise NotImplementedError

    def ordered(self):
        """Rows in the list's own order (by date entered), each with its record id."""
        self.rows.sort(key=lambda r: (r[0], r[1]))
        for i, (_, _, row, p, ann) in enumerate(self.rows, 1):
            yield f"{self.prefix}-{i:06d}", row, p, ann
        self.count = len(self.rows)

    def write(self, outdir: Path) -> list[tuple[str, Person, dict]]:  # pragma: no cover
        raise NotImplementedError

    def mapping(self) -> str:  # pragma: no cover
        raise NotImplementedError


def annotation(script: str, date_form: str, offset: int, level: str, thin: bool = False) -> dict:
    return {"script": script, "date_form": date_form, "date_offset": offset,
            "place_level": level, "thin": thin}


def write_csv(path: Path, encoding: str, delimiter: str, header, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)
