"""Places of the mosaic profile: governorates, district centres, villages.

Towns and villages are taken from the GeoNames extract in
/work/shared/data/syria-gazetteer (Arabic names checked by hand, since its first
Arabic alternate is often Kurdish or Persian), with a few villages and city
quarters named in reports of the 2025 killings that the extract lacks (al-Mukhtariya,
al-Shir, al-Sanobar, al-Qusour, Fahel, Arzeh, Thaala, Walgha, al-Maqwas, Jaramana's
quarters, al-Dweila'a). Each village carries the mix of communities living there;
each district its centre, where the hospital is.

OCHA p-codes: SY01 Damascus ... SY14 Quneitra.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Governorate:
    code: str
    ar: str
    en: tuple[str, ...]      # English spellings (first is the common one)
    fr: str
    tr: str


@dataclass
class Village:
    ar: str
    pivot: str
    district: "District"
    mix: dict[str, float]
    index: int = 0


@dataclass
class District:
    ar: str
    pivot: str
    gov: Governorate
    villages: list[Village] = field(default_factory=list)

    @property
    def hospital_ar(self) -> str:
        return f"مشفى {self.ar} الوطني"


GOVERNORATES = {g.code: g for g in (
    Governorate("SY01", "دمشق", ("Damascus", "Dimashq"), "Damas", "Şam"),
    Governorate("SY02", "حلب", ("Aleppo", "Halab"), "Alep", "Halep"),
    Governorate("SY03", "ريف دمشق", ("Rif Dimashq", "Damascus Countryside", "Rural Damascus"),
                "Rif Dimachq", "Şam Kırsalı"),
    Governorate("SY04", "حمص", ("Homs", "Hims"), "Homs", "Humus"),
    Governorate("SY05", "حماة", ("Hama", "Hamah"), "Hama", "Hama"),
    Governorate("SY06", "اللاذقية", ("Latakia", "Lattakia", "Al-Ladhiqiyah"), "Lattaquié", "Lazkiye"),
    Governorate("SY07", "إدلب", ("Idlib", "Idleb"), "Idleb", "İdlib"),
    Governorate("SY08", "الحسكة", ("Hasakah", "Al-Hasakah", "Hasakeh"), "Hassaké", "Haseke"),
    Governorate("SY09", "دير الزور", ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zour"), "Deir ez-Zor", "Deyrizor"),
    Governorate("SY10", "طرطوس", ("Tartus", "Tartous"), "Tartous", "Tartus"),
    Governorate("SY11", "الرقة", ("Raqqa", "Ar-Raqqah"), "Raqqa", "Rakka"),
    Governorate("SY12", "درعا", ("Daraa", "Dar'a"), "Deraa", "Dera"),
    Governorate("SY13", "السويداء", ("Sweida", "Suwayda", "As-Suwayda"), "Soueïda", "Süveyda"),
    Governorate("SY14", "القنيطرة", ("Quneitra", "Al-Qunaytirah"), "Kuneitra", "Kuneytra"),
)}

_MIX = {"a": "alawite", "s": "sunni", "d": "druze", "c": "christian", "k": "kurd", "b": "bedouin"}

# governorate # district centre = pivot # village = pivot = mix ...
_TABLE = """
SY06#اللاذقية=al-laadhiqiyya@#المختارية=al-mukhtaariyya@=a الشير=al-shiir=a البهلولية=al-bahluuliyya@=a7s3 المزيرعة=al-muzayri3a@=a كسب=kasab=c ربيعة=rabii3a@=s اللاذقية=al-laadhiqiyya@=s5a4c1
SY06#جبلة=jabla@#الصنوبر=al-Sanawbar=a الدالية=al-daaliya@=a بيت_ياشوط=bayt|yaashuuT=a عين_الشرقية=3ayn|al-sharqiyya@=a القطيلبية=al-quTaylibiyya@=a عين_شقاق=3ayn|shiqaaq=a جبلة=jabla@=s6a4
SY06#الحفة=al-Haffa@#صلنفة=Slanfa@=a جوبة_برغال=juubat|burghaal=a عين_التينة=3ayn|al-tiina@=a الهنادي=al-hinaadii=a كنسبا=kinsabbaa=s
SY06#القرداحة=al-qurdaaHa@#القرداحة=al-qurdaaHa@=a الفاخورة=al-faakhuura@=a حرف_المسيترة=Harf|al-musaytira@=a قسطل_المعاف=qasTal|al-ma3aaf=a عين_البيضا=3ayn|al-bayDaa=a
SY10#بانياس=baanyaas#القصور=al-quSuur=a الرميلة=al-rumayla@=s حريصون=Huraysuun=a العنازة=al-3annaaza@=a بارمايا=baarmaayaa=a البيضا=al-bayDaa=s بانياس=baanyaas=s6a4
SY10#طرطوس=TarTuus#الحميدية=al-Hamiidiyya@=s الصفصافة=al-Safsaafa@=a الروضة=al-rawDa@=a خربة_المعزة=khirbat|al-ma3azza@=a طرطوس=TarTuus=a6s3c1
SY10#القدموس=al-qadmuus#القدموس=al-qadmuus=a حمام_واصل=Hammaam|waaSil=a تالين=taaliin=a
SY10#صافيتا=Saafiitaa#صافيتا=Saafiitaa=c5a5 مشتى_الحلو=mashtaa|al-Hilu=c جنينة_رسلان=junaynat|raslaan=a السيسنية=al-siisiniyya@=a
SY05#مصياف=maSyaaf#مصياف=maSyaaf=a6s4 عين_حلاقيم=3ayn|Halaaqiim=a أرزة='arza@=a الرصافة=al-ruSaafa@=a
SY05#السقيلبية=al-suqaylabiyya@#السقيلبية=al-suqaylabiyya@=c قلعة_المضيق=qal3at|al-maDiiq=s شطحة=shaTHa@=a تل_سلحب=tall|salHab=a
SY05#حماة=Hamaa@#صوران=Suuraan=s طيبة_الإمام=Tayyibat|al-'imaam=s حلفايا=Halfaayaa=s كرناز=karnaaz=s حماة=Hamaa@=s
SY05#السلمية=al-salamiyya@#صبورة=Sabbuura@=s عقيربات=3uqayribaat=b السلمية=al-salamiyya@=s
SY04#حمص=Hims#حمص=Hims=s6a3c1 فاحل=faaHil=a الفرقلس=al-furqlus=a الغنطو=al-ghanTuu=s حديدة=Hadiida@=a المخرم_الفوقاني=al-mukharram|al-fawqaanii=a القبو=al-qabu=a
SY04#تلكلخ=talkalakh#تلكلخ=talkalakh=s الناصرة=al-naaSira@=c الحواش=al-Hawaash=c
SY04#الرستن=al-rastan#الرستن=al-rastan=s تلبيسة=talbiisa@=s
SY04#القصير=al-quSayr#القصير=al-quSayr=s ربلة=rabla@=c
SY01#دمشق=dimashq#الدويلعة=al-duwayli3a@=c باب_توما=baab|tuumaa=c المزة=al-mazza@=s الميدان=al-maydaan=s برزة=barza@=s
SY03#جرمانا=jaramaanaa#جرمانا=jaramaanaa=d5c5 الدويلعة_الجديدة=al-duwayli3a@|al-jadiida@=c
SY03#قطنا=qaTanaa#صحنايا=SaHnaayaa=d أشرفية_صحنايا='ashrafiyyat|SaHnaayaa=d قطنا=qaTanaa=s
SY03#دوما=duumaa#دوما=duumaa=s حرستا=Harastaa=s عربين=3irbiin=s
SY03#التل=al-tall#التل=al-tall=s صيدنايا=Saydnaayaa=c معلولا=ma3luulaa=c
SY13#السويداء=al-suwaydaa'#السويداء=al-suwaydaa'=d المزرعة=al-mazra3a@=d6b4 ثعلة=tha3la@=d ولغا=walghaa=d عرى=3araa=d ريمة_حازم=riimat|Haazim=d المقوس=al-maqwas=b سهوة_بلاطة=sahwat|balaaTa@=d رساس=rasaas=d المجدل=al-majdal=d قنوات=qanawaat=d
SY13#شهبا=shahbaa#شهبا=shahbaa=d8b2 أم_الزيتون='umm|al-zaytuun=d شقا=shaqqaa=d الصورة_الصغرى=al-Suura@|al-Sughraa=d المتونة=al-matuuna@=d
SY13#صلخد=Salkhad#صلخد=Salkhad=d القريا=al-quryaa=d ملح=milH=d ذيبين=dhiibiin=d الغارية=al-ghaariya@=d
SY12#درعا=dar3aa#درعا=dar3aa=s طفس=Tafas=s المزيريب=al-muzayriib=s بصرى_الشام=buSraa|al-shaam=s كويا=kuwayyaa=s
SY12#ازرع='izra3#ازرع='izra3=s الحراك=al-Hiraak=s بصر_الحرير=buSr|al-Hariir=s5b5 الشيخ_مسكين=al-shaykh|miskiin=s نوى=nawaa=s
SY12#الصنمين=al-Sanamayn#الصنمين=al-Sanamayn=s جاسم=jaasim=s
SY14#القنيطرة=al-qunayTira@#خان_أرنبة=khaan|'arnaba@=s جبا=jabaa=s المسعدة=al-mas3ada@=d
SY02#حلب=Halab#الشيخ_مقصود=al-shaykh|maqSuud=k الأشرفية=al-'ashrafiyya@=k حلب=Halab=s8c1k1
SY02#منبج=manbij#منبج=manbij=s7k3 أبو_قلقل='abuu|qalqal=s الخفسة=al-khafsa@=s
SY02#الباب=al-baab#الباب=al-baab=s تادف=taadif=s قباسين=qabaasiin=s
SY02#عفرين=3afriin#عفرين=3afriin=k جنديرس=jindiirs=k راجو=raajuu=k
SY02#أعزاز='a3zaaz#أعزاز='a3zaaz=s مارع=maari3=s تل_رفعت=tall|rif3at=s7k3
SY07#إدلب=idlib#إدلب=idlib=s بنش=binnish=s سراقب=saraaqib=s سرمين=sarmiin=s
SY07#معرة_النعمان=ma3arrat|al-nu3maan#معرة_النعمان=ma3arrat|al-nu3maan=s خان_شيخون=khaan|shaykhuun=s كفر_نبل=kafr|nabl=s
SY07#جسر_الشغور=jisr|al-shughuur#جسر_الشغور=jisr|al-shughuur=s دركوش=darkuush=s
SY07#أريحا='ariiHaa#أريحا='ariiHaa=s أرمناز='armanaaz=s
SY09#دير_الزور=dayr|al-zuur#دير_الزور=dayr|al-zuur=s البصيرة=al-buSayra@=s الكسرة=al-kasra@=s
SY09#الميادين=al-mayaadiin#الميادين=al-mayaadiin=s ذيبان=dhiibaan=s الشحيل=al-shuHayl=s
SY09#البوكمال=al-buukamaal#البوكمال=al-buukamaal=s هجين=hajiin=s السوسة=al-suusa@=s
SY11#الرقة=al-raqqa@#الرقة=al-raqqa@=s8k2 الكرامة=al-karaama@=s
SY11#الطبقة=al-Tabqa@#الطبقة=al-Tabqa@=s الجرنية=al-jurniyya@=s
SY11#تل_أبيض=tall|'abyaD#تل_أبيض=tall|'abyaD=s6k4 عين_عيسى=3ayn|3iisaa=s
SY08#الحسكة=al-Hasaka@#الحسكة=al-Hasaka@=s5k4c1 تل_تمر=tall|tamr=c5k5 الشدادي=al-shaddaadii=s
SY08#القامشلي=al-qaamishlii#القامشلي=al-qaamishlii=k6c2s2 عامودا=3aamuudaa=k
SY08#رأس_العين=ra's|al-3ayn#رأس_العين=ra's|al-3ayn=s5k5 الدرباسية=al-darbaasiyya@=k
"""


def _parse_mix(text: str) -> dict[str, float]:
    if len(text) == 1:
        return {_MIX[text]: 1.0}
    out, i = {}, 0
    while i < len(text):
        key = text[i]
        j = i + 1
        while j < len(text) and text[j].isdigit():
            j += 1
        out[_MIX[key]] = float(text[i + 1:j] or 1)
        i = j
    total = sum(out.values())
    return {k: v / total for k, v in out.items()}


def load_districts() -> list[District]:
    """Every district with its villages, in a fixed order."""
    districts = []
    n = 0
    for line in _TABLE.strip().splitlines():
        gov, centre, villages = line.split("#")
        ar, pivot = centre.split("=")
        d = District(ar.replace("_", " "), pivot, GOVERNORATES[gov])
        for item in villages.split():
            v_ar, v_pivot, mix = item.split("=")
            d.villages.append(Village(v_ar.replace("_", " "), v_pivot, d, _parse_mix(mix), n))
            n += 1
        districts.append(d)
    return districts

