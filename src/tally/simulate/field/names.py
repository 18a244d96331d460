"""Names for the field profile, per community, most common first.

Each entry is ``arabic:latin`` (the Latin form is the one an English-language
list most often writes; :mod:`tally.simulate.field.spelling` varies it). The
order is the rank used for the Zipf draw, written from general knowledge of
naming in each community: Mohammad/Ahmad/Abdullah lead among Sunni Arabs;
Ali/Hassan/Hussein/Haidar/Jaafar are frequent among Alawites; Druze names
favour Salman/Kamal/Fares/Nayef; Kurdish lists mix Arabic-Islamic names with
Kurdish ones (Azad, Rojhat, Berivan). Family names are clan names of each
region (the Alawite coast's often patronymic: Ibrahim, Hassan, Youssef).

``SIMILAR`` pairs given names one letter apart that siblings are given
(سلمى / لمى, حسن / حسين): the relatives the issue's false merges come from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    ar: str
    en: str


def _parse(text: str) -> tuple[Name, ...]:
    out = []
    for item in text.split(","):
        item = item.strip()
        if item:
            ar, en = item.split(":")
            out.append(Name(ar.strip(), en.strip()))
    return tuple(out)


_MALE_COMMON = """
محمد:Mohammad, أحمد:Ahmad, علي:Ali, حسن:Hassan, حسين:Hussein, محمود:Mahmoud, خالد:Khaled,
عمر:Omar, عبد الله:Abdullah, إبراهيم:Ibrahim, يوسف:Youssef, مصطفى:Mustafa, عبد الرحمن:Abdul Rahman,
سامر:Samer, باسل:Basel, فادي:Fadi, رامي:Rami, وائل:Wael, نزار:Nizar, غسان:Ghassan, ماهر:Maher,
مجد:Majd, حمزة:Hamza, بلال:Bilal, صالح:Saleh, سليمان:Suleiman, عيسى:Issa, ياسر:Yaser, فواز:Fawaz,
جميل:Jamil, هيثم:Haitham, منير:Munir, نبيل:Nabil, أيمن:Ayman, عمار:Ammar, فراس:Firas, وسيم:Wassim,
هادي:Hadi, سامي:Sami, رياض:Riad, عادل:Adel, طارق:Tareq, زياد:Ziad, مازن:Mazen, بسام:Bassam,
جهاد:Jihad, عبد الكريم:Abdul Karim, قاسم:Qassem, ناصر:Nasser, حسام:Hussam, أسامة:Osama,
عبد الرزاق:Abdul Razzaq, أنس:Anas, معاذ:Muaz, يحيى:Yahya, مهند:Muhannad, نضال:Nidal, كنان:Kinan,
علاء:Alaa, باسم:Basem, هاني:Hani, وليد:Walid, منذر:Munzer, إياد:Iyad, نادر:Nader
"""
_FEMALE_COMMON = """
فاطمة:Fatima, مريم:Maryam, زينب:Zainab, سلمى:Salma, لمى:Lama, هالة:Hala, رنا:Rana, لينا:Lina,
ريم:Reem, ديما:Dima, ريما:Rima, نور:Nour, هبة:Hiba, ربا:Ruba, سناء:Sanaa, منى:Mona, أمل:Amal,
هدى:Huda, سميرة:Samira, سعاد:Souad, خديجة:Khadija, ليلى:Layla, نادية:Nadia, حنان:Hanan, سوسن:Sawsan,
رشا:Rasha, رغد:Raghad, شام:Sham, غنى:Ghina, مايا:Maya, يارا:Yara, جنى:Jana, تالا:Tala, سارة:Sara,
رزان:Razan, روان:Rawan, علا:Ola, آلاء:Alaa, أسماء:Asmaa, عائشة:Aisha, رهف:Rahaf, لين:Leen,
لينة:Leena, دانة:Dana, رنيم:Raneem, وفاء:Wafaa, نوال:Nawal, سمر:Samar, ابتسام:Ibtisam, سهام:Siham,
غادة:Ghada, ميساء:Maysaa, ندى:Nada, إيمان:Iman, آمنة:Amina
"""

_MALE = {
    "sunni": """محمد:Mohammad, أحمد:Ahmad, عبد الله:Abdullah, عمر:Omar, خالد:Khaled, محمود:Mahmoud,
        مصطفى:Mustafa, إبراهيم:Ibrahim, يوسف:Youssef, عبد الرحمن:Abdul Rahman, حسن:Hassan,
        حسين:Hussein, علي:Ali, حمزة:Hamza, عبد الكريم:Abdul Karim, بلال:Bilal, أنس:Anas,
        معاذ:Muaz, أسامة:Osama, عبد الرزاق:Abdul Razzaq, يحيى:Yahya, صالح:Saleh, ياسر:Yaser,
        عثمان:Othman, عبد القادر:Abdul Qader, عبد العزيز:Abdul Aziz, جاسم:Jasem, حمد:Hamad,
        خلف:Khalaf, فيصل:Faisal, عبد الحميد:Abdul Hamid, مروان:Marwan, وليد:Walid, طارق:Tareq""",
    "alawite": """علي:Ali, محمد:Mohammad, حسن:Hassan, حسين:Hussein, أحمد:Ahmad, إبراهيم:Ibrahim,
        يوسف:Youssef, سليمان:Suleiman, محمود:Mahmoud, حيدر:Haidar, جعفر:Jaafar, عيسى:Issa,
        سامر:Samer, غدير:Ghadir, منذر:Munzer, كنان:Kinan, علاء:Alaa, باسل:Basel, مجد:Majd,
        فادي:Fadi, رامي:Rami, نزار:Nizar, غسان:Ghassan, ماهر:Maher, جميل:Jamil, منير:Munir,
        وسيم:Wassim, هيثم:Haitham, أيمن:Ayman, فراس:Firas, عمار:Ammar, سامي:Sami, هادي:Hadi,
        نضال:Nidal, مهند:Muhannad, ياسين:Yassin, صالح:Saleh, زين:Zein""",
    "druze": """سلمان:Salman, كمال:Kamal, فارس:Fares, نايف:Nayef, حمد:Hamad, سامي:Sami, طلال:Talal,
        ربيع:Rabih, مروان:Marwan, وجيه:Wajih, أدهم:Adham, فؤاد:Fouad, نجيب:Najib, وجدي:Wajdi,
        يوسف:Youssef, سليم:Salim, شكيب:Shakib, منصور:Mansour, رافع:Rafeh, نزيه:Nazih, هايل:Hayel,
        جمال:Jamal, عادل:Adel, رياض:Riad, زياد:Ziad, مازن:Mazen, بسام:Bassam, حسان:Hassan,
        كنج:Kanj, عماد:Imad, نبيل:Nabil, فادي:Fadi, رامي:Rami, علاء:Alaa""",
    "kurdish": """محمد:Mohammad, أحمد:Ahmad, مصطفى:Mustafa, حسين:Hussein, عبد الرحمن:Abdul Rahman,
        خليل:Khalil, إبراهيم:Ibrahim, عمر:Omar, آزاد:Azad, روجهات:Rojhat, دلشاد:Dilshad,
        كاوا:Kawa, ريزان:Rezan, هفال:Heval, باران:Baran, فرهاد:Farhad, سيامند:Siyamend,
        ديلوفان:Dilovan, شيار:Shiyar, جوان:Jwan, بيشوار:Bishwar, آلان:Alan, صلاح:Salah,
        رشيد:Rashid, جميل:Jamil, حسن:Hassan, علي:Ali, محمود:Mahmoud, يوسف:Youssef, عثمان:Osman""",
}
_FEMALE = {
    "sunni": """فاطمة:Fatima, خديجة:Khadija, عائشة:Aisha, مريم:Maryam, آمنة:Amina, أسماء:Asmaa,
        هبة:Hiba, سلمى:Salma, لمى:Lama, نور:Nour, رغد:Raghad, شام:Sham, غنى:Ghina, جنى:Jana,
        سارة:Sara, رهف:Rahaf, هدى:Huda, إيمان:Iman, سعاد:Souad, نادية:Nadia, حنان:Hanan,
        ليلى:Layla, منى:Mona, هالة:Hala, رنا:Rana, دانة:Dana, رزان:Razan, روان:Rawan, آلاء:Alaa""",
    "alawite": """زينب:Zainab, فاطمة:Fatima, مريم:Maryam, سلمى:Salma, لمى:Lama, ريم:Reem, ديما:Dima,
        ريما:Rima, رنا:Rana, لينا:Lina, هالة:Hala, رشا:Rasha, سوسن:Sawsan, سميرة:Samira,
        يارا:Yara, مايا:Maya, تالا:Tala, لين:Leen, لينة:Leena, رنيم:Raneem, غدير:Ghadir,
        نور:Nour, رهف:Rahaf, هبة:Hiba, ميساء:Maysaa, غادة:Ghada, ندى:Nada, علا:Ola, سناء:Sanaa""",
    "druze": """وفاء:Wafaa, نوال:Nawal, سمر:Samar, ابتسام:Ibtisam, سهام:Siham, منى:Mona, هدى:Huda,
        أمل:Amal, سلمى:Salma, لمى:Lama, رنا:Rana, ريم:Reem, ديما:Dima, ريما:Rima, هالة:Hala,
        نجوى:Najwa, هند:Hind, سعاد:Souad, وداد:Widad, سوسن:Sawsan, يارا:Yara, مايا:Maya,
        لين:Leen, لينة:Leena, رنيم:Raneem, جنى:Jana, غنى:Ghina""",
    "kurdish": """فاطمة:Fatima, عائشة:Aisha, خديجة:Khadija, زوزان:Zozan, بريفان:Berivan, روجدا:Rojda,
        هيلين:Helin, جيان:Jiyan, آفين:Avin, شيرين:Shirin, كلستان:Gulistan, روناهي:Ronahi,
        نسرين:Nesrin, فيان:Viyan, مريم:Maryam, أمينة:Amina, سلمى:Salma, لمى:Lama, نور:Nour,
        ليلى:Layla, هيفي:Hevi, دلال:Dalal""",
}
_FAMILY = {
    "sunni": """الأحمد:al-Ahmad, المحمد:al-Mohammad, الحسين:al-Hussein, العلي:al-Ali, الخلف:al-Khalaf,
        العبد الله:al-Abdullah, الحسن:al-Hassan, العمر:al-Omar, العيسى:al-Issa, الصالح:al-Saleh,
        الجاسم:al-Jasem, الإبراهيم:al-Ibrahim, المحمود:al-Mahmoud, الخليل:al-Khalil, الحمد:al-Hamad,
        الحمود:al-Hamoud, الزعبي:al-Zoubi, المسالمة:al-Masalmeh, الحريري:al-Hariri, أبازيد:Abazeid,
        المقداد:al-Miqdad, الرفاعي:al-Rifai, درويش:Darwish, شحادة:Shehadeh, الشيخ:al-Sheikh,
        العثمان:al-Othman, الحاج:al-Hajj, النعيمي:al-Nuaimi, الدرويش:al-Darwish, البكور:al-Bakour,
        الخطيب:al-Khatib, السيد:al-Sayyed, الأسعد:al-Asaad, المصري:al-Masri, الحلبي:al-Halabi,
        العبيد:al-Obeid, الشمري:al-Shammari, البدوي:al-Badawi, الطه:al-Taha, الفاضل:al-Fadel,
        القاسم:al-Qassem, العساف:al-Assaf, الدغيم:al-Dughaim, الحميدي:al-Hamidi, الرحال:al-Rahhal""",
    "alawite": """إبراهيم:Ibrahim, حسن:Hassan, يوسف:Youssef, محمود:Mahmoud, سليمان:Suleiman,
        أحمد:Ahmad, ديب:Deeb, خضور:Khaddour, حيدر:Haidar, محفوض:Mahfoud, صالح:Saleh, شاهين:Shaheen,
        إسماعيل:Ismail, عيسى:Issa, عمار:Ammar, أسعد:Asaad, ديوب:Dayoub, ميهوب:Mayhoub, زهرة:Zahra,
        دياب:Diab, مرشد:Murshed, غانم:Ghanem, عباس:Abbas, حمدان:Hamdan, نصر:Nasr, صقر:Saqr,
        بركات:Barakat, جابر:Jaber, غزال:Ghazal, هلال:Hilal, كنعان:Kanaan, منصور:Mansour, رستم:Rustom,
        سلوم:Salloum, الطويل:al-Tawil, ياسين:Yassin, زاهر:Zaher, عبود:Abboud, عزيز:Aziz, حمود:Hammoud,
        علي:Ali, معلا:Mualla, شعبان:Shaaban, الخير:al-Kheir, جديد:Jdeed, بدور:Baddour, قاسم:Qassem,
        ونوس:Wannous, سعيد:Saeed, شدود:Shaddoud""",
    "druze": """الأطرش:al-Atrash, أبو فخر:Abu Fakhr, الهنيدي:al-Hunaidi, رضوان:Radwan, أبو سعد:Abu Saad,
        الهجري:al-Hijri, جربوع:Jarbou, البلعوس:al-Balous, نفاع:Naffaa, عزام:Azzam, أبو راس:Abu Ras,
        الشاقر:al-Shaqer, كيوان:Kiwan, زهر الدين:Zahreddine, شرف:Sharaf, غنام:Ghannam,
        أبو حمدان:Abu Hamdan, الحلبي:al-Halabi, العريضي:al-Aridi, الخداج:al-Khaddaj,
        أبو مغضب:Abu Mughdeb, معروف:Maarouf, سلامة:Salameh, القضماني:al-Qadamani, الشوفي:al-Shoufi,
        عامر:Amer, أبو عاصي:Abu Assi, الحناوي:al-Hinnawi, مرشد:Murshed, نصر:Nasr, حاطوم:Hatoum,
        الصحناوي:al-Sahnawi, أبو زيدان:Abu Zeidan, الجرماني:al-Jaramani, البربور:al-Barbour""",
    "kurdish": """شيخو:Sheikho, حسو:Hasso, بكر:Bakr, عمر:Omar, كالو:Kalo, حمو:Hamo, مامو:Mamo,
        إيبو:Ibo, خليل:Khalil, سيدو:Sido, بوزان:Bozan, عثمان:Osman, حاجي:Haji, أحمو:Ahmo,
        رشو:Rasho, بكرو:Bakro, محمو:Mahmo, جمو:Jamo, درويش:Darwish, بريم:Birim, مسلم:Muslim,
        يوسف:Youssef, حسن:Hassan, إبراهيم:Ibrahim, علي:Ali, مصطفى:Mustafa, عيسى:Issa,
        كوباني:Kobani, عفريني:Afrini, زازا:Zaza""",
}

# Given names one letter apart, given to siblings (each way round).
_SIMILAR = """سلمى:لمى, ريم:ريما, لين:لينا, لين:لينة, ديما:ريما, ريم:رنيم, دانة:دانا, حسن:حسين,
    محمد:محمود, سامر:سامي, عمر:عمار, وسيم:وسام, فادي:هادي, رامي:سامي, باسل:باسم, هاني:هادي,
    حمد:أحمد, رنا:رنيم, هدى:ندى, منى:مها, جنى:غنى, علا:علاء"""

COMMUNITIES = ("alawite", "druze", "sunni", "kurdish")


def males(community: str) -> tuple[Name, ...]:
    return _merge(_parse(_MALE[community]), _parse(_MALE_COMMON))


def females(community: str) -> tuple[Name, ...]:
    return _merge(_parse(_FEMALE[community]), _parse(_FEMALE_COMMON))


def families(community: str) -> tuple[Name, ...]:
    return _parse(_FAMILY[community])


def _merge(first: tuple[Name, ...], rest: tuple[Name, ...]) -> tuple[Name, ...]:
    """The community's own names first (its Zipf head), then the shared ones it lacks."""
    seen = {n.ar for n in first}
    return first + tuple(n for n in rest if n.ar not in seen)


def similar() -> dict[str, tuple[str, ...]]:
    """Arabic given name → the names one letter apart that a sibling may get."""
    out: dict[str, list[str]] = {}
    for item in _SIMILAR.split(","):
        a, b = (s.strip() for s in item.split(":"))
        out.setdefault(a, []).append(b)
        out.setdefault(b, []).append(a)
    return {k: tuple(v) for k, v in out.items()}


# Latin forms for names that only appear through SIMILAR.
EXTRA_LATIN = {"لينا": "Lina", "دانا": "Dana", "وسام": "Wissam", "مها": "Maha", "هادي": "Hadi",
               "سامي": "Sami", "باسم": "Basem", "أحمد": "Ahmad", "حمد": "Hamad", "ندى": "Nada",
               "علاء": "Alaa", "غنى": "Ghina", "رنيم": "Raneem", "محمود": "Mahmoud"}
