"""Arabic and English for the workspace: one small catalogue, the language chosen
per request.

The English text is the key: ``t("Sources")`` is "المصادر" on an Arabic page and
"Sources" on an English one; a key missing from the Arabic catalogue shows in
English rather than not at all (a test lists the missing ones). The language is,
in order: the ``tally_lang`` cookie (the user's choice this session), the
account's own setting, the browser's Accept-Language, English.
"""

from __future__ import annotations

LANGUAGES = ("ar", "en")
RTL = {"ar"}

AR: dict[str, str] = {
    "Tally workspace": "مساحة عمل تالي",
    "Sign in": "تسجيل الدخول",
    "Sign out": "تسجيل الخروج",
    "User name": "اسم المستخدم",
    "Password": "كلمة المرور",
    "Dashboard": "لوحة المتابعة",
    "Sources": "المصادر",
    "Source": "المصدر",
    "Documents": "الوثائق",
    "Document": "الوثيقة",
    "Records": "السجلات",
    "Record": "السجل",
    "Persons": "الأشخاص",
    "Person": "الشخص",
    "Quarantined rows": "الصفوف المعزولة",
    "Review queue": "قائمة المراجعة",
    "Claims to review": "ادعاءات للمراجعة",
    "Latest runs": "آخر العمليات",
    "Stale": "قديمة",
    "Upload a list": "رفع قائمة",
    "Enter a record": "إدخال سجل",
    "Register a source": "تسجيل مصدر",
    "Id": "المعرّف",
    "Name": "الاسم",
    "Kind": "النوع",
    "Reliability": "الموثوقية",
    "Language": "اللغة",
    "Notes": "ملاحظات",
    "Register": "تسجيل",
    "File": "الملف",
    "Received": "تاريخ الاستلام",
    "Received by": "استلمه",
    "Encoding": "الترميز",
    "Search": "بحث",
    "Name in any script": "الاسم بأي كتابة",
    "Governorate": "المحافظة",
    "Status": "الحالة",
    "Sex": "الجنس",
    "Age": "العمر",
    "Date of death": "تاريخ الوفاة",
    "Place": "المكان",
    "All": "الكل",
    "No results.": "لا نتائج.",
    "Upload": "رفع",
    "Column": "العمود",
    "Field": "الحقل",
    "(not used)": "(غير مستخدم)",
    "Value maps": "مطابقة القيم",
    "One per line: as written = value": "واحدة في كل سطر: كما كُتبت = القيمة",
    "Date order": "ترتيب التاريخ",
    "Preview and dry run": "معاينة وتشغيل تجريبي",
    "Ingest": "إدخال",
    "Preview: the first rows as they will be stored": "معاينة: الصفوف الأولى كما ستُخزن",
    "Dry run": "تشغيل تجريبي",
    "records": "سجلات",
    "quarantined": "معزولة",
    "Row": "الصف",
    "Problem": "المشكلة",
    "Ingested": "تم الإدخال",
    "Mapping saved for the next file of this source.": "حُفظت المطابقة للملف التالي من هذا المصدر.",
    "Columns of the file": "أعمدة الملف",
    "Raw values": "القيم كما وردت",
    "Mapped values": "القيم المطابقة",
    "as written": "كما كُتبت",
    "Given name": "الاسم الأول",
    "Father's name": "اسم الأب",
    "Grandfather's name": "اسم الجد",
    "Family name": "الكنية",
    "Mother's name": "اسم الأم",
    "Witness (sensitive)": "الشاهد (حساس)",
    "Witness name": "اسم الشاهد",
    "Witness contact": "وسيلة التواصل مع الشاهد",
    "Consent": "الموافقة",
    "Save": "حفظ",
    "Saved.": "تم الحفظ.",
    "Forbidden": "غير مسموح",
    "You may not do this with your role.": "لا يسمح دورك بهذا.",
    "Not found": "غير موجود",
    "Error": "خطأ",
    "male": "ذكر",
    "female": "أنثى",
    "civilian": "مدني",
    "combatant": "مقاتل",
    "unknown": "غير معروف",
    "Signed in as": "مسجّل الدخول باسم",
    "Role": "الدور",
    "admin": "مدير",
    "analyst": "محلل",
    "reviewer": "مراجع",
    "documenter": "موثّق",
    "viewer": "مطّلع",
    "record": "سجل",
    "Match weight": "وزن التطابق",
    "no persons yet: run linkage first": "لا أشخاص بعد: شغّل الربط أولاً",
    "Identities are hidden for your role.": "الهويات مخفية لدورك.",
    "Audit events": "أحداث السجل",
    "Next": "التالي",
    "Previous": "السابق",
    "Users": "المستخدمون",
    "From": "من",
    "To": "إلى",
    "A list of victims (CSV, spreadsheet)": "قائمة ضحايا (CSV، جدول بيانات)",
    "An article or web page": "مقال أو صفحة ويب",
    "Articles, one JSON object a line": "مقالات، كائن JSON في كل سطر",
    "Published (articles)": "تاريخ النشر (للمقالات)",
    "articles": "مقالات",
    "claims proposed": "ادعاءات مقترحة",
    "Add a user": "إضافة مستخدم",
    "English": "English",
    "العربية": "العربية",
}

CATALOGUE: dict[str, dict[str, str]] = {"ar": AR, "en": {}}


def translate(lang: str, text: str) -> str:
    return CATALOGUE.get(lang, {}).get(text, text)


def pick_language(cookie: str | None, account: str | None, accept: str | None) -> str:
    """The page language: cookie, then the account's setting, then Accept-Language."""
    for choice in (cookie, account):
        if choice in LANGUAGES:
            return choice
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"
