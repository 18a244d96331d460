"""Arabic for the Protect pages (access groups, sign-in hardening, exports: P2's part
of the workspace), merged into :data:`tally.web.i18n.AR` when imported, beside W's
catalogues, so each part edits its own words."""

from __future__ import annotations

from tally.web.i18n import AR

PROTECT_AR: dict[str, str] = {
    "Access groups": "مجموعات الوصول",
    "Add a group": "إضافة مجموعة",
    "Add a member": "إضافة عضو",
    "Remove a member": "إزالة عضو",
    "Change": "تغيير",
    "Group": "المجموعة",
    "Lift the restriction": "رفع التقييد",
    "Restrict the source": "تقييد المصدر",
    "Restricted sources": "المصادر المقيّدة",
    "Read": "القراءة",
    "Refused reads": "قراءات مرفوضة",
    "Subject": "الموضوع",
    "When": "متى",
    "restricted": "مقيّد",
    "This record comes from a source restricted to an access group you are not in.":
        "هذا السجل من مصدر مقيّد بمجموعة وصول لست عضواً فيها.",
    "rows from restricted sources are not shown.": "صفوف من مصادر مقيّدة لا تُعرض.",
    "Second factor": "العامل الثاني",
    "The code from your authenticator, or a recovery code": "الرمز من تطبيق المصادقة، أو رمز استرداد",
    "Confirm it is you": "أكّد هويتك",
    "Exports and key operations need your password again (and a code, if you use a second factor).":
        "التصدير وعمليات المفاتيح تحتاج كلمة المرور مجدداً (ورمزاً إن كنت تستخدم عاملاً ثانياً).",
    "Confirm": "تأكيد",
    "Your account": "حسابك",
    "Recovery codes": "رموز الاسترداد",
    "Each works once in place of a code. They are shown only now: write them down and keep them away from this computer.":
        "كل رمز يصلح مرة واحدة بدل الرمز. تُعرض الآن فقط: اكتبها واحفظها بعيداً عن هذا الحاسوب.",
    "Second factor: on.": "العامل الثاني: مفعّل.",
    "Your role needs a second factor: set it up to go on.": "دورك يحتاج عاملاً ثانياً: فعّله للمتابعة.",
    "Add this account to an authenticator app (type the key, or open the link on the phone), then type the code it shows.":
        "أضف هذا الحساب إلى تطبيق مصادقة (اكتب المفتاح أو افتح الرابط على الهاتف)، ثم اكتب الرمز الذي يظهره.",
    "Key": "المفتاح",
    "Code": "الرمز",
    "Turn on": "تفعيل",
    "Account": "الحساب",
    "Exports": "التصدير",
    "Public dataset": "مجموعة البيانات العامة",
    "One row per victim, with no witness, contact, note or document; records whose witness did not agree to publication are left out.":
        "صف لكل ضحية، بلا شاهد أو وسيلة اتصال أو ملاحظة أو وثيقة؛ وتُستبعد السجلات التي لم يوافق شاهدها على النشر.",
    "Full export": "تصدير كامل",
    "Every field. An admin other than you approves it; you then download it before the approval expires.":
        "كل الحقول. يوافق عليه مدير غيرك؛ ثم تنزّله قبل انتهاء الموافقة.",
    "What": "ماذا",
    "Format": "الصيغة",
    "Recipient's age public key (optional: the file is then encrypted to it)":
        "مفتاح age العام للمستلم (اختياري: يُشفَّر الملف له)",
    "Reason": "السبب",
    "Ask for approval": "طلب الموافقة",
    "Your requests": "طلباتك",
    "Expires": "ينتهي",
    "Download": "تنزيل",
    "Waiting for approval": "بانتظار الموافقة",
    "Approve": "موافقة",
    "Refuse": "رفض الطلب",
}

AR.update(PROTECT_AR)
