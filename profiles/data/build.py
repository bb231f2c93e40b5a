"""Writes territories.json and languages.json, the reference data that profiles/shipped.py
loads. Run it again after a Babel (CLDR) upgrade or after editing the tables below, then
review the diff of the two JSON files:

    .venv/bin/python profiles/data/build.py

Names come from CLDR through Babel wherever it has them; the tables below hold what CLDR
cannot give: the Wikimedia Foundation's 2022 regions (which country sits in which region),
the regions' names in the UI languages, the Wikipedia language codes, and English names and
autonyms of languages CLDR has no data for.
"""
import json
from pathlib import Path

from babel import Locale
from babel.localedata import locale_identifiers
from django.utils.text import slugify

HERE = Path(__file__).resolve().parent
UI_LANGUAGES = {"en": Locale("en"), "pt-br": Locale("pt", "BR"), "ar": Locale("ar")}

# --- Territories ----------------------------------------------------------------------------
# The eight regions of the Wikimedia Foundation (2022), in the user guide's order.
REGIONS = [
    ("sub-saharan-africa", "Sub-Saharan Africa",
     "África Subsaariana", "أفريقيا جنوب الصحراء الكبرى"),
    ("south-asia", "South Asia",
     "Sul da Ásia", "جنوب آسيا"),
    ("central-eastern-europe-central-asia", "Central & Eastern Europe & Central Asia",
     "Europa Central e Oriental e Ásia Central", "وسط وشرق أوروبا وآسيا الوسطى"),
    ("latin-america-caribbean", "Latin America & Caribbean",
     "América Latina e Caribe", "أمريكا اللاتينية والكاريبي"),
    ("middle-east-north-africa", "Middle East & North Africa",
     "Oriente Médio e Norte da África", "الشرق الأوسط وشمال أفريقيا"),
    ("east-southeast-asia-pacific", "East, Southeast Asia, & Pacific",
     "Leste e Sudeste Asiático e Pacífico", "شرق وجنوب شرق آسيا والمحيط الهادئ"),
    ("northern-western-europe", "Northern & Western Europe",
     "Norte e Oeste da Europa", "شمال وغرب أوروبا"),
    ("north-america", "North America",
     "América do Norte", "أمريكا الشمالية"),
]

# Every ISO 3166-1 country or territory (plus Kosovo, XK) in exactly one region. Where the
# Foundation's own practice is known it wins over geography: Israel is served by the
# Northern & Western Europe committee; Türkiye, Greece and Cyprus take part in the CEE
# network; Afghanistan is South Asia (SAARC); Sudan and Western Sahara are MENA. Overseas
# territories go with the region they lie in (Puerto Rico and the Antilles: Latin America &
# Caribbean; Guam, American Samoa: Pacific); Greenland and Bermuda follow the UN's Northern
# America; uninhabited southern islands go to the nearest region.
REGION_COUNTRIES = {
    "sub-saharan-africa": """AO BF BI BJ BV BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW IO KE
        KM LR LS MG ML MR MU MW MZ NA NE NG RE RW SC SH SL SN SO SS ST SZ TD TF TG TZ UG YT ZA
        ZM ZW""",
    "south-asia": "AF BD BT IN LK MV NP PK",
    "central-eastern-europe-central-asia": """AL AM AZ BA BG BY CY CZ EE GE GR HR HU KG KZ LT
        LV MD ME MK PL RO RS RU SI SK TJ TM TR UA UZ XK""",
    "latin-america-caribbean": """AG AI AR AW BB BL BO BQ BR BS BZ CL CO CR CU CW DM DO EC FK
        GD GF GP GS GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE
        VG VI""",
    "middle-east-north-africa": "AE BH DZ EG EH IQ IR JO KW LB LY MA OM PS QA SA SD SY TN YE",
    "east-southeast-asia-pacific": """AQ AS AU BN CC CK CN CX FJ FM GU HK HM ID JP KH KI KP
        KR LA MH MM MN MO MP MY NC NF NR NU NZ PF PG PH PN PW SB SG TH TK TL TO TV TW UM VN VU
        WF WS""",
    "northern-western-europe": """AD AT AX BE CH DE DK ES FI FO FR GB GG GI IE IL IM IS IT JE
        LI LU MC MT NL NO PT SE SJ SM VA""",
    "north-america": "BM CA GL PM US",
}
# CLDR two-letter codes that are not countries: groupings, pseudo-regions and the parts of
# countries CLDR lists apart (Ascension, Canary Islands, Ceuta & Melilla, Clipperton, Diego
# Garcia, Sark, Tristan da Cunha).
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ",
                 "AC", "IC", "EA", "CP", "DG", "CQ", "TA"}


def build_territories():
    english = UI_LANGUAGES["en"].territories
    codes = {code for code in english if len(code) == 2 and code.isalpha()} - NOT_COUNTRIES
    region_of = {}
    for region, listed in REGION_COUNTRIES.items():
        for code in listed.split():
            assert code not in region_of, f"{code} is in two regions"
            region_of[code] = region
    assert set(region_of) == codes, (
        f"missing: {sorted(codes - set(region_of))}, unknown: {sorted(set(region_of) - codes)}")

    regions = [{"slug": slug, "name": {"en": en, "pt-br": pt, "ar": ar}}
               for slug, en, pt, ar in REGIONS]
    countries = []
    for code in sorted(codes):
        names = {lang: locale.territories[code] for lang, locale in UI_LANGUAGES.items()}
        countries.append({"code": code, "slug": slugify(names["en"]),
                          "region": region_of[code], "name": names})
    slugs = [t["slug"] for t in regions + countries]
    assert len(slugs) == len(set(slugs)) and all(slugs)
    return {"regions": regions, "countries": countries}


# --- Languages ------------------------------------------------------------------------------
# Every language edition of Wikipedia (open or closed), by its subdomain: the codes
# Wikimedians know. "simple" (Simple English) is an edition, not a language.
WIKIPEDIA_CODES = """
aa ab ace ady af ak als alt am ami an ang ann anp ar arc ary arz as ast atj av avk awa ay az
azb ba ban bar bat-smg bbc bcl bdr be be-tarask bew bg bh bi bjn blk bm bn bo bpy br bs btm
bug bxr ca cbk-zam cdo ce ceb ch cho chr chy ckb co cr crh cs csb cu cv cy da dag de dga din
diq dsb dtp dty dv dz ee el eml en eo es et eu ext fa fat ff fi fiu-vro fj fo fon fr frp frr
fur fy ga gag gan gcr gd gl glk gn gom gor got gpe gu guc gur guw gv ha hak haw he hi hif ho
hr hsb ht hu hy hyw hz ia iba id ie ig igl ii ik ilo inh io is it iu ja jam jbo jv ka kaa kab
kbd kbp kcg kg kge ki kj kk kl km kn knc ko koi kr krc ks ksh ku kus kv kw ky la lad lb lbe
lez lfn lg li lij lld lmo ln lo lrc lt ltg lv mad mai map-bms mdf mg mh mhr mi min mk ml mn
mni mnw mos mr mrj ms mt mus mwl my myv mzn na nah nap nds nds-nl ne new ng nia nl nn no nov
nqo nr nrm nso nup nv ny oc olo om or os pa pag pam pap pcd pcm pdc pfl pi pih pl pms pnb
pnt ps pt pwn qu rm rmy rn ro roa-rup roa-tara rsk ru rue rw sa sah sat sc scn sco sd se sg
sh shi shn si sk skr sl sm smn sn so sq sr srn ss st stq su sv sw syl szl szy ta tay tcy tdd
te tet tg th ti tig tk tl tly tn to tpi tr trv ts tt tum tw ty tyv udm ug uk ur uz ve vec vep
vi vls vo wa war wo wuu xal xh xmf yi yo za zea zgh zh zh-classical zh-min-nan zh-yue zu
""".split()

# Other codes CapX offers: Brazilian Portuguese (kept from the first CapX) and a few sign
# languages, which CLDR has no data for.
EXTRA_CODES = ["pt-br", "ase", "bfi", "bzs", "fsl", "gsg", "ins", "jsl", "mfs", "ssp", "ils"]

# Wikipedia subdomains whose language CLDR files under another code.
CLDR_CODE = {
    "als": "gsw", "bat-smg": "sgs", "bh": "bho", "fiu-vro": "vro", "nds-nl": "nds_NL",
    "no": "nb", "roa-rup": "rup", "zh-classical": "lzh", "zh-min-nan": "nan",
    "zh-yue": "yue", "pt-br": "pt_BR",
}

# English name and autonym where CLDR has none (the autonyms are the names the language's
# own Wikipedia uses). An entry here wins over CLDR, so it also corrects CLDR where its names
# fit the Wikipedia badly (Alemannic is wider than Swiss German; "العامية" alone is any
# colloquial Arabic).
OWN_NAMES = {
    "ace": ("Acehnese", "Bahsa Acèh"),
    "ady": ("Adyghe", "адыгабзэ"),
    "als": ("Alemannic", "Alemannisch"),
    "alt": ("Southern Altai", "алтай тил"),
    "ami": ("Amis", "Pangcah"),
    "ang": ("Old English", "Ænglisc"),
    "apc": ("Levantine Arabic", "العامية الشامية"),
    "anp": ("Angika", "अंगिका"),
    "arc": ("Aramaic", "ܐܪܡܝܐ"),
    "ary": ("Moroccan Arabic", "الدارجة"),
    "arz": ("Egyptian Arabic", "مصرى"),
    "atj": ("Atikamekw", "Atikamekw"),
    "av": ("Avaric", "авар мацӀ"),
    "avk": ("Kotava", "Kotava"),
    "awa": ("Awadhi", "अवधी"),
    "ay": ("Aymara", "Aymar aru"),
    "azb": ("South Azerbaijani", "تۆرکجه"),
    "ban": ("Balinese", "Basa Bali"),
    "bar": ("Bavarian", "Boarisch"),
    "bat-smg": ("Samogitian", "žemaitėška"),
    "bbc": ("Batak Toba", "Hata Batak Toba"),
    "bcl": ("Central Bikol", "Bikol Sentral"),
    "bdr": ("West Coast Bajau", "Bajau Sama"),
    "be-tarask": ("Belarusian (Taraškievica orthography)", "беларуская (тарашкевіца)"),
    "bi": ("Bislama", "Bislama"),
    "bpy": ("Bishnupriya Manipuri", "বিষ্ণুপ্রিয়া মণিপুরী"),
    "bjn": ("Banjar", "Bahasa Banjar"),
    "blk": ("Pa'O", "ပအိုဝ်ႏ"),
    "btm": ("Batak Mandailing", "Saro Mandailing"),
    "bug": ("Buginese", "Basa Ugi"),
    "bxr": ("Russia Buriat", "буряад"),
    "cbk-zam": ("Chavacano", "Chavacano de Zamboanga"),
    "cdo": ("Min Dong Chinese", "Mìng-dĕ̤ng-ngṳ̄"),
    "ch": ("Chamorro", "Chamoru"),
    "chy": ("Cheyenne", "Tsėhesenėstsestotse"),
    "cop": ("Coptic", "ϯⲙⲉⲧⲣⲉⲙⲛ̀ⲭⲏⲙⲓ"),
    "cr": ("Cree", "ᓀᐦᐃᔭᐍᐏᐣ"),
    "crh": ("Crimean Tatar", "qırımtatarca"),
    "csb": ("Kashubian", "kaszëbsczi"),
    "dag": ("Dagbani", "Dagbanli"),
    "dga": ("Southern Dagaare", "Dagaare"),
    "din": ("Dinka", "Thuɔŋjäŋ"),
    "diq": ("Zazaki", "Zazaki"),
    "dtp": ("Kadazandusun", "Kadazandusun"),
    "dty": ("Doteli", "डोटेली"),
    "eml": ("Emilian-Romagnol", "emiliàn e rumagnòl"),
    "ext": ("Extremaduran", "estremeñu"),
    "fat": ("Fante", "Mfantse"),
    "fiu-vro": ("Võro", "võro"),
    "fj": ("Fijian", "Na Vosa Vakaviti"),
    "fon": ("Fon", "fɔ̀ngbè"),
    "frp": ("Arpitan", "arpetan"),
    "gag": ("Gagauz", "Gagauz"),
    "gan": ("Gan Chinese", "贛語"),
    "gcr": ("Guianan Creole", "kriyòl gwiyannen"),
    "glk": ("Gilaki", "گیلکی"),
    "gom": ("Goan Konkani", "गोंयची कोंकणी / Gõychi Konknni"),
    "gor": ("Gorontalo", "Bahasa Hulontalo"),
    "got": ("Gothic", "𐌲𐌿𐍄𐌹𐍃𐌺"),
    "gpe": ("Ghanaian Pidgin", "Ghanaian Pidgin"),
    "guc": ("Wayuu", "wayuunaiki"),
    "gur": ("Frafra", "Farefare"),
    "guw": ("Gun", "gungbe"),
    "hak": ("Hakka Chinese", "客家語 / Hak-kâ-ngî"),
    "hif": ("Fiji Hindi", "Fiji Hindi"),
    "ho": ("Hiri Motu", "Hiri Motu"),
    "hyw": ("Western Armenian", "Արեւմտահայերէն"),
    "hz": ("Herero", "Otsiherero"),
    "iba": ("Iban", "Jaku Iban"),
    "igl": ("Igala", "Igala"),
    "ik": ("Inupiaq", "Iñupiatun"),
    "ilo": ("Iloko", "Ilokano"),
    "inh": ("Ingush", "гӀалгӀай"),
    "jam": ("Jamaican Creole English", "Jumiekan Kryuol"),
    "kbd": ("Kabardian", "адыгэбзэ"),
    "kbp": ("Kabiye", "Kabɩyɛ"),
    "kg": ("Kongo", "Kikongo"),
    "kge": ("Komering", "Kumoring"),
    "kj": ("Kuanyama", "Kwanyama"),
    "knc": ("Central Kanuri", "Yerwa Kanuri"),
    "koi": ("Komi-Permyak", "перем коми"),
    "kr": ("Kanuri", "Kanuri"),
    "krc": ("Karachay-Balkar", "къарачай-малкъар"),
    "kus": ("Kusaal", "Kʋsaal"),
    "kv": ("Komi", "коми"),
    "lad": ("Ladino", "Ladino"),
    "lbe": ("Lak", "лакку"),
    "lez": ("Lezghian", "лезги"),
    "lfn": ("Lingua Franca Nova", "Lingua Franca Nova"),
    "li": ("Limburgish", "Limburgs"),
    "lld": ("Ladin", "ladin"),
    "mad": ("Madurese", "Madhurâ"),
    "map-bms": ("Banyumasan", "Basa Banyumasan"),
    "mh": ("Marshallese", "Kajin M̧ajeļ"),
    "mhn": ("Mócheno", "Bersntolerisch"),
    "mhr": ("Eastern Mari", "олык марий"),
    "min": ("Minangkabau", "Baso Minang"),
    "mnw": ("Mon", "ဘာသာ မန်"),
    "mos": ("Mossi", "Moore"),
    "mrj": ("Western Mari", "кырык мары"),
    "mwl": ("Mirandese", "mirandés"),
    "na": ("Nauru", "Dorerin Naoero"),
    "nah": ("Nahuatl", "Nāhuatl"),
    "nap": ("Neapolitan", "Napulitano"),
    "new": ("Newari", "नेपाल भाषा"),
    "ng": ("Ndonga", "Oshiwambo"),
    "nia": ("Nias", "Li Niha"),
    "nov": ("Novial", "Novial"),
    "nrm": ("Norman", "Nouormand"),
    "nup": ("Nupe", "Nupe"),
    "olo": ("Livvi-Karelian", "livvinkarjala"),
    "pag": ("Pangasinan", "Pangasinan"),
    "pam": ("Kapampangan", "Kapampangan"),
    "pcd": ("Picard", "Picard"),
    "pdc": ("Pennsylvania German", "Deitsch"),
    "pfl": ("Palatine German", "Pälzisch"),
    "pi": ("Pali", "पालि"),
    "pih": ("Norfuk / Pitkern", "Norfuk / Pitkern"),
    "pms": ("Piedmontese", "Piemontèis"),
    "pnb": ("Western Punjabi", "پنجابی"),
    "pnt": ("Pontic Greek", "Ποντιακά"),
    "pwn": ("Paiwan", "pinayuanan"),
    "rmy": ("Vlax Romani", "romani čhib"),
    "roa-rup": ("Aromanian", "armãneashti"),
    "roa-tara": ("Tarantino", "tarandíne"),
    "rsk": ("Pannonian Rusyn", "руски бешеда"),
    "rue": ("Rusyn", "русиньскый"),
    "sco": ("Scots", "Scots"),
    "sh": ("Serbo-Croatian", "srpskohrvatski / српскохрватски"),
    "skr": ("Saraiki", "سرائیکی"),
    "sm": ("Samoan", "Gagana Samoa"),
    "srn": ("Sranan Tongo", "Sranantongo"),
    "stq": ("Saterland Frisian", "Seeltersk"),
    "syl": ("Sylheti", "ꠍꠤꠟꠐꠤ"),
    "szy": ("Sakizaya", "Sakizaya"),
    "tay": ("Atayal", "Tayal"),
    "tcy": ("Tulu", "ತುಳು"),
    "tdd": ("Tai Nüa", "ᥖᥭᥰ ᥖᥬᥲ ᥑᥨᥒᥰ"),
    "tet": ("Tetum", "tetun"),
    "tl": ("Tagalog", "Tagalog"),
    "tly": ("Talysh", "tolışi"),
    "tum": ("Tumbuka", "chiTumbuka"),
    "tw": ("Twi", "Twi"),
    "ty": ("Tahitian", "reo tahiti"),
    "tyv": ("Tuvan", "тыва дыл"),
    "udm": ("Udmurt", "удмурт кыл"),
    "vep": ("Veps", "vepsän kel’"),
    "vls": ("West Flemish", "West-Vlams"),
    "war": ("Waray", "Winaray"),
    "wuu": ("Wu Chinese", "吴语"),
    "xal": ("Kalmyk", "хальмг"),
    "xmf": ("Mingrelian", "მარგალური"),
    "zea": ("Zeelandic", "Zeêuws"),
    "zh-classical": ("Classical Chinese", "文言"),
    "zh-min-nan": ("Min Nan Chinese", "Bân-lâm-gú"),
    # Sign languages: the autonym is the name in the surrounding written language.
    "ase": ("American Sign Language", "American Sign Language"),
    "bfi": ("British Sign Language", "British Sign Language"),
    "bzs": ("Brazilian Sign Language (Libras)", "Língua Brasileira de Sinais"),
    "fsl": ("French Sign Language", "langue des signes française"),
    "gsg": ("German Sign Language", "Deutsche Gebärdensprache"),
    "ins": ("Indian Sign Language", "भारतीय सांकेतिक भाषा"),
    "jsl": ("Japanese Sign Language", "日本手話"),
    "mfs": ("Mexican Sign Language", "lengua de señas mexicana"),
    "ssp": ("Spanish Sign Language", "lengua de signos española"),
    "ils": ("International Sign", "International Sign"),
}


def build_languages():
    english = UI_LANGUAGES["en"].languages
    locales = set(locale_identifiers())
    # CLDR's own locales are languages people write in: offer them all, under the Wikipedia
    # code when a Wikipedia uses another code for the same language.
    wikipedia_for = {cldr: code for code, cldr in CLDR_CODE.items()}
    cldr_bases = {identifier.split("_")[0] for identifier in locales}
    codes = set(WIKIPEDIA_CODES) | set(EXTRA_CODES)
    codes |= {wikipedia_for.get(base, base) for base in cldr_bases}
    languages = []
    for code in sorted(codes):
        cldr = CLDR_CODE.get(code, code.replace("-", "_"))
        own_name, own_autonym = OWN_NAMES.get(code, (None, None))
        name = own_name or english.get(cldr)
        autonym = own_autonym
        if not autonym and cldr in locales:
            locale = Locale.parse(cldr)
            autonym = locale.languages.get(cldr) or locale.get_display_name(cldr)
        assert name and autonym, f"{code}: no name or autonym"
        languages.append({"code": code, "name": name, "autonym": autonym})
    return languages


def records(items):
    """A JSON list with one record a line, so a diff shows what changed."""
    lines = (json.dumps(item, ensure_ascii=False) for item in items)
    return "[\n  " + ",\n  ".join(lines) + "\n]"


def write(name, text):
    (HERE / name).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    territories = build_territories()
    languages = build_languages()
    write("territories.json", '{\n"regions": %s,\n"countries": %s\n}' % (
        records(territories["regions"]), records(territories["countries"])))
    write("languages.json", records(languages))
    print(f"{len(territories['regions'])} regions, {len(territories['countries'])} countries, "
          f"{len(languages)} languages")
