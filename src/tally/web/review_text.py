"""Arabic for the review, jobs and API pages (W2's part of the workspace).

Kept beside W1's catalogue (:mod:`tally.web.i18n`) and merged into it when the
review routes are imported, so each half of the workspace edits its own words.
"""

from __future__ import annotations

from tally.web.i18n import AR

REVIEW_AR: dict[str, str] = {
    "Review": "المراجعة",
    "Pairs": "الأزواج",
    "Claims": "الادعاءات",
    "Incidents": "الحوادث",
    "Jobs": "المهام",
    "Linkage pairs": "أزواج الربط",
    "Showing {shown} of {total}, the pairs whose verdict would change the most persons first.":
        "يُعرض {shown} من {total}، بدءاً بالأزواج التي يغيّر الحكم فيها أكبر عدد من الأشخاص.",
    "Keys: m match · n no match · u unsure · j/k next/previous · Tab to the note":
        "المفاتيح: m تطابق · n لا تطابق · u غير متأكد · j/k التالي/السابق · Tab للملاحظة",
    "Match": "تطابق",
    "No match": "لا تطابق",
    "Unsure": "غير متأكد",
    "Note": "ملاحظة",
    "Left": "اليسار",
    "Right": "اليمين",
    "Comparison": "المقارنة",
    "Level": "المستوى",
    "Weight": "الوزن",
    "Probability": "الاحتمال",
    "Decided": "تم القرار",
    "The review queue is empty.": "قائمة المراجعة فارغة.",
    "No linkage yet: an analyst runs linkage first.": "لا ربط بعد: يشغّل المحلل الربط أولاً.",
    "More pairs": "أزواج أخرى",
    "Evidence": "الدليل",
    "Accept": "قبول",
    "Reject": "رفض",
    "Edit": "تعديل",
    "Edit and accept the values": "تعديل القيم",
    "No claims to review.": "لا ادعاءات للمراجعة.",
    "Killed (low)": "القتلى (الأدنى)",
    "Killed (best)": "القتلى (الأرجح)",
    "Killed (high)": "القتلى (الأعلى)",
    "Perpetrator": "الجهة المتهمة",
    "Attribution": "الإسناد",
    "proposed": "مقترح",
    "accepted": "مقبول",
    "edited": "معدّل",
    "rejected": "مرفوض",
    "Members": "الأعضاء",
    "Merge": "دمج",
    "Split": "فصل",
    "Detach": "إخراج",
    "Member": "العضو",
    "Other member": "عضو آخر",
    "No incidents yet: an analyst runs incidents first.": "لا حوادث بعد: يشغّل المحلل الحوادث أولاً.",
    "Dates": "التواريخ",
    "Victims": "الضحايا",
    "Killed": "القتلى",
    "Documented": "الموثَّقون",
    "Start": "ابدأ",
    "Start a job": "بدء مهمة",
    "queued": "في الانتظار",
    "running": "قيد التشغيل",
    "done": "انتهت",
    "failed": "فشلت",
    "interrupted": "انقطعت",
    "Started by": "بدأها",
    "Step": "الخطوة",
    "Log": "السجل",
    "Result": "النتيجة",
    "link": "الربط",
    "estimate": "التقدير",
    "incidents": "الحوادث",
    "report": "التقرير",
    "No jobs yet.": "لا مهام بعد.",
    "API tokens": "رموز الواجهة البرمجية",
    "The new token, shown this once (send it as Authorization: Bearer TOKEN):":
        "الرمز الجديد، يُعرض هذه المرة فقط (أرسله في الترويسة Authorization: Bearer TOKEN):",
    "Revoke": "إلغاء",
    "Revoked": "أُلغي",
    "Make a token": "إنشاء رمز",
    "Kind": "النوع",
    "Decision": "القرار",
}

for _key, _value in REVIEW_AR.items():
    AR.setdefault(_key, _value)
