"""The UN M49 geographic sub-regions, by ISO 3166-1 alpha-2 code (facts of the UN Statistics Division).

Kosovo (XK) and Taiwan (TW), which M49 does not list separately, are placed with their neighbours so that
regional filters find them. The names are translated in the catalogues.
"""

from django.utils.translation import gettext_noop

SUB_REGIONS = {
    gettext_noop("Northern Africa"): "DZ EG LY MA SD TN EH",
    gettext_noop("Eastern Africa"): "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW",
    gettext_noop("Middle Africa"): "AO CM CF TD CG CD GQ GA ST",
    gettext_noop("Southern Africa"): "BW SZ LS NA ZA",
    gettext_noop("Western Africa"): "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    gettext_noop(
        "Caribbean"
    ): "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    gettext_noop("Central America"): "BZ CR SV GT HN MX NI PA",
    gettext_noop("South America"): "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
    gettext_noop("Northern America"): "BM CA GL PM US",
    gettext_noop("Central Asia"): "KZ KG TJ TM UZ",
    gettext_noop("Eastern Asia"): "CN HK MO KP JP MN KR TW",
    gettext_noop("South-eastern Asia"): "BN KH ID LA MY MM PH SG TH TL VN",
    gettext_noop("Southern Asia"): "AF BD BT IN IR MV NP PK LK",
    gettext_noop("Western Asia"): "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    gettext_noop("Eastern Europe"): "BY BG CZ HU PL MD RO RU SK UA",
    gettext_noop("Northern Europe"): "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB",
    gettext_noop("Southern Europe"): "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK",
    gettext_noop("Western Europe"): "AT BE FR DE LI LU MC NL CH",
    gettext_noop("Australia and New Zealand"): "AU CX CC HM NZ NF",
    gettext_noop("Melanesia"): "FJ NC PG SB VU",
    gettext_noop("Micronesia"): "GU KI MH FM NR MP PW UM",
    gettext_noop("Polynesia"): "AS CK PF NU PN WS TK TO TV WF",
    gettext_noop("Antarctica"): "AQ",
}

SUB_REGION_BY_COUNTRY = {code: region for region, codes in SUB_REGIONS.items() for code in codes.split()}


def sub_region(code):
    """The UN M49 sub-region of a country code, or "" for codes M49 does not place (CS, AN)."""
    return SUB_REGION_BY_COUNTRY.get(code, "")
