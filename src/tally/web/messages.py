"""Arabic for the messages that come from the core: errors (TallyError's text),
quarantine problems, job progress and notices, shown inside Arabic pages.

The core speaks English (the CLI's messages, the store's quarantine notes), and a
page used to show them so inside an Arabic page. Here each message a user of the
pages meets is a pattern with its Arabic: fixed texts by key, messages with values
(an id, a number, a field's name) by a regular expression whose named parts are put
into the Arabic (values are user text: the template escapes them like any other).
A message with no rendering stays in English (not a wrong guess); several joined
by "; " are rendered one by one.

    message("ar", "the project is busy with another change: try again shortly")
"""

from __future__ import annotations

import re

#: field names as the pages name them in Arabic
_FIELDS = {
    "name": "الاسم", "age": "العمر", "sex": "الجنس", "status": "الحالة",
    "date_of_death": "تاريخ الوفاة", "birth_year": "سنة الميلاد", "birth_date": "تاريخ الميلاد",
    "consent": "الموافقة", "place": "المكان", "governorate": "المحافظة",
    "given_name": "الاسم الأول", "family_name": "الكنية",
}

#: fixed texts
FIXED: dict[str, str] = {
    # writes and the writer lock
    "the project is busy with another change (a job may be running): try again when it has "
    "finished": "المشروع مشغول بتغيير آخر (قد تكون مهمة قيد التشغيل): حاول مجدداً عند انتهائها",
    "the project is busy with another change: try again shortly":
        "المشروع مشغول بتغيير آخر: حاول مجدداً بعد قليل",
    "the form's token is missing or wrong: reload the page and try again":
        "رمز النموذج مفقود أو خاطئ: أعد تحميل الصفحة وحاول مجدداً",
    # review
    "a verdict needs two different records": "القرار يحتاج سجلين مختلفين",
    "no linkage yet: run `tally link` first": "لا ربط بعد: شغّل الربط أولاً",
    # quarantine problems (tally.ingest.checks, tally.ingest.pipeline)
    "age is not a number, a range or a known word": "العمر ليس رقماً ولا مدى ولا كلمة معروفة",
    "date_of_death is not YYYY-MM-DD, YYYY-MM, YYYY or a start/end range":
        "تاريخ الوفاة ليس بصيغة YYYY-MM-DD أو YYYY-MM أو YYYY أو مدى بداية/نهاية",
    "birth_year is not a four-digit year": "سنة الميلاد ليست سنة من أربعة أرقام",
    "birth_date is not YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYY":
        "تاريخ الميلاد ليس بصيغة YYYY-MM-DD أو YYYYMMDD أو YYYY-MM أو YYYY",
    "sex is not male, female or unknown": "الجنس ليس ذكراً ولا أنثى ولا غير معروف",
    "status is not civilian, combatant or unknown": "الحالة ليست مدنياً ولا مقاتلاً ولا غير معروف",
    "no name and no other identifying field": "لا اسم ولا حقل آخر يعرّف الشخص",
    "control characters (such as NUL or ESC) removed from the values as received":
        "أزيلت محارف تحكّم (مثل NUL أو ESC) من القيم كما وردت",
    "no letters": "لا حروف",
    "mixed scripts": "كتابات مختلطة",
    "no name units": "لا أجزاء اسم",
    "reordered 'family, given'": "أعيد ترتيب 'الكنية، الاسم'",
    # jobs
    "done": "انتهت",
    "building link input": "تجهيز مدخلات الربط",
    "clustering": "التجميع",
    "training: prior, u from random pairs, EM sessions":
        "التدريب: الاحتمال المسبق، واحتمالات u من أزواج عشوائية، وجلسات EM",
    "scoring the blocked pairs": "تقييم الأزواج المرشّحة",
    "each kept pair's detail": "تفاصيل كل زوج مُبقى",
    "calibrating and storing": "المعايرة والحفظ",
    "starting Spark (local)": "تشغيل Spark (محلياً)",
    "training on Spark: prior, u from random pairs, EM sessions":
        "التدريب على Spark: الاحتمال المسبق، واحتمالات u من أزواج عشوائية، وجلسات EM",
    "scoring the blocked pairs on Spark": "تقييم الأزواج المرشّحة على Spark",
    "the lists' overlap, pairs kept and the conflicts within their components, on Spark":
        "تداخل القوائم والأزواج المُبقاة والتعارضات داخل مكوّناتها، على Spark",
    "estimating from the latest linkage": "التقدير من آخر ربط",
    "grouping claims and persons into incidents": "تجميع الادعاءات والأشخاص في حوادث",
    "writing the report": "كتابة التقرير",
    "interrupted: the server stopped before the job finished": "انقطعت: توقف الخادم قبل انتهاء المهمة",
    "this job wrote no report": "لم تكتب هذه المهمة تقريراً",
    # uploads
    "the mapping marks sensitive a column the file does not have":
        "المطابقة تعلّم عموداً حساساً غير موجود في الملف",
}

_V = r"(?P<v>.+)"
#: messages with values: (English pattern, Arabic with {named} parts)
PATTERNS: list[tuple[re.Pattern, str]] = [(re.compile(p), a) for p, a in (
    (r"required field (?P<field>\w+) is empty", "الحقل المطلوب {field} فارغ"),
    (r"consent is not a list of (?P<v>[a-z, ]+) \(or none\)",
     "الموافقة ليست قائمة من {v} (أو لا شيء)"),
    (r"no record (?P<v>.+) in this project", "لا يوجد السجل {v} في هذا المشروع"),
    (r"verdict (?P<v>.+) is not one of match, no-match, unsure",
     "القرار {v} ليس تطابقاً ولا عدم تطابق ولا غير متأكد"),
    (r"a note is at most (?P<n>\d+) characters", "الملاحظة {n} حرفاً على الأكثر"),
    (r"unknown source (?P<v>.+)", "مصدر غير معروف {v}"),
    (r"the file is larger than (?P<n>\d+) MB", "الملف أكبر من {n} ميغابايت"),
    (r"no job (?P<v>.+)", "لا توجد مهمة {v}"),
    (r"started (?P<kind>link|estimate|incidents|report)", "بدأت: {kind}"),
    (r"queued by (?P<v>.+)", "في الانتظار، طلبها {v}"),
    (r"failed: (?P<msg>.+)", "فشلت: {msg}"),
    (r"training and scoring (?P<n>\d+) records", "تدريب النموذج وتقييم {n} سجلاً"),
    (r"clustering (?P<n>[\d,]+) pairs", "تجميع {n} زوجاً"),
    (r"(?P<n>[\d,]+) pairs scored from probability (?P<p>[\d.e-]+); the lists' overlap",
     "قُيّم {n} زوجاً ابتداءً من الاحتمال {p}؛ تداخل القوائم"),
    (r"(?P<n>[\d,]+) pairs kept; conflicts within their components",
     "أُبقي {n} زوجاً؛ التعارضات داخل مكوّناتها"),
    (r"(?P<n>[\d,]+) pairs kept; each kept pair's detail", "أُبقي {n} زوجاً؛ تفاصيل كل زوج"),
    (r"internal error \((?P<v>\w+)\); see the server's log", "خطأ داخلي ({v})؛ راجع سجل الخادم"),
    (r"not in the gazetteer: (?P<v>.+)", "غير موجود في المعجم الجغرافي: {v}"),
    (r"ambiguous: (?P<n>\d+) units named (?P<v>.+?)(?P<rest> .*)?", "ملتبس: {n} وحدات باسم {v}"),
    (r"(?P<field>\w+) = (?P<v>.+): (?P<msg>.+)", "{field} = {v}: {msg}"),
)]

_KINDS = {"link": "الربط", "estimate": "التقدير", "incidents": "الحوادث", "report": "التقرير"}
#: a log line: its time, then the message
_LOG = re.compile(r"(?P<at>\d{4}-\d\d-\d\dT\S+) (?P<msg>.*)")


def message(lang: str, text: str | None) -> str | None:
    """``text`` (a message from the core) in ``lang``: Arabic where a rendering is
    known, else as it is."""
    if lang != "ar" or not text:
        return text
    text = str(text)
    if text in FIXED:
        return FIXED[text]
    for pattern, arabic in PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            parts = {k: (v or "") for k, v in found.groupdict().items()}
            if "field" in parts:
                parts["field"] = _FIELDS.get(parts["field"], parts["field"])
            if "kind" in parts:
                parts["kind"] = _KINDS.get(parts["kind"], parts["kind"])
            if "msg" in parts:
                parts["msg"] = message(lang, parts["msg"])
            return arabic.format(**parts)
    if "; " in text:
        pieces = text.split("; ")
        rendered = [message(lang, p) for p in pieces]
        if rendered != pieces:
            return "؛ ".join(rendered)
    return text


def log_line(lang: str, line: str) -> str:
    """A job's log line (time, then message) with its message rendered."""
    found = _LOG.fullmatch(line)
    if lang != "ar" or not found:
        return line
    return f"{found.group('at')} {message(lang, found.group('msg'))}"
