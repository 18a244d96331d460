"""Names of the mosaic profile: pools per community and the hands that write them.

Every name is stored twice: its Arabic spelling and a *pivot*, a phonemic
spelling from which each romanisation hand derives its own Latin form (the
pivot is never written to a list). Pivot letters: ``H`` ح, ``kh`` خ, ``3`` ع,
``'`` ء, ``gh`` غ, ``S`` ص, ``D`` ض, ``T`` ط, ``Z`` ظ, ``q`` ق, ``th`` ث, ``dh``
ذ, ``sh`` ش; long vowels doubled (``aa ii uu``), ``@`` the ta marbuta, ``|`` a
word break, ``al-`` the article.

Pools are ordered by frequency rank: a draw is Zipf-like (weight 1/rank^s),
with its own steepness per community (Sunni given names are dominated by
Muhammad/Ahmad far more than Druze or Christian ones).

Hands (how real Syrian lists romanise, from the lists themselves):
- ``en``: English-language rights groups and wires (Mohammad/Muhammad, Ahmad,
  Shadi, Youssef, al-Hassan / Al Hasan / Alhasan);
- ``fr``: French-language outlets (Mohamed, Ahmed, Chadi, Youssef, El Hassan);
- ``chat``: the "Arabizi" chat alphabet of social-media posts (3li, 7assan,
  Mo7ammad, 5aled);
- ``tr``: Turkish orthography of NGOs in the north (Muhammed, Ahmet, Halil,
  Hüseyin, Ömer, Şadi) — Kurdish names there take Kurmanji letters (ş, x, î).
The English hand also draws, for a name the Gaza name dictionary of
/work/shared/data/arabic-names knows, one of the spellings recorded there.
"""

from __future__ import annotations

import csv
import os
import random
import re
from bisect import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path


@dataclass(frozen=True)
class Name:
    ar: str
    pivot: str


def _pool(text: str) -> tuple[Name, ...]:
    out = []
    for item in text.split():
        ar, pivot = item.split("=")
        out.append(Name(ar.replace("_", " "), pivot))
    return tuple(out)


# -- given names, by community and sex (rank order) ---------------------------

SUNNI_M = _pool("""
محمد=muHammad أحمد='aHmad محمود=maHmuud عبد_الله=3abd|allaah خالد=khaalid عمر=3umar
مصطفى=muSTafaa علي=3alii حسن=Hasan حسين=Husayn إبراهيم='ibraahiim يوسف=yuusuf
عبد_الرحمن=3abd|alraHmaan ياسر=yaasir بلال=bilaal حمزة=Hamza@ عبيدة=3ubayda@ أسامة='usaama@
فراس=firaas مازن=maazin وليد=waliid سامر=saamir جمال=jamaal عماد=3imaad ماهر=maahir
صالح=SaaliH إسماعيل='ismaa3iil عثمان=3uthmaan قاسم=qaasim فيصل=faySal طارق=Taariq نادر=naadir
رامي=raamii أنس='anas معاذ=mu3aadh عمار=3ammaar زكريا=zakariyyaa عبد_القادر=3abd|alqaadir
عبد_الكريم=3abd|alkariim منير=muniir هيثم=haytham غسان=ghassaan باسل=baasil نزار=nizaar
شادي=shaadii فادي=faadii هادي=haadii سامي=saamii حسام=Husaam أيمن='ayman مهند=muhannad
وسيم=wasiim كنان=kinaan تيم=taym آدم='aadam يزن=yazan
""")
SUNNI_F = _pool("""
فاطمة=faaTima@ عائشة=3aa'isha@ خديجة=khadiija@ مريم=maryam آمنة='aamina@ أسماء='asmaa'
هبة=hiba@ رهف=rahaf دعاء=du3aa' بتول=batuul زينب=zaynab سلمى=salmaa لمى=lamaa نور=nuur
رنا=ranaa ريم=riim ريما=riimaa هدى=hudaa سعاد=su3aad سمر=samar إيمان='iimaan نسرين=nisriin
ولاء=walaa' آية='aaya@ شهد=shahad حلا=Halaa هلا=halaa جنى=janaa سارة=saara@ ليلى=laylaa
أمل='amal منى=munaa صفاء=Safaa' رغد=raghad غنى=ghinaa
""")
ALAWITE_M = _pool("""
علي=3alii حسن=Hasan محمد=muHammad إبراهيم='ibraahiim سليمان=sulaymaan أحمد='aHmad
حيدر=Haydar يوسف=yuusuf محمود=maHmuud نزار=nizaar ياسر=yaasir وائل=waa'il بسام=bassaam
مازن=maazin فادي=faadii رامي=raamii سامر=saamir غياث=ghiyaath علاء=3alaa' جعفر=ja3far
حسين=Husayn عيسى=3iisaa منذر=mundhir نضال=niDaal أيهم='ayham مهند=muhannad سومر=suumar
شادي=shaadii كنان=kinaan تمام=tammaam جميل=jamiil رياض=riyaaD مجد=majd عمار=3ammaar
صقر=Saqr هاشم=haashim لؤي=lu'ayy يامن=yaamin هادي=haadii
""")
ALAWITE_F = _pool("""
زينب=zaynab فاطمة=faaTima@ لمى=lamaa سلمى=salmaa رامة=raama@ هالة=haala@ رشا=rashaa
سهى=suhaa نور=nuur غدير=ghadiir ريم=riim ريما=riimaa رنا=ranaa سوسن=sawsan ميساء=maysaa'
نوال=nawaal هيام=hiyaam سمر=samar علا=3ulaa بشرى=bushraa رهف=rahaf ليال=layaal
جودي=juudii سلاف=sulaaf مريم=maryam حلا=Halaa هلا=halaa
""")
DRUZE_M = _pool("""
نزار=nizaar كمال=kamaal وجدي=wajdii فادي=faadii ربيع=rabii3 شادي=shaadii سامر=saamir
نبيل=nabiil سلمان=salmaan حمد=Hamad يوسف=yuusuf وسام=wisaam رأفت=ra'fat مروان=marwaan
جهاد=jihaad فهد=fahd عادل=3aadil منصور=manSuur سليمان=sulaymaan أسعد='as3ad بهاء=bahaa'
معن=ma3n فراس=firaas هيثم=haytham نضال=niDaal رامز=raamiz عصام=3iSaam أمجد='amjad
مجد=majd كرم=karam يزن=yazan تيم=taym هادي=haadii
""")
DRUZE_F = _pool("""
نوال=nawaal سعاد=su3aad ريما=riimaa حنان=Hanaan لمى=lamaa سلمى=salmaa وفاء=wafaa'
سميرة=samiira@ هيفاء=hayfaa' رولا=ruulaa ندى=nadaa منى=munaa سهام=sihaam ليلى=laylaa
نجوى=najwaa عبير=3abiir رنا=ranaa ريم=riim جمانة=jumaana@ غادة=ghaada@ يارا=yaaraa ميس=mays
""")
CHRISTIAN_M = _pool("""
جورج=juurj إلياس='ilyaas حنا=Hannaa ميشيل=miishiil فادي=faadii رامي=raamii طوني=Tuunii
سامي=saamii نبيل=nabiil جوزيف=juuziif بطرس=buTrus عيسى=3iisaa نقولا=nuquulaa سمير=samiir
ماهر=maahir جميل=jamiil شربل=sharbil إيلي='iilii فراس=firaas كميل=kamiil
""")
CHRISTIAN_F = _pool("""
ماريا=maariyaa ريتا=riitaa جورجيت=juurjiit ندى=nadaa ريما=riimaa لمى=lamaa سلمى=salmaa
رنا=ranaa ماري=maarii هالة=haala@ منى=munaa نادية=naadiya@ سوزان=suuzaan لينا=liinaa
كريستين=kriistiin
""")
KURD_M = _pool("""
محمد=muHammad أحمد='aHmad آزاد='aazaad شيار=shiyaar ريزان=riizaan دلشاد=dilshaad
هوشنك=huushank علي=3alii حسن=Hasan إبراهيم='ibraahiim خليل=khaliil مصطفى=muSTafaa
عبد_الرحمن=3abd|alraHmaan شيرزاد=shiirzaad روني=ruunii آلان='aalaan كاوا=kaawaa
سردار=sardaar برزان=barzaan ولات=walaat جوان=juwaan
""")
KURD_F = _pool("""
روجين=ruujiin بيريفان=biiriivaan زوزان=zuuzaan نسرين=nisriin فاطمة=faaTima@ عائشة=3aa'isha@
جيندا=jiindaa ليلى=laylaa نالين=naaliin آفين='aafiin شيرين=shiiriin هيفين=hiiviin
""")
BEDOUIN_M = _pool("""
محمد=muHammad حمد=Hamad مطلق=muTlaq عواد=3awwaad سالم=saalim فرحان=farHaan خلف=khalaf
عيد=3iid مشعل=mish3al عبد_الله=3abd|allaah فيصل=faySal زياد=ziyaad سلطان=sulTaan
نايف=naayif صالح=SaaliH عقاب=3uqaab مفلح=mufliH حمود=Hammuud جاسم=jaasim
""")
BEDOUIN_F = _pool("""
حمدة=Hamda@ موضي=muuDii صبحة=SubHa@ زهرة=zahra@ فاطمة=faaTima@ نورة=nuura@ عيدة=3iida@
خديجة=khadiija@ مريم=maryam سلمى=salmaa شيخة=shaykha@
""")

# -- family names (rank order within the community) ---------------------------

FAMILIES = {
    "alawite": _pool("""
إبراهيم='ibraahiim سليمان=sulaymaan محمود=maHmuud يوسف=yuusuf حيدر=Haydar ديب=diib
حسن=Hasan إسماعيل='ismaa3iil خضور=khaDDuur أسعد='as3ad شعبان=sha3baan ميهوب=mayhuub
غانم=ghaanim جعفر=ja3far ناصر=naaSir بركات=barakaat صقر=Saqr زيتون=zaytuun معروف=ma3ruuf
حمدان=Hamdaan عباس=3abbaas الأحمد=al-'aHmad العلي=al-3alii الخير=al-khayr شاهين=shaahiin
عيسى=3iisaa علوش=3alluush ونوس=wannuus سلوم=salluum بدور=badduur رستم=rustum
درويش=darwiish قاسم=qaasim منصور=manSuur حسون=Hassuun
"""),
    "druze": _pool("""
أبو_فخر='abuu|fakhr الأطرش=al-'aTrash أبو_عساف='abuu|3assaaf أبو_حمدان='abuu|Hamdaan
كيوان=kaywaan رضوان=riDwaan غانم=ghaanim الحجار=al-Hajjaar أبو_زيد='abuu|zayd
الشاعر=al-shaa3ir جربوع=jarbuu3 أبو_صعب='abuu|Sa3b نصر_الدين=naSr|aldiin عزام=3azzaam
عامر=3aamir الحناوي=al-Hinnaawii البني=al-bannii نعيم=na3iim الحلبي=al-Halabii
القضماني=al-qaDmaanii أبو_رافع='abuu|raafi3 سليم=saliim الصفدي=al-Safadii مرشد=murshid
الجباعي=al-jabaa3ii أبو_عاصي='abuu|3aaSii المتني=al-matnii شقير=shuqayr حاطوم=Haatuum
الملحم=al-malHam
"""),
    "sunni": _pool("""
الحسن=al-Hasan الأحمد=al-'aHmad الخليل=al-khaliil العمر=al-3umar المحمد=al-muHammad
الحسين=al-Husayn العبد_الله=al-3abd|allaah الصالح=al-SaaliH الحمود=al-Hamuud العلي=al-3alii
الخطيب=al-khaTiib المصري=al-miSrii درويش=darwiish قاسم=qaasim عثمان=3uthmaan
الزعبي=al-zu3bii المسالمة=al-masaalma@ الحريري=al-Hariirii الرفاعي=al-rifaa3ii
الحمادي=al-Hammaadii الشيخ=al-shaykh كنعان=kan3aan الحلاق=al-Hallaaq بكور=bakkuur
شاكر=shaakir النجار=al-najjaar العكيدي=al-3ukaydii الجاسم=al-jaasim الخلف=al-khalaf
البكري=al-bakrii الحاج_علي=al-Haajj|3alii السيد=al-sayyid طه=Taaha حميدي=Humaydii
الأسود=al-'aswad المحاميد=al-maHaamiid الحوراني=al-Hawraanii الحموي=al-Hamawii
الإدلبي=al-'idlibii
"""),
    "christian": _pool("""
حداد=Haddaad خوري=khuurii نخلة=nakhla@ صليبا=Saliibaa حنا=Hannaa عيسى=3iisaa
منصور=manSuur ضاهر=Daahir عازار=3aazaar شاهين=shaahiin كرم=karam إلياس='ilyaas
جرجس=jirjis مطر=maTar عبود=3abbuud نصور=naSSuur
"""),
    "kurd": _pool("""
حسين=Husayn محمد=muHammad علي=3alii إبراهيم='ibraahiim شيخو=shiikhuu عوسو=3uusuu
حمو=Hammuu كالو=kaaluu بكر=bakr سيدو=siiduu مامو=maamuu خليل=khaliil رشيد=rashiid
حاجي=Haajii عمر=3umar يوسف=yuusuf بوزان=buuzaan عبدي=3abdii
"""),
    "bedouin": _pool("""
النعيمي=al-nu3aymii الحمدان=al-Hamdaan الشلاش=al-shallaash الجابر=al-jaabir الخلف=al-khalaf
الحمادي=al-Hammaadii المطلق=al-muTlaq السلامات=al-salaamaat السرحان=al-sarHaan
العبيد=al-3ubayd الرشيد=al-rashiid الشمري=al-shammarii المسلط=al-musallaT
"""),
}

GIVEN = {
    "sunni": (SUNNI_M, SUNNI_F, 1.05),
    "alawite": (ALAWITE_M, ALAWITE_F, 0.9),
    "druze": (DRUZE_M, DRUZE_F, 0.75),
    "christian": (CHRISTIAN_M, CHRISTIAN_F, 0.8),
    "kurd": (KURD_M, KURD_F, 0.85),
    "bedouin": (BEDOUIN_M, BEDOUIN_F, 1.0),
}

#: Sisters' and brothers' names that rhyme or differ by a letter: parents often
#: choose them together (سلمى / لمى; حسن / حسين).
RHYMES = {
    "سلمى": "لمى", "لمى": "سلمى", "ريم": "ريما", "ريما": "ريم", "حلا": "هلا", "هلا": "حلا",
    "رنا": "رنيم", "حسن": "حسين", "حسين": "حسن", "عمر": "عمار", "عمار": "عمر", "رامي": "سامي",
    "سامي": "رامي", "فادي": "شادي", "شادي": "هادي", "هادي": "فادي", "محمد": "أحمد",
    "أحمد": "محمود", "محمود": "محمد", "نور": "نورا", "هبة": "هالة", "سمر": "سمير",
}
_EXTRA = {"رنيم": "raniim", "نورا": "nuuraa", "سمير": "samiir", "هالة": "haala@"}


def pivot_of(ar: str) -> str:
    """The pivot of an Arabic given name from any pool (or the extras of RHYMES)."""
    return _PIVOTS.get(ar) or _EXTRA.get(ar, "")


_PIVOTS: dict[str, str] = {}
for _m, _f, _s in GIVEN.values():
    for _n in _m + _f:
        _PIVOTS[_n.ar] = _n.pivot
for _fam in FAMILIES.values():
    for _n in _fam:
        _PIVOTS.setdefault(_n.ar, _n.pivot)


class Zipf:
    """Draws from a pool with weight 1/rank^s (cumulative weights, bisect)."""

    def __init__(self, items, s: float) -> None:
        self.items = tuple(items)
        self.cum = list(accumulate(1.0 / (r + 1) ** s for r in range(len(self.items))))

    def draw(self, rng: random.Random):
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


# -- romanisation --------------------------------------------------------------

_TOKEN = re.compile(r"al-|kh|gh|sh|th|dh|aa|ii|uu|[a-zA-Z3'@|]")
_VOWELS = {"a", "i", "u", "aa", "ii", "uu"}
_EMPHATIC = {"H", "kh", "3", "q", "S", "D", "T", "Z", "gh", "r"}
_SUN = set("tdrzsnlTDSZ") | {"th", "dh", "sh"}


def _tokens(pivot: str) -> list[str]:
    return _TOKEN.findall(pivot)


#: token -> ((spelling, weight), ...) per hand; a token missing here is written as is
_HANDS: dict[str, dict[str, tuple]] = {
    "en": {
        "H": (("h", 1),), "kh": (("kh", 1),), "3": (("", 6), ("'", 1), ("a", 1)), "'": (("", 1),),
        "gh": (("gh", 1),), "S": (("s", 1),), "D": (("d", 1),), "T": (("t", 1),), "Z": (("z", 1),),
        "q": (("q", 4), ("k", 1)), "th": (("th", 3), ("s", 1)), "dh": (("dh", 2), ("z", 2), ("th", 1)),
        "aa": (("a", 6), ("aa", 1)), "ii": (("i", 4), ("ee", 2)), "uu": (("ou", 3), ("u", 3), ("oo", 1)),
        "u": (("u", 3), ("o", 2)), "i": (("i", 4), ("e", 1)), "@": (("", 3), ("h", 2)),
        "y": (("y", 1),), "w": (("w", 1),),
    },
    "fr": {
        "H": (("h", 1),), "kh": (("kh", 1),), "3": (("", 1),), "'": (("", 1),), "gh": (("gh", 1),),
        "S": (("s", 1),), "D": (("d", 1),), "T": (("t", 1),), "Z": (("z", 1),), "q": (("k", 1), ("q", 1)),
        "th": (("th", 1),), "dh": (("dh", 1), ("z", 1)), "sh": (("ch", 1),), "j": (("j", 3), ("dj", 1)),
        "aa": (("a", 1),), "ii": (("i", 1),), "uu": (("ou", 1),), "u": (("ou", 3), ("o", 2)),
        "@": (("", 1),), "w": (("w", 2), ("ou", 1)), "y": (("y", 1),),
    },
    "chat": {
        "H": (("7", 1),), "kh": (("5", 2), ("kh", 1)), "3": (("3", 1),), "'": (("2", 1), ("", 1)),
        "gh": (("gh", 2), ("8", 1)), "S": (("s", 1),), "D": (("d", 1),), "T": (("t", 2), ("6", 1)),
        "Z": (("z", 1),), "q": (("2", 1), ("q", 1)), "th": (("th", 1), ("s", 1)), "dh": (("z", 1),),
        "aa": (("a", 3), ("aa", 1)), "ii": (("i", 2), ("ee", 1)), "uu": (("o", 2), ("ou", 1)),
        "u": (("o", 1), ("u", 1)), "@": (("", 2), ("h", 1)), "sh": (("sh", 3), ("ch", 1)),
    },
    "tr": {
        "H": (("h", 1),), "kh": (("h", 1),), "3": (("", 1),), "'": (("", 1),), "gh": (("ğ", 1), ("g", 1)),
        "S": (("s", 1),), "D": (("d", 1),), "T": (("t", 1),), "Z": (("z", 1),), "q": (("k", 1),),
        "th": (("s", 1),), "dh": (("z", 1),), "sh": (("ş", 1),), "j": (("c", 1),), "w": (("v", 1),),
        "aa": (("a", 1),), "ii": (("i", 1),), "uu": (("u", 1),), "@": (("", 1),),
    },
}
_KURMANJI = {"sh": "ş", "kh": "x", "j": "c", "ii": "î", "uu": "û", "aa": "a", "H": "h", "3": "", "'": "",
             "w": "w", "q": "q", "S": "s", "D": "d", "T": "t", "Z": "z", "th": "s", "dh": "z", "gh": "x", "@": ""}

#: Spellings a hand uses for the commonest names regardless of rule.
_FIXED = {
    "fr": {"muHammad": ("Mohamed", "Mohammed", "Mohamad"), "'aHmad": ("Ahmed",), "yuusuf": ("Youssef",),
           "khaalid": ("Khaled",), "3umar": ("Omar",), "maHmuud": ("Mahmoud",), "muSTafaa": ("Moustafa", "Mustapha"),
           "Husayn": ("Hussein", "Houssein"), "3uthmaan": ("Othman",), "Hasan": ("Hassan",)},
    "tr": {"muHammad": ("Muhammed", "Mehmet"), "'aHmad": ("Ahmet", "Ahmed"), "Husayn": ("Hüseyin",),
           "3umar": ("Ömer",), "3uthmaan": ("Osman",), "khaliil": ("Halil",), "faaTima@": ("Fatma",),
           "3aa'isha@": ("Ayşe",), "khadiija@": ("Hatice",), "zaynab": ("Zeynep",), "maryam": ("Meryem",),
           "'aamina@": ("Emine",), "muSTafaa": ("Mustafa",), "yuusuf": ("Yusuf",), "'ibraahiim": ("İbrahim",),
           "Hasan": ("Hasan",), "3alii": ("Ali",), "maHmuud": ("Mahmut", "Mahmud"), "Hamza@": ("Hamza",)},
    "en": {"muHammad": ("Mohammad", "Muhammad", "Mohammed", "Mohamed", "Mohamad"),
           "Husayn": ("Hussein", "Husain", "Hussain"), "yuusuf": ("Youssef", "Yousef", "Yusuf"),
           "3umar": ("Omar", "Umar"), "3uthmaan": ("Othman", "Uthman", "Osman")},
}


def _pick(rng: random.Random, options) -> str:
    if len(options) == 1:
        return options[0][0]
    total = sum(w for _, w in options)
    x = rng.random() * total
    for text, w in options:
        x -= w
        if x < 0:
            return text
    return options[-1][0]


@lru_cache(maxsize=None)
def _gaza_spellings() -> dict[str, tuple[str, ...]]:
    """Arabic segment -> Latin spellings recorded in the shared name dictionary."""
    root = Path(os.environ.get("TALLY_SHARED_DATA", "/work/shared/data")) / "arabic-names" / "dict_ar_en.csv"
    out: dict[str, list[str]] = {}
    try:
        with open(root, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                ar, en = (row.get("ar") or "").strip(), (row.get("en") or "").strip()
                if ar and en and en.replace("-", "").isalpha() and " " not in ar:
                    out.setdefault(ar, [])
                    if en not in out[ar]:
                        out[ar].append(en)
    except OSError:
        return {}
    return {k: tuple(v) for k, v in out.items() if len(v) >= 1}


def _segment(tokens: list[str], hand: str, rng: random.Random, kurdish: bool) -> str:
    table = _HANDS[hand]
    out = []
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t == "|":
            out.append(" ")
            continue
        nxt = tokens[i + 1] if i + 1 < n else None
        prev = tokens[i - 1] if i else None
        if kurdish and hand == "tr":
            s = _KURMANJI.get(t, t)
        elif t in ("3", "'") and (prev is None or prev == "|") and (hand != "chat" or rng.random() < 0.3):
            s = ""  # "Ali"; in chat "3li" more often
        elif t == prev and not (i == 2 and tokens[0] == "a") and t not in _VOWELS and hand in ("fr", "tr", "en") and rng.random() < (0.6 if hand != "en" else 0.25):
            s = ""  # geminate written once (Mohamed, Muhammed)
        elif t == "a" and hand in ("fr", "tr") and nxt not in _VOWELS and nxt is not None and nxt != "|" \
                and (i + 2 >= n or tokens[i + 2] == "|") and prev not in _EMPHATIC and nxt not in _EMPHATIC \
                and rng.random() < 0.7:
            s = "e"  # closed last syllable: Ahmed, Muhammed
        elif t == "i" and hand == "fr" and nxt is not None and (i + 2 >= n) and rng.random() < 0.6:
            s = "e"  # Khaled
        elif t == "a" and hand == "tr" and prev not in _EMPHATIC and nxt not in _EMPHATIC and rng.random() < 0.35:
            s = "e"
        elif t == "a" and nxt == "y" and (i + 2 >= n or tokens[i + 2] not in _VOWELS):
            s = {"en": _pick(rng, (("ay", 2), ("ai", 1), ("ei", 1))), "fr": _pick(rng, (("ai", 1), ("ei", 1))),
                 "chat": "a", "tr": "ey"}[hand]
            if hand in ("en", "fr") or hand == "tr":
                tokens[i + 1] = "" if hand != "chat" else "y"
        elif t == "a" and nxt == "w" and hand == "fr" and (i + 2 >= n or tokens[i + 2] not in _VOWELS):
            s = "aou"
            tokens[i + 1] = ""
        else:
            opts = table.get(t)
            s = _pick(rng, opts) if opts else t
        out.append(s)
    text = "".join(out)
    text = re.sub(r"'{2,}", "'", text).strip("'")
    return text


def _article(hand: str, rng: random.Random, nxt: str) -> str:
    if hand == "fr":
        return _pick(rng, (("El ", 3), ("El-", 2), ("Al-", 1), ("Al ", 1)))
    if hand == "tr":
        return _pick(rng, (("El-", 2), ("", 1), ("Al-", 1)))
    if hand == "chat":
        return _pick(rng, (("al ", 2), ("el ", 2), ("", 2)))
    sun = nxt in _SUN
    options = (("al-", 4), ("Al-", 3), ("Al ", 2), ("Al", 1), ("", 2))
    if sun:
        options += ((("ash-" if nxt == "sh" else "a" + nxt[0].lower() + "-"), 1),)
    return _pick(rng, options)


def romanise(pivot: str, hand: str, rng: random.Random, *, ar: str | None = None,
             kurdish: bool = False) -> str:
    """One hand's Latin spelling of a name (each call may spell it otherwise)."""
    fixed = _FIXED.get(hand, {}).get(pivot)
    if fixed and not kurdish and rng.random() < 0.8:
        return rng.choice(fixed)
    if hand == "en" and ar and " " not in ar and rng.random() < 0.35:
        spellings = _gaza_spellings().get(ar)
        if spellings:
            return "-".join(p.capitalize() for p in rng.choice(spellings).split("-"))
    prefix = ""
    body = pivot
    if body.startswith("al-"):
        body = body[3:]
        toks = _tokens(body)
        prefix = _article(hand, rng, toks[0] if toks else "")
    parts = []
    for word in body.split("|"):
        toks = _tokens(word)
        seg = _segment(toks, hand, rng, kurdish)
        parts.append(seg)
    words = [w for w in parts if w]
    joined = _join_compound(words, hand, rng)
    text = prefix + joined
    if hand == "chat":
        return text.lower() if rng.random() < 0.7 else text.capitalize()
    return _title(text)


def _join_compound(words: list[str], hand: str, rng: random.Random) -> str:
    if len(words) == 2 and words[1][:2] in ("al", "el"):  # 3abd|alraHmaan: Abdulrahman / Abd al-Rahman
        tail = words[1][2:]
        if tail.lower().startswith("l"):  # Abdullah, Abdallah, Abdellah
            form = _pick(rng, (("{a}ul{t}", 4), ("{a}al{t}", 2), ("{a}el{t}", 1)))
            return form.format(a=words[0], t=tail[1:] if tail[1:2].lower() == "l" else tail)
        form = _pick(rng, (("{a}ul{t}", 3), ("{a} al-{t}", 2), ("{a}el{t}", 2), ("{a}-{t}", 1),
                           ("{a} {t}", 1)))
        if hand == "tr":
            form = "{a}ur{t}" if tail.startswith("r") else "{a}ul{t}"  # Abdurrahman
        return form.format(a=words[0], t=tail)
    return " ".join(words)


def _title(text: str) -> str:
    out = []
    for w in re.split(r"( |-)", text):
        if w in (" ", "-") or not w:
            out.append(w)
        elif w in ("al", "el", "ash", "ad", "ar", "as", "at", "an", "az", "adh", "ath", "ad-"):
            out.append(w)
        else:
            out.append(w[0].upper() + w[1:])
    return "".join(out)


# -- Arabic spelling variation ---------------------------------------------------

_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
_DOTS = {"ح": "خ", "خ": "ح", "ع": "غ", "غ": "ع", "ب": "ت", "ت": "ث", "ث": "ت", "س": "ش", "ش": "س",
         "ر": "ز", "ز": "ر", "د": "ذ", "ذ": "د", "ص": "ض", "ط": "ظ", "ف": "ق", "ق": "ف", "ن": "ب", "ي": "ى"}


def arabic_variant(text: str, rng: random.Random, rate: float) -> tuple[str, set[str]]:
    """A clerk's spelling of an Arabic name: hamza dropped, ة as ه, ى as ي, عبد joined."""
    done: set[str] = set()
    if rng.random() < rate and any(c in text for c in "أإآ"):
        text = text.translate(_HAMZA)
        done.add("ar_hamza")
    if rng.random() < rate and "ة" in text:
        text = text.replace("ة", "ه")
        done.add("ar_ta_marbuta")
    if rng.random() < rate and text.endswith("ى"):
        text = text[:-1] + "ي"
        done.add("ar_alef_maqsura")
    if rng.random() < rate and ("عبد " in text or "أبو " in text):
        text = text.replace("عبد ", "عبد").replace("أبو ", "ابو")
        done.add("ar_joined")
    return text, done


def arabic_typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard or of the ear: a dot, a dropped or doubled letter."""
    letters = [i for i, c in enumerate(text) if "\u0621" <= c <= "\u064a"]
    if len(letters) < 3:
        return text
    i = rng.choice(letters[1:])
    c = text[i]
    kind = rng.random()
    if kind < 0.5 and c in _DOTS:
        return text[:i] + _DOTS[c] + text[i + 1:]
    if kind < 0.8:
        return text[:i] + text[i + 1:]
    return text[:i] + c + text[i:]


def latin_typo(text: str, rng: random.Random) -> str:
    """A keyboard slip in Latin: a letter dropped, doubled, swapped or mistyped."""
    idx = [i for i, c in enumerate(text) if c.isalpha()]
    if len(idx) < 4:
        return text
    i = rng.choice(idx[1:])
    kind = rng.random()
    if kind < 0.3:
        return text[:i] + text[i + 1:]
    if kind < 0.55:
        return text[:i] + text[i] + text[i:]
    if kind < 0.8 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    swap = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o", "y": "i", "s": "z", "k": "q", "h": ""}
    return text[:i] + swap.get(text[i].lower(), text[i]) + text[i + 1:]
