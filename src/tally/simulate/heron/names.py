"""Name pools of six Syrian communities, Zipf-weighted, in Arabic and in Latin letters.

Every pool is written most-common first; a draw takes rank ``r`` with weight
``1 / r ** ZIPF_S`` so a few names carry most victims (as in every published Syrian
list, where Muhammad/محمد alone is several per cent of men). Each name has its
Arabic spelling and one English-style Latin base; :mod:`.spelling` derives the other
Latin spellings (English variants, French-style as Lebanese and French outlets write,
typos) and the Arabic re-spellings.
"""

from __future__ import annotations

import bisect
import itertools
import random

ZIPF_S = 1.05


def _pool(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for item in text.split(";"):
        item = item.strip()
        if item:
            ar, en = item.split("=")
            out.append((ar.strip(), en.strip()))
    return tuple(out)


MALE_COMMON = _pool("""
محمد=Mohammad; أحمد=Ahmad; علي=Ali; حسن=Hasan; محمود=Mahmoud; خالد=Khaled; يوسف=Yousef;
إبراهيم=Ibrahim; مصطفى=Mustafa; عبد الله=Abdullah; حسين=Hussein; سامر=Samer; رامي=Rami;
وسيم=Wasim; شادي=Shadi; فادي=Fadi; باسل=Basel; ماهر=Maher; غياث=Ghiath; جميل=Jamil;
سليمان=Suleiman; نبيل=Nabil; وائل=Wael; مازن=Mazen; أيمن=Ayman; هيثم=Haitham; سمير=Samir;
سامي=Sami; طارق=Tareq; زياد=Ziad; رياض=Riad; عادل=Adel; منير=Munir; ياسر=Yaser; كريم=Karim;
صالح=Saleh; عمار=Ammar; نزار=Nizar; مهند=Muhannad; جهاد=Jihad; عدي=Uday; قاسم=Qasem
""")
MALE_BY_COMMUNITY = {
    "sunni": _pool("""محمد=Mohammad; أحمد=Ahmad; عمر=Omar; عبد الله=Abdullah; خالد=Khaled;
        مصطفى=Mustafa; عبد الرحمن=Abdulrahman; محمود=Mahmoud; حمزة=Hamza; إبراهيم=Ibrahim;
        يوسف=Yousef; بلال=Bilal; عثمان=Othman; أنس=Anas; معاذ=Moaz"""),
    "alawite": _pool("""علي=Ali; محمد=Mohammad; حسن=Hasan; حيدر=Haidar; سليمان=Suleiman;
        جعفر=Jaafar; كنان=Kinan; بشار=Bashar; إبراهيم=Ibrahim; أحمد=Ahmad; حسين=Hussein;
        يونس=Younes; عيسى=Issa; غدير=Ghadir; نمر=Nimr"""),
    "druze": _pool("""سليمان=Suleiman; كمال=Kamal; فايز=Fayez; وليد=Walid; سلمان=Salman;
        ماجد=Majed; مروان=Marwan; هاني=Hani; نضال=Nidal; فراس=Firas; وسام=Wissam; ربيع=Rabih;
        سلطان=Sultan; جاد=Jad; نزيه=Nazih; أنور=Anwar"""),
    "christian": _pool("""جورج=George; إلياس=Elias; ميشيل=Michel; حنا=Hanna; جريس=Jiryes;
        بطرس=Boutros; نقولا=Nicola; عيسى=Issa; يوسف=Yousef; طوني=Tony; جوزيف=Joseph;
        شربل=Charbel; ميخائيل=Mikhail; فادي=Fadi; سامر=Samer"""),
    "kurdish": _pool("""محمد=Mohammad; أحمد=Ahmad; آزاد=Azad; شيار=Shiyar; جوان=Jwan;
        دلشاد=Dilshad; هوزان=Hozan; آلان=Alan; سربست=Serbest; رشيد=Rashid; شفان=Shvan; كاوا=Kawa;
        بيوار=Bewar; مصطفى=Mustafa"""),
    "bedouin": _pool("""محمد=Mohammad; فهد=Fahd; مشعل=Mishal; عبد الله=Abdullah; سلطان=Sultan;
        حمد=Hamad; نايف=Nayef; فرحان=Farhan; عواد=Awad; مطلق=Mutlaq; خلف=Khalaf; جاسم=Jasem;
        صالح=Saleh; عبد الكريم=Abdulkarim"""),
}
FEMALE_COMMON = _pool("""
فاطمة=Fatima; مريم=Maryam; زينب=Zeinab; سلمى=Salma; لمى=Lama; رنا=Rana; هبة=Heba; هيا=Haya;
نور=Nour; آية=Aya; ريم=Reem; سناء=Sanaa; أمل=Amal; سعاد=Suad; وفاء=Wafaa; منى=Mona; هدى=Huda;
رهف=Rahaf; رغد=Raghad; جنى=Jana; لين=Leen; سارة=Sara; رولا=Rola; ميساء=Maysaa; غادة=Ghada;
نوال=Nawal; ليلى=Layla; سهام=Siham; شهد=Shahad; ندى=Nada; علا=Ola; حلا=Hala; رنيم=Ranim
""")
FEMALE_BY_COMMUNITY = {
    "sunni": _pool("فاطمة=Fatima; خديجة=Khadija; عائشة=Aisha; آمنة=Amina; أسماء=Asmaa; حليمة=Halima"),
    "alawite": _pool("زينب=Zeinab; فاطمة=Fatima; بتول=Batoul; رقية=Ruqayya; نجاح=Najah; سوسن=Sawsan"),
    "druze": _pool("سلوى=Salwa; نهى=Noha; ريما=Rima; سمر=Samar; منال=Manal; وداد=Widad"),
    "christian": _pool("ماري=Mary; ديانا=Diana; ريتا=Rita; جورجيت=Georgette; نادين=Nadine; تريزا=Teresa"),
    "kurdish": _pool("روجين=Rojin; بيريفان=Berivan; شيرين=Shirin; نسرين=Nisreen; هيفي=Hevi; زوزان=Zozan"),
    "bedouin": _pool("فاطمة=Fatima; نوفة=Noufa; عمشة=Amsha; صبحة=Sabha; هيفاء=Haifa; نورة=Noura"),
}
FAMILY = {
    "sunni": _pool("""العلي=al-Ali; الأحمد=al-Ahmad; المحمد=al-Mohammad; الحسن=al-Hasan; المصري=al-Masri;
        الخطيب=al-Khatib; الشامي=al-Shami; الحلبي=al-Halabi; الحمصي=al-Homsi; السيد=al-Sayed;
        العمر=al-Omar; الزعبي=al-Zoubi; الحريري=al-Hariri; الصالح=al-Saleh; النجار=al-Najjar;
        حمدان=Hamdan; الأسود=al-Aswad; قباني=Qabbani; كيالي=Kayyali; العبد الله=al-Abdullah;
        الجاسم=al-Jasem; الحسين=al-Hussein; البكور=al-Bakkour; الشيخ=al-Sheikh; عبود=Abboud;
        الحموي=al-Hamwi; رحمون=Rahmoun; الديري=al-Deiri; الدرويش=al-Darwish; طه=Taha;
        الحاج=al-Hajj; العثمان=al-Othman; الحمود=al-Hammoud; السعيد=al-Saeed; الخليل=al-Khalil;
        القاسم=al-Qasem; الرفاعي=al-Rifai; الطويل=al-Tawil; الفارس=al-Fares; الكردي=al-Kurdi;
        الشهابي=al-Shihabi; العيسى=al-Issa; اليوسف=al-Yousef; المحمود=al-Mahmoud; البيطار=al-Bitar;
        الدباغ=al-Dabbagh; العطار=al-Attar; الزين=al-Zein"""),
    "alawite": _pool("""إسماعيل=Ismail; ديب=Deeb; حسن=Hasan; سليمان=Suleiman; عباس=Abbas; محمد=Mohammad;
        إبراهيم=Ibrahim; يونس=Younes; شعبان=Shaaban; خضور=Khaddour; ميهوب=Mayhoub; غانم=Ghanem;
        بدور=Badour; زيدان=Zeidan; حمود=Hammoud; ناصر=Nasser; صقر=Saqr; عيسى=Issa; جديد=Jadid;
        الأسعد=al-Asaad; حيدر=Haidar; درويش=Darwish; معلا=Mualla; سلوم=Salloum; شاهين=Shahin;
        منصور=Mansour; قاسم=Qasem; الخير=al-Khayyer; ونوس=Wannous; علي=Ali; يوسف=Yousef;
        سلامة=Salameh; عمران=Omran; رستم=Rustom; عجيب=Ajib; حبيب=Habib; نعمة=Neemeh; بركات=Barakat;
        مرهج=Marhaj; سعود=Saoud; جبور=Jabbour; الجردي=al-Jurdi; ملحم=Melhem; رمضان=Ramadan;
        خليل=Khalil; نصور=Nassour; سعيد=Said; كنعان=Kanaan; وسوف=Wassouf; غزال=Ghazal;
        الحايك=al-Hayek; ديوب=Dayoub; صالح=Saleh; شحود=Shahoud"""),
    "druze": _pool("""أبو عساف=Abu Assaf; الأطرش=al-Atrash; أبو فخر=Abu Fakhr; الحناوي=al-Hinnawi;
        نصر=Nasr; أبو حمدان=Abu Hamdan; الشوفي=al-Shoufi; عزام=Azzam; رضوان=Radwan;
        الجرماني=al-Jarmani; البعيني=al-Bayni; الحلبي=al-Halabi; مرشد=Murshed; الصحناوي=al-Sahnawi;
        الحجار=al-Hajjar; أبو زين الدين=Abu Zeineddine; عامر=Amer; قطيش=Qteish; كيوان=Kaiwan;
        أبو راس=Abu Ras; هنيدي=Hneidi; الملحم=al-Melhem; الخطيب=al-Khatib; أبو الفضل=Abu al-Fadl;
        أبو خير=Abu Khair; الشعراني=al-Shaarani; عبيد=Obeid; البربور=al-Barbour; نعيم=Naim;
        حمزة=Hamza; القنطار=al-Qantar; الحسنية=al-Hasaniyeh; العربيد=al-Arbid; أبو شاهين=Abu Shahin;
        جربوع=Jarbou; زيدان=Zeidan; أبو عمار=Abu Ammar; الدبيسي=al-Dbeisi; غرز الدين=Ghorzeddine"""),
    "christian": _pool("""حداد=Haddad; خوري=Khoury; عبود=Abboud; نصار=Nassar; شحادة=Shehadeh; جرجس=Girgis;
        عازار=Azar; سمعان=Samaan; داود=Daoud; مطر=Matar; الياس=Elias; يازجي=Yazigi; صليبا=Saliba;
        معلوف=Maalouf; حنا=Hanna; بشارة=Bishara; فرح=Farah; نحاس=Nahhas; الحلو=al-Helou;
        جبور=Jabbour; عيسى=Issa"""),
    "kurdish": _pool("""حسو=Hasso; شيخو=Sheikho; بكر=Bakr; أوسو=Osso; حمو=Hamo; عثمان=Othman; إيبو=Ibo;
        عيسى=Issa; علو=Allo; بوزان=Bozan; خليل=Khalil; رشو=Rasho; عمو=Amo; درويش=Darwish; محمد=Mohammad"""),
    "bedouin": _pool("""الخلف=al-Khalaf; الحسين=al-Hussein; الفرحان=al-Farhan; الجاسم=al-Jasem;
        العواد=al-Awad; المطلق=al-Mutlaq; الحمد=al-Hamad; الرمضان=al-Ramadan; الشلاش=al-Shalash;
        العبيد=al-Obeid; الصالح=al-Saleh; المحمد=al-Mohammad"""),
}
#: Bedouin clans belong to tribes; lists often write "given + tribal nisba" only.
TRIBES = _pool("""النعيمي=al-Nuaimi; العنزي=al-Anazi; الشمري=al-Shammari; البكاري=al-Bakkari;
    الشنبلي=al-Shanbali; العقيدي=al-Ogaidi""")
#: laqab (by-names) that local pages and family lists write beside or instead of a name
LAQAB = _pool("""الحجي=al-Hajji; الأستاذ=al-Ustaz; الشيخ=al-Sheikh; أبو شنب=Abu Shanab;
    الطويل=al-Tawil; الأسمر=al-Asmar; الدكتور=al-Doctor""")
#: sibling given names one letter apart (the issue's سلمى / لمى)
NEAR = {"سلمى": "لمى", "لمى": "سلمى", "رنا": "رنيم", "هبة": "هيا", "هيا": "هبة", "علا": "حلا",
        "حلا": "علا", "رهف": "رغد", "رغد": "رهف", "ندى": "هدى", "هدى": "ندى", "حسن": "حسين",
        "حسين": "حسن", "سامر": "سامي", "سامي": "سامر", "محمد": "محمود", "محمود": "محمد"}

COMMUNITIES = tuple(FAMILY)


def _latin_table() -> dict[str, str]:
    table = {}
    for pool in itertools.chain([MALE_COMMON, FEMALE_COMMON, TRIBES, LAQAB], MALE_BY_COMMUNITY.values(),
                                FEMALE_BY_COMMUNITY.values(), FAMILY.values()):
        for ar, en in pool:
            table.setdefault(ar, en)
    return table


LATIN = _latin_table()


class Zipf:
    """Draw from a pool by rank with weight 1 / rank ** s (cumulative weights, bisect)."""

    def __init__(self, pool, s: float = ZIPF_S) -> None:
        self.items = [ar for ar, _ in pool]
        acc, self.cum = 0.0, []
        for r in range(1, len(self.items) + 1):
            acc += 1.0 / r ** s
            self.cum.append(acc)

    def draw(self, rng: random.Random) -> str:
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


def _merge(first, second):
    seen, out = set(), []
    for ar, en in itertools.chain(first, second):
        if ar not in seen:
            seen.add(ar)
            out.append((ar, en))
    return tuple(out)


class Names:
    """Per-community samplers: community names first (most common), then shared ones."""

    def __init__(self) -> None:
        self.male = {c: Zipf(_merge(MALE_BY_COMMUNITY[c], MALE_COMMON)) for c in COMMUNITIES}
        self.female = {c: Zipf(_merge(FEMALE_BY_COMMUNITY[c], FEMALE_COMMON)) for c in COMMUNITIES}
        self.family = {c: Zipf(FAMILY[c], 0.8) for c in COMMUNITIES}
        self.tribe = Zipf(TRIBES, 0.7)
        self.laqab = Zipf(LAQAB, 0.7)

    def given(self, rng: random.Random, community: str, sex: str) -> str:
        return (self.male if sex == "male" else self.female)[community].draw(rng)
