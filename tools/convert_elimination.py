"""Curated match rules for the MIIT elimination catalogue entries (used by convert_reference).

Each rule names the catalog product family an entry concerns, a regular expression over the
normalised model designation (upper case, ASCII dashes, no spaces) and, where the entry lists
only units made in or before a year, that year. Rules follow the entry's own text; entries whose
text cannot be turned into a model pattern get no rule (they are kept and shown, never matched).
"""

from __future__ import annotations

S_RATINGS = "30|50|63|80|100|125|160|200|250|315|400|500|630|800|1000|1250|1600"
SG_RATINGS = "30|50|63|80|100|125|160|200|315|400|500|630|800|1000|1250|1600|2000|2500"
Y_BATCH3 = (
    "Y112M-2|Y112M-4|Y112M-6|Y315L1-2|Y355M1-2|Y355M2-2|Y355L1-2|Y355L2-2|Y355M1-4|Y355M2-4|"
    "Y355L1-4|Y355L2-4|Y355M2-6|Y355M3-6|Y355L1-6|Y355L2-6"
)
JS_HV = (
    "JS136-4|JS137-4|JS138-4|JS147-4|JS147-8|JS148-4|JS148-6|JS148-8|JS1410-4|JS1410-6|JS1410-8|"
    "JS1410-10|JS157-4|JS157-6|JS157-8|JS157-10|JS158-4|JS158-6|JS158-8|JS158-10|JS1510-4|JS1510-6|"
    "JS1510-8|JS1510-10|JS1510-12|JS1512-4|JS1512-6|JS1512-8|JS1512-10|JS1512-12"
)
JS_LV = (
    "JS114-4|JS115-4|JS115-6|JS116-4|JS116-6|JS117-4|JS117-6|JS125-6|JS126-4|JS126-6|JS127-4|JS127-6|"
    "JS128-4|JS128-6|JS136-6|JS137-6"
)
SERIES_NOTE = "matched by series pattern; the entry's model list is not in the data"

# entry_id -> (family, regex, made_on_or_before, note)
RULES: dict[str, tuple[str, str, int | None, str]] = {
    "MOTOR-1-1-1": ("motor", r"^J[O0][23]-", None, SERIES_NOTE + " (J02/J03 read as JO2/JO3)"),
    "MOTOR-1-1-6": ("motor", r"^JB3-", None, SERIES_NOTE),
    "MOTOR-1-1-7": ("motor", r"^BJ[O0]2-", None, SERIES_NOTE),
    "MOTOR-1-1-8": ("motor", r"^(JZR2|JZ2|JZRB|JZB|JZR|JZ)-", None, SERIES_NOTE),
    "MOTOR-1-1-10": ("motor", r"^J2-", None, SERIES_NOTE),
    "MOTOR-1-1-11": ("motor", r"^JR[23]?-", None, SERIES_NOTE),
    "MOTOR-1-1-12": ("motor", r"^JR[O0]2-", None, SERIES_NOTE),
    "MOTOR-1-1-14": ("motor", r"^JLB2-", None, SERIES_NOTE),
    "MOTOR-1-1-20": ("motor", r"^JD[O0][23]-", None, SERIES_NOTE),
    "MOTOR-3-1-1": ("motor", rf"^({Y_BATCH3})$", 2003, "16 listed models"),
    "MOTOR-3-1-2": ("motor", r"^Y2-\d+[A-Z]*\d?-[246]$", 2003, SERIES_NOTE + " (frames 80-355, 2/4/6 poles)"),
    "MOTOR-3-1-3": ("motor", r"^Y3-\d+[A-Z]*\d?-[246]$", 2003, SERIES_NOTE + " (frames 80-355, 2/4/6 poles)"),
    "MOTOR-3-1-4": ("motor", r"^YB-\d+[A-Z]*\d?-[246]$", None, SERIES_NOTE + " (frames 80-355, 2/4/6 poles)"),
    "MOTOR-3-1-5": (
        "motor",
        r"^YB2-\d+[A-Z]*\d?-[246]$",
        2003,
        SERIES_NOTE + " (frames 80-355, 2/4/6 poles)",
    ),
    "MOTOR-4-2-1": ("motor", r"^JK11[123]-2$|^JK12[234]-2$", None, "6 listed models"),
    "MOTOR-4-2-3": ("motor", rf"^({JS_LV})$", None, "16 listed models"),
    "MOTOR-4-2-2": ("motor_hv", r"^JK(133|134|500|630|800|850|900)-2$", None, "7 listed models (6 kV)"),
    "MOTOR-4-2-4": ("motor_hv", rf"^({JS_HV})$", None, "30 models (JS157-10 in the spec text only)"),
    "MOTOR-1-3-1": ("transformer", r"^(SJ[1-5]?|SJL1?|S1?|SZ|SL1?|SLZ1?)-\d", None, SERIES_NOTE),
    "MOTOR-1-3-2": ("transformer", r"^(DJMB|DBK)", None, SERIES_NOTE),
    "MOTOR-1-3-3": ("transformer", r"^S(L)?7-(\d+)(/10)?$", None, "SL7/S7-30/10 to -1600/10"),
    "MOTOR-4-1-1": ("transformer", rf"^S8-({S_RATINGS})(/\d+(\.\d+)?)?$", None, "17 listed ratings"),
    "MOTOR-4-1-2": (
        "transformer",
        rf"^S9-({S_RATINGS})(/\d+(\.\d+)?)?$",
        1997,
        "17 listed ratings; units made after 1997: replacement encouraged, not required",
    ),
    "MOTOR-4-1-3": ("transformer", rf"^SGB?8-({SG_RATINGS})(/\d+(\.\d+)?)?$", None, "18 listed ratings"),
    "MOTOR-3-3-1": ("fan", r"^Y5-47", None, SERIES_NOTE + " (machine numbers listed in the entry)"),
    "MOTOR-3-3-2": ("fan", r"^W5-47", None, SERIES_NOTE),
    "MOTOR-3-3-3": ("fan", r"^M7-29", None, SERIES_NOTE),
    "MOTOR-3-3-4": ("fan", r"^W7-29", None, SERIES_NOTE),
    "MOTOR-3-3-5": ("fan", r"^9-35", None, SERIES_NOTE),
    "MOTOR-3-3-6": ("fan", r"^Y9-35", None, SERIES_NOTE),
    "MOTOR-1-7-2": ("air_compressor", r"^1-20/8$", None, "listed model"),
    "MOTOR-1-7-3": ("air_compressor", r"^K-0\.21/8$", None, "listed model"),
    "MOTOR-1-7-4": ("air_compressor", r"^B-0\.184/10$", None, "listed model"),
    "MOTOR-1-7-5": ("air_compressor", r"^I-0\.5/8$", None, "listed model"),
    "MOTOR-1-7-6": ("air_compressor", r"^3W-0\.9/7$", None, "listed model"),
    "MOTOR-1-7-7": ("air_compressor", r"^B-1\.3/15$", None, "listed model"),
    "MOTOR-1-7-8": ("air_compressor", r"^2V-0\.3/7$", None, "listed model"),
    "MOTOR-1-7-9": ("air_compressor", r"^2V-0\.6/7$", None, "listed model"),
    "MOTOR-1-7-10": ("air_compressor", r"^3W-0\.9/7$", None, "listed model (ring-valve variant)"),
    "MOTOR-1-4-1": ("boiler", r"^LSG0\.[457]-8", None, "listed models"),
    "MOTOR-1-4-2": ("boiler", r"^DZG1-8", None, "listed model"),
    "MOTOR-1-4-3": ("boiler", r"^DZ[GH]2-8", None, "listed models"),
    "MOTOR-1-4-4": ("boiler", r"^KZ[GL]4-13", None, "listed models"),
    "MOTOR-1-4-6": ("boiler", r"^KZG1-8", None, "listed model"),
    "MOTOR-1-4-7": ("boiler", r"^LSG0\.1-5", None, "listed model"),
    "MOTOR-1-4-8": ("boiler", r"^LHG0\.3-8", None, "listed model"),
    "MOTOR-1-4-9": ("boiler", r"^LSG0\.36-5", None, "listed model"),
    "MOTOR-1-4-10": ("boiler", r"^LSG0\.4-5", None, "listed model"),
    "MOTOR-1-4-11": ("boiler", r"^LHG0\.4-7", None, "listed model"),
    "MOTOR-1-4-12": ("boiler", r"^LHG0\.45-8", None, "listed model"),
    "MOTOR-1-4-13": ("boiler", r"^LHG0\.5-8", None, "listed model"),
    "MOTOR-1-4-14": ("boiler", r"^LSG0\.5-7", None, "listed model"),
    "MOTOR-1-4-15": ("boiler", r"^LHG0\.85-8", None, "listed model"),
    "MOTOR-1-4-16": ("boiler", r"^LSG1-8", None, "listed model"),
    "MOTOR-2-11-1": ("pump", r"^12JD", None, "listed type"),
}
