"""Name tables for the osprey profile: given and family names per community.

Each entry is (Arabic, Latin forms...): the first Latin form is the common
spelling, the others are the spellings other recorders use. Names are drawn
Zipf-like (weight 1/rank**s) so that a few names are very common, as in real
Syrian lists, where Muhammad/Ahmad/Ali and a handful of large families make
namesakes frequent. Communities share a common pool and add their own names:
Alawite, Druze and Christian lists carry names that Sunni lists rarely do.
"""

from __future__ import annotations

import bisect
import itertools
import random

Entry = tuple[str, ...]

MALE_COMMON: tuple[Entry, ...] = (
    ("محمد", "Mohammad", "Muhammad", "Mohamed"), ("أحمد", "Ahmad", "Ahmed"),
    ("علي", "Ali", "Aly"), ("حسن", "Hassan", "Hasan"), ("محمود", "Mahmoud", "Mahmud"),
    ("إبراهيم", "Ibrahim", "Ebrahim"), ("يوسف", "Youssef", "Yousef", "Yusuf"),
    ("خالد", "Khaled", "Khalid"), ("عمر", "Omar", "Umar"), ("سليمان", "Suleiman", "Sulayman", "Sleiman"),
    ("إسماعيل", "Ismail", "Ismael"), ("عبد الله", "Abdullah", "Abdallah", "Abd Allah"),
    ("سامر", "Samer", "Samir"), ("وائل", "Wael", "Wa'il"), ("فادي", "Fadi", "Fady"),
    ("رامي", "Rami", "Ramy"), ("نزار", "Nizar", "Nezar"), ("باسل", "Basel", "Basil"),
    ("ماهر", "Maher", "Mahir"), ("جميل", "Jamil", "Jameel"), ("كمال", "Kamal", "Kamel"),
    ("غسان", "Ghassan", "Ghasan"), ("نبيل", "Nabil", "Nabeel"), ("فراس", "Firas", "Feras"),
    ("عماد", "Imad", "Emad"), ("مصطفى", "Mustafa", "Moustafa"), ("هيثم", "Haitham", "Haytham"),
    ("زياد", "Ziad", "Ziyad"), ("مازن", "Mazen", "Mazin"), ("أيمن", "Ayman", "Aiman"),
    ("منير", "Munir", "Mounir"), ("بشير", "Bashir", "Basheer"), ("سمير", "Samir", "Sameer"),
    ("جهاد", "Jihad", "Jehad"), ("طارق", "Tareq", "Tarek", "Tariq"), ("حسين", "Hussein", "Hussain", "Husayn"),
)
MALE_BY: dict[str, tuple[Entry, ...]] = {
    "alawite": (("حيدر", "Haidar", "Haydar"), ("علي", "Ali", "Aly"), ("سليمان", "Suleiman", "Sleiman"),
                ("جعفر", "Jaafar", "Jafar"), ("يونس", "Younes", "Yunus"), ("بدر", "Badr", "Bader"),
                ("نمير", "Numair", "Nmeir"), ("شادي", "Shadi", "Shady"), ("غياث", "Ghiath", "Ghiyath"),
                ("مهند", "Muhannad", "Mohannad"), ("أسامة", "Osama", "Usama"), ("ورد", "Ward", "Wared")),
    "druze": (("سلمان", "Salman", "Selman"), ("كمال", "Kamal", "Kamel"), ("فايز", "Fayez", "Faiz"),
              ("نزيه", "Nazih", "Nazeeh"), ("وليد", "Walid", "Waleed"), ("ربيع", "Rabih", "Rabie"),
              ("مروان", "Marwan", "Merwan"), ("هادي", "Hadi", "Hady"), ("شكيب", "Shakib", "Chakib"),
              ("فرحان", "Farhan", "Farhane"), ("نايف", "Nayef", "Naif"), ("سامي", "Sami", "Samy")),
    "christian": (("جورج", "George", "Georges", "Jurj"), ("إلياس", "Elias", "Ilyas"), ("حنا", "Hanna", "Hanna'"),
                  ("بطرس", "Boutros", "Butrus"), ("ميشيل", "Michel", "Mishel"), ("يوسف", "Youssef", "Joseph"),
                  ("جرجس", "Jirjis", "Gerges"), ("عيسى", "Issa", "Eissa"), ("نقولا", "Nicola", "Nkoula"),
                  ("طوني", "Tony", "Touni"), ("فادي", "Fadi", "Fady"), ("بيير", "Pierre", "Bier")),
    "sunni": (("عبد الرحمن", "Abdulrahman", "Abd al-Rahman", "Abdel Rahman"), ("عمر", "Omar", "Umar"),
              ("أبو بكر", "Abu Bakr", "Aboubakr"), ("حمزة", "Hamza", "Hamzah"), ("عثمان", "Othman", "Uthman"),
              ("بلال", "Bilal", "Belal"), ("معاذ", "Muath", "Moaz"), ("أنس", "Anas", "Enes")),
    "bedouin": (("فواز", "Fawaz", "Fawwaz"), ("مشعل", "Mishaal", "Meshal"), ("عواد", "Awwad", "Awad"),
                ("صالح", "Saleh", "Salih"), ("حمد", "Hamad", "Hamed"), ("مطر", "Matar", "Mattar"),
                ("فهد", "Fahd", "Fahad"), ("جاسم", "Jasim", "Jassem")),
}
FEMALE_COMMON: tuple[Entry, ...] = (
    ("فاطمة", "Fatima", "Fatmeh", "Fatma"), ("مريم", "Maryam", "Mariam"), ("زينب", "Zeinab", "Zaynab"),
    ("سلمى", "Salma", "Selma"), ("لمى", "Lama", "Lamma"), ("هدى", "Huda", "Hoda"),
    ("رشا", "Rasha", "Racha"), ("ريم", "Reem", "Rim"), ("نور", "Nour", "Noor"), ("سعاد", "Suad", "Souad"),
    ("أمل", "Amal", "Aml"), ("منى", "Muna", "Mona"), ("هالة", "Hala", "Halah"), ("سمر", "Samar", "Sammar"),
    ("رنا", "Rana", "Ranaa"), ("لينا", "Lina", "Leena"), ("دعاء", "Duaa", "Doaa"), ("نادية", "Nadia", "Nadiya"),
    ("سميرة", "Samira", "Sameera"), ("خديجة", "Khadija", "Khadijeh"), ("ليلى", "Layla", "Leila"),
    ("غادة", "Ghada", "Ghadah"), ("رولا", "Rula", "Roula"), ("ميساء", "Maysaa", "Maysa"),
    ("وفاء", "Wafaa", "Wafa"), ("آمنة", "Amina", "Amneh"),
)
FEMALE_BY: dict[str, tuple[Entry, ...]] = {
    "alawite": (("ريم", "Reem", "Rim"), ("بتول", "Batoul", "Batool"), ("علا", "Ola", "Ula"),
                ("رهف", "Rahaf", "Rahf"), ("نغم", "Nagham", "Nagam"), ("يارا", "Yara", "Yarah")),
    "druze": (("سهام", "Siham", "Seham"), ("نهى", "Noha", "Nuha"), ("وداد", "Widad", "Wedad"),
              ("جمانة", "Joumana", "Jumana"), ("ريما", "Rima", "Reema"), ("نجوى", "Najwa", "Nagwa")),
    "christian": (("ماري", "Marie", "Mary"), ("ريتا", "Rita", "Reeta"), ("جورجيت", "Georgette", "Jorjet"),
                  ("تريز", "Therese", "Teresa"), ("كاترين", "Catherine", "Katrin"), ("ماريا", "Maria", "Mariya")),
    "sunni": (("عائشة", "Aisha", "Aicha"), ("أسماء", "Asmaa", "Asma"), ("حليمة", "Halima", "Halimeh")),
    "bedouin": (("نوف", "Nouf", "Nuf"), ("شيخة", "Sheikha", "Shaikha"), ("مزنة", "Mozna", "Muzna")),
}
FAMILY_BY: dict[str, tuple[Entry, ...]] = {
    "alawite": (("إبراهيم", "Ibrahim", "Ebrahim"), ("حسن", "Hassan", "Hasan"), ("ديب", "Deeb", "Dib"),
                ("سليمان", "Suleiman", "Sleiman"), ("محمود", "Mahmoud", "Mahmud"), ("يوسف", "Youssef", "Yousef"),
                ("علي", "Ali", "Aly"), ("إسماعيل", "Ismail", "Ismael"), ("صالح", "Saleh", "Salih"),
                ("عيسى", "Issa", "Eissa"), ("الخير", "al-Khayer", "Alkhayer", "Khayyer"), ("شاهين", "Shahin", "Chahine"),
                ("حيدر", "Haidar", "Haydar"), ("العلي", "al-Ali", "Al Ali"), ("ونوس", "Wannous", "Wanous"),
                ("جديد", "Jdeed", "Jadid"), ("الأسعد", "al-Asaad", "Al Assaad"), ("عباس", "Abbas", "Abas"),
                ("رستم", "Rustom", "Rostom"), ("غانم", "Ghanem", "Ghanim"), ("معلا", "Mualla", "Moalla"),
                ("بدور", "Baddour", "Badur"), ("شعبان", "Shaaban", "Chaaban"), ("زيدان", "Zeidan", "Zaydan"),
                ("مخلوف", "Makhlouf", "Makhluf"), ("حمدان", "Hamdan", "Hamdane"), ("خضور", "Khaddour", "Khadur"),
                ("ناصر", "Nasser", "Naser"), ("عمران", "Omran", "Imran"), ("درويش", "Darwish", "Darwich")),
    "druze": (("أبو عساف", "Abu Assaf", "Abou Assaf"), ("الأطرش", "al-Atrash", "Al Atrash"),
              ("أبو فخر", "Abu Fakhr", "Abou Fakher"), ("عزام", "Azzam", "Azam"), ("رضوان", "Radwan", "Redwan"),
              ("الحجار", "al-Hajjar", "Hajjar"), ("نصر", "Nasr", "Nasser"), ("أبو سعد", "Abu Saad", "Abou Saad"),
              ("الحلبي", "al-Halabi", "Halabi"), ("عز الدين", "Ezz al-Din", "Izzeddine"),
              ("الشاعر", "al-Shaer", "Shaar"), ("أبو حمدان", "Abu Hamdan", "Abou Hamdan"),
              ("حمزة", "Hamza", "Hamzeh"), ("القنطار", "al-Qantar", "Kantar"), ("البعيني", "al-Baini", "Baaini"),
              ("مرشد", "Murshed", "Morshed"), ("الحناوي", "al-Hinnawi", "Hennawi"), ("أبو راس", "Abu Ras", "Abou Ras"),
              ("جربوع", "Jarbou", "Jerbou"), ("الهجري", "al-Hijri", "Hajri")),
    "christian": (("حداد", "Haddad", "Hadad"), ("خوري", "Khoury", "Khouri", "Khuri"), ("نصر", "Nasr", "Nassr"),
                  ("عبود", "Abboud", "Aboud"), ("غنطوس", "Ghantous", "Ghantus"), ("منصور", "Mansour", "Mansur"),
                  ("داود", "Daoud", "Dawood"), ("نصيف", "Nassif", "Nasif"), ("كساب", "Kassab", "Kasab"),
                  ("شاهين", "Shahin", "Chahine"), ("سمعان", "Semaan", "Simaan"), ("عيسى", "Issa", "Eissa")),
    "sunni": (("الحسن", "al-Hassan", "Al Hasan"), ("الأحمد", "al-Ahmad", "Alahmad"), ("المحمد", "al-Mohammad", "Almohamad"),
              ("الخطيب", "al-Khatib", "Khatib"), ("الحمصي", "al-Homsi", "Homsi"), ("الشامي", "al-Shami", "Chami"),
              ("العمر", "al-Omar", "Alomar"), ("السيد", "al-Sayed", "Sayyed"), ("الزعبي", "al-Zoubi", "Zoabi"),
              ("المصري", "al-Masri", "Masri"), ("الحريري", "al-Hariri", "Hariri"), ("قاسم", "Qasem", "Kassem"),
              ("الجاسم", "al-Jasem", "Jassem"), ("العبدالله", "al-Abdullah", "Abdallah"), ("حمود", "Hammoud", "Hamud"),
              ("الدرويش", "al-Darwish", "Darwich"), ("النجار", "al-Najjar", "Najjar"), ("الرفاعي", "al-Rifai", "Refaei")),
    "bedouin": (("النعيمي", "al-Nuaimi", "Naimi"), ("الشمري", "al-Shammari", "Shammary"),
                ("العنزي", "al-Anazi", "Enezi"), ("المقداد", "al-Miqdad", "Mekdad"), ("الرويشد", "al-Rweished", "Ruwaished"),
                ("الحسيني", "al-Husseini", "Husaini"), ("الطوقان", "al-Tuqan", "Toukan"), ("البدوي", "al-Badawi", "Badawi")),
}


class ZipfPool:
    """Draw entries with weight 1/rank**s (rank = position after a seeded shuffle)."""

    def __init__(self, entries, s: float, rng: random.Random) -> None:
        entries = list(dict.fromkeys(entries))
        rng.shuffle(entries)
        self.entries = entries
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(entries))))

    def draw(self, rng: random.Random) -> Entry:
        return self.entries[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def pools(rng: random.Random) -> dict[tuple[str, str], ZipfPool]:
    """(community, 'm'|'f'|'fam') -> pool. The exponent 1.0 for given names and 0.8 for
    family names (families are many and flatter than given names)."""
    out = {}
    for com in FAMILY_BY:
        out[(com, "m")] = ZipfPool(MALE_BY[com] + MALE_COMMON, 1.0, rng)
        out[(com, "f")] = ZipfPool(FEMALE_BY[com] + FEMALE_COMMON, 1.0, rng)
        out[(com, "fam")] = ZipfPool(FAMILY_BY[com], 0.8, rng)
    return out
