"""Arabic for the account-management parts of the workspace (disabling an account,
changing a password, a full export downloaded once): page texts merged into
:data:`tally.web.i18n.AR` and the store's messages into :mod:`tally.web.messages`
when imported, beside the other parts' catalogues, so each part edits its own words."""

from __future__ import annotations

import re

from tally.web.i18n import AR
from tally.web.messages import FIXED, PATTERNS

ACCOUNT_AR: dict[str, str] = {
    "Active": "نشط",
    "Disabled": "معطّل",
    "Disable": "تعطيل",
    "Enable": "تفعيل",
    "Change your password": "تغيير كلمة المرور",
    "Current password": "كلمة المرور الحالية",
    "New password": "كلمة المرور الجديدة",
    "New password again": "كلمة المرور الجديدة مرة أخرى",
    "Change the password": "غيّر كلمة المرور",
    "Your password is changed; your other sessions have ended.":
        "تغيّرت كلمة المرور؛ انتهت جلساتك الأخرى.",
    "Disabling an account ends its sessions at once and revokes its API tokens.":
        "تعطيل الحساب ينهي جلساته فوراً ويلغي رموز واجهته البرمجية.",
    "Downloaded": "نُزّل",
    "Approved requests": "الطلبات الموافق عليها",
    "Approved by": "وافق عليه",
}
AR.update(ACCOUNT_AR)

FIXED.update({
    "the two new passwords differ": "كلمتا المرور الجديدتان مختلفتان",
    "the current password is wrong": "كلمة المرور الحالية خاطئة",
    "a password needs at least 10 characters": "كلمة المرور تحتاج 10 محارف على الأقل",
})
PATTERNS[:0] = [(re.compile(p), a) for p, a in (
    (r"(?P<v>\S+) is the last enabled admin: add or enable another admin first, or nobody "
     r"could manage the workspace",
     "{v} هو آخر مدير مفعّل: أضف مديراً آخر أو فعّله أولاً، وإلا فلن يبقى من يدير مساحة العمل"),
    (r"user '(?P<v>.+)' is already disabled", "المستخدم {v} معطّل أصلاً"),
    (r"user '(?P<v>.+)' is not disabled", "المستخدم {v} غير معطّل"),
    (r"no user '(?P<v>.+)'", "لا يوجد المستخدم {v}"),
    (r"export request (?P<v>\S+) was already downloaded at (?P<at>\S+) UTC: ask again",
     "طلب التصدير {v} نُزّل من قبل في {at} (UTC): اطلبه مجدداً"),
)]
