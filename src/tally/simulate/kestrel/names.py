"""Names per community, drawn with Zipf weights, with their usual Latin spelling.

Syrian given names are concentrated (a few names such as Mohammed, Ali, Hassan carry a
large share of men), and a village's families are few: so namesakes (same given and
family name) are common within a community and across incidents. Each community ranks
the shared pool in its own order, its preferred names first (Alawite: Ali, Hassan,
Haidar, Suleiman; Druze: Salman, Kamal, Nazih, Wassim; Bedouin tribes: Fahd, Ayed,
Khaled). Family pools: hand lists of names common in each community's reporting, then,
where the shared dictionary (``arabic-names/dict_ar_en.csv``) is present, a tail of its
``ال`` family names split among the communities. Weights are 1/rank**s.
"""

from __future__ import annotations

import csv
import random
from bisect import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from tally.simulate.kestrel.places import shared_data

MALE = {
    "محمد": "Mohammed", "أحمد": "Ahmad", "علي": "Ali", "حسن": "Hassan", "حسين": "Hussein",
    "محمود": "Mahmoud", "خالد": "Khaled", "عمر": "Omar", "يوسف": "Youssef", "إبراهيم": "Ibrahim",
    "مصطفى": "Mustafa", "عبدالله": "Abdullah", "سامر": "Samer", "سامي": "Sami", "رامي": "Rami",
    "رامز": "Ramez", "جمال": "Jamal", "كمال": "Kamal", "وليد": "Walid", "فادي": "Fadi",
    "هادي": "Hadi", "شادي": "Shadi", "باسل": "Basel", "بشار": "Bashar", "مازن": "Mazen",
    "نزار": "Nizar", "حيدر": "Haidar", "سليمان": "Suleiman", "عيسى": "Issa", "غسان": "Ghassan",
    "أيمن": "Ayman", "ماهر": "Maher", "مهند": "Muhannad", "عماد": "Imad", "سعد": "Saad",
    "سعيد": "Said", "منذر": "Munther", "نبيل": "Nabil", "جميل": "Jamil", "حسام": "Hussam",
    "وسيم": "Wassim", "علاء": "Alaa", "طارق": "Tareq", "زياد": "Ziad", "رياض": "Riad",
    "فراس": "Firas", "أسامة": "Osama", "سلمان": "Salman", "فهد": "Fahd", "عايد": "Ayed",
    "ناصر": "Nasser", "منصور": "Mansour", "عدنان": "Adnan", "ياسر": "Yasser", "جابر": "Jaber",
    "معين": "Moein", "صالح": "Saleh", "نزيه": "Nazih", "إلياس": "Elias", "جورج": "George",
}
FEMALE = {
    "فاطمة": "Fatima", "مريم": "Mariam", "زينب": "Zainab", "سلمى": "Salma", "لمى": "Lama",
    "ريم": "Reem", "رنا": "Rana", "هبة": "Hiba", "نور": "Nour", "نورا": "Noura", "هالة": "Hala",
    "علا": "Ola", "سوسن": "Sawsan", "سهام": "Siham", "منى": "Mona", "رهف": "Rahaf", "جنى": "Jana",
    "لين": "Leen", "ليلى": "Layla", "أمل": "Amal", "هيام": "Hiyam", "وفاء": "Wafaa", "سمر": "Samar",
    "رولا": "Rola", "غادة": "Ghada", "عبير": "Abeer", "دعاء": "Doaa", "آية": "Aya", "سارة": "Sara",
    "رغد": "Raghad", "ندى": "Nada", "سناء": "Sanaa", "رشا": "Rasha", "إيمان": "Iman",
    "خديجة": "Khadija", "ماري": "Mary",
}
PREFERRED = {
    "alawite": (["علي", "حسن", "حيدر", "سليمان", "حسين", "محمد", "يوسف", "علاء"],
                ["زينب", "فاطمة", "سهام", "رنا", "ريم"]),
    "druze": (["سلمان", "كمال", "نزيه", "وسيم", "فراس", "منذر", "معين", "جمال", "وليد"],
              ["سلمى", "لمى", "هيام", "سوسن", "منى"]),
    "bedouin": (["محمد", "فهد", "عايد", "خالد", "ناصر", "صالح", "عبدالله", "جابر"],
                ["فاطمة", "خديجة", "نورا", "مريم"]),
    "sunni": (["محمد", "أحمد", "عمر", "خالد", "محمود", "مصطفى", "عبدالله", "أسامة"],
              ["فاطمة", "خديجة", "آية", "سارة"]),
    "christian": (["جورج", "إلياس", "جميل", "سامي", "نبيل"], ["ماري", "ريم", "رولا", "مريم"]),
    "ismaili": (["علي", "حسن", "نزار", "سامر", "كمال"], ["نور", "سمر", "فاطمة"]),
}
FAMILIES = {
    "alawite": {"ديب": "Deeb", "سليمان": "Suleiman", "خضور": "Khaddour", "ميهوب": "Mayhoub",
                "إبراهيم": "Ibrahim", "علي": "Ali", "حسن": "Hassan", "يوسف": "Youssef",
                "عيسى": "Issa", "صقر": "Saqr", "الأسعد": "Al-Asaad", "محفوض": "Mahfoud",
                "شاهين": "Shahin", "غانم": "Ghanem", "عباس": "Abbas", "عمران": "Omran",
                "زيدان": "Zaidan", "ناصيف": "Nassif", "حمدان": "Hamdan", "درويش": "Darwish"},
    "druze": {"أبو فخر": "Abu Fakhr", "الحناوي": "Al-Hinawi", "عزام": "Azzam", "نصر": "Nasr",
              "رضوان": "Radwan", "القنطار": "Al-Qantar", "الشوفي": "Al-Shoufi", "الأطرش": "Al-Atrash",
              "أبو عساف": "Abu Assaf", "حاطوم": "Hatoum", "الحلبي": "Al-Halabi", "الجرماني": "Al-Jarmani",
              "أبو سعدى": "Abu Saada", "العربيد": "Al-Arbeed", "الصحناوي": "Al-Sahnawi", "مرشد": "Murshed",
              "البربور": "Al-Barbour", "أبو حمرة": "Abu Hamra", "الشعراني": "Al-Shaarani", "نوفل": "Nofal"},
    "bedouin": {"النعيمي": "Al-Naimi", "العنزي": "Al-Anazi", "الزعبي": "Al-Zoubi", "الجاسم": "Al-Jassem",
                "العبيد": "Al-Obeid", "المحمد": "Al-Mohammad", "الفواز": "Al-Fawaz", "الحمد": "Al-Hamad",
                "الخالد": "Al-Khaled", "الشمري": "Al-Shammari"},
    "sunni": {"الأحمد": "Al-Ahmad", "الحسن": "Al-Hassan", "المصري": "Al-Masri", "الخطيب": "Al-Khatib",
              "العلي": "Al-Ali", "الحمصي": "Al-Homsi", "الشيخ": "Al-Sheikh", "الحموي": "Al-Hamwi",
              "النجار": "Al-Najjar", "الدروبي": "Al-Droubi"},
    "christian": {"حداد": "Haddad", "خوري": "Khoury", "عازار": "Azar", "جرجس": "Gerges",
                  "نعمة": "Nehme", "موسى": "Moussa"},
    "ismaili": {"الجندي": "Al-Jundi", "مير": "Mir", "الحسيني": "Al-Husseini"},
}
#: tail size (dictionary family names added) per community
TAIL = {"alawite": 260, "druze": 200, "bedouin": 120, "sunni": 300, "christian": 40, "ismaili": 30}
GIVEN_S = 1.05
FAMILY_S = 0.9

#: given names one letter apart (in Arabic): siblings named alike (e.g. سلمى / لمى)
NEAR = {"سلمى": "لمى", "لمى": "سلمى", "ريم": "مريم", "مريم": "ريم", "نور": "نورا", "نورا": "نور",
        "هالة": "هلا", "حسن": "حسين", "حسين": "حسن", "سعد": "سعيد", "سعيد": "سعد", "جمال": "كمال",
        "كمال": "جمال", "سامي": "سامر", "سامر": "سامي", "رامي": "رامز", "رامز": "رامي",
        "هادي": "شادي", "شادي": "هادي"}
FEMALE.setdefault("هلا", "Hala")


@dataclass(frozen=True)
class Pool:
    names: tuple[str, ...]
    cum: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        return self.names[min(bisect(self.cum, rng.random() * self.cum[-1]), len(self.names) - 1)]


def _pool(names: list[str], s: float) -> Pool:
    return Pool(tuple(names), tuple(accumulate(1 / (r + 1) ** s for r in range(len(names)))))


def _ranked(preferred: list[str], pool: dict[str, str], community: str) -> list[str]:
    rest = sorted(n for n in pool if n not in preferred)
    random.Random(f"kestrel-rank:{community}").shuffle(rest)
    return [n for n in preferred if n in pool] + rest


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    path = shared_data() / "arabic-names" / "dict_ar_en.csv"
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            if len(row) == 2 and row[0].startswith("ال") and len(row[0]) >= 5 and " " not in row[0] \
                    and row[1].replace("-", "").isalpha() and row[1].isascii():
                out.setdefault(row[0], row[1])
    return out


@lru_cache(maxsize=1)
def latin() -> dict[str, str]:
    """Arabic name -> its usual Latin spelling (title case)."""
    out = {**MALE, **FEMALE}
    for fams in FAMILIES.values():
        out.update(fams)
    for ar, en in _dictionary().items():
        if ar not in out:
            base = en.split("-", 1)[1] if en.startswith(("al-", "el-")) else en
            out[ar] = "Al-" + base.capitalize()
    return out


@lru_cache(maxsize=1)
def pools() -> dict[str, tuple[Pool, Pool, Pool]]:
    """community -> (male given, female given, family) pools."""
    tail = sorted(_dictionary())
    random.Random("kestrel-families").shuffle(tail)
    taken = {n for fams in FAMILIES.values() for n in fams}
    tail = [n for n in tail if n not in taken]
    out, at = {}, 0
    for community, (male, female) in PREFERRED.items():
        fams = list(FAMILIES[community]) + tail[at:at + TAIL[community]]
        at += TAIL[community]
        out[community] = (_pool(_ranked(male, MALE, community), GIVEN_S),
                          _pool(_ranked(female, FEMALE, community), GIVEN_S),
                          _pool(fams, FAMILY_S))
    return out
