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
}

AR.update(PROTECT_AR)
