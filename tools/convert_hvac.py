"""Converters for the HVAC, heat-pump and lighting reference CSVs (see convert_reference)."""

from __future__ import annotations

import re
from decimal import Decimal

from retrofit_desktop.catalog.tiertable import NOT_IN_STANDARD

from .convert_util import LongRow, map_verification

H = "higher_is_better"
EDITION_19577 = (
    "GB 19577-2024 takes effect 2025-02-01 and changes the grade values; the 2024 catalog cites "
    "GB 19577-2015, whose values were not found"
)


def _kw(text: str, from_w: bool) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", text or "")
    if not m:
        return None
    x = Decimal(m.group(0))
    return float(x / 1000) if from_w else float(x)


def _capacity(r: dict, name: str | None = None) -> list[tuple]:
    metric = r["range_metric"]
    if not metric.startswith(("cooling_capacity", "heating_capacity")):
        return []
    name = "heating_capacity_kw" if metric.startswith("heating") else "cooling_capacity_kw"
    from_w = metric.endswith("_w")
    lo_t, hi_t = r["range_lower_exclusive"], r["range_upper_inclusive"]
    lo, hi = _kw(lo_t, from_w), _kw(hi_t, from_w)
    lo_incl = "min" in lo_t  # '7000 (min, ...)', '10 (min)': a lower limit given as a minimum
    hi_incl = hi_t.strip().startswith("<=")
    return [(name, ("range", lo, lo_incl, hi, hi_incl))]


_GATE = re.compile(r"grade3 also needs ([A-Za-z/()]+)\s*>=\s*(\d+(?:\.\d+)?)")
CH_IND = {"IPLV": "iplv", "CSPF": "cspf", "ACCOP": "accop", "COPc": "cop"}


def chiller(rows: list[dict]) -> list[LongRow]:
    out = []
    for k, r in enumerate(rows, 1):
        t = r["standard_table"]
        if t not in ("表1", "表2"):
            continue  # tables 3-8 (heat pumps, absorption, evaporative) are not modelled yet
        ver = "successor_edition"
        ctype = "comfort" if r["sub_type"] == "舒适型" else "data_centre"
        rej = {"水冷式": "water", "风冷式": "air", "蒸发冷却式": "evaporative"}[r["heat_source_or_cooling"]]
        system = "part_load" if t == "表1" else "full_load"
        params = [
            ("chiller_type", ("value", ctype)),
            ("heat_rejection", ("value", rej)),
            ("indicator_system", ("value", system)),
            *_capacity(r),
        ]
        ind = CH_IND[r["indicator"]]
        note = f"{EDITION_19577}; {r['verification']}"
        out.append(
            LongRow(
                "chiller",
                "GB 19577-2024",
                t,
                f"{t}-{k:02d}",
                params,
                ind,
                "W/W",
                H,
                [r["grade1"], r["grade2"], r["grade3"]],
                ver,
                r["source"],
                note,
            )
        )
        m = _GATE.search(r["additional_gate"])
        if m:
            gname, gval = m.group(1), m.group(2)
            gate_ind = (
                "cop"
                if gname.startswith("COP")
                else ("cspf" if rej == "air" else "accop" if ctype == "data_centre" else "iplv")
            )
            out.append(
                LongRow(
                    "chiller",
                    "GB 19577-2024",
                    t,
                    f"{t}-{k:02d}-gate",
                    params,
                    gate_ind,
                    "W/W",
                    H,
                    [gval] * 3,
                    ver,
                    r["source"],
                    f"fixed gate '{r['additional_gate']}': required for grade 3 and therefore for grades "
                    f"1-2 as well (a grade implies the grades below it); {note}",
                )
            )
    return out


_EER_GATE = re.compile(r"per-grade EERmin gate \[([\d.]+),([\d.]+),([\d.]+)\]")
#: fixed minimums of a row without a stated grade scope ('gates COP(-12℃)>=2.2, COP(-20℃)>=1.8',
#: 'fixed gates COPdh>=2.0 and COPh>=2.3'): symbol in the source -> indicator
FIXED_GATES = {"COP(-12℃)": "cop_m12", "COP(-20℃)": "cop_m20", "COPdh": "copdh", "COPh": "coph"}
_FIXED = re.compile(r"(COP\(-1?2?0?℃\)|COPdh|COPh)\s*>=\s*(\d+(?:\.\d+)?)")


def fixed_gate_rows(
    product: str, edition: str, table: str, row_id: str, params: list, r: dict, prefix: str
) -> list[LongRow]:
    """One row per fixed minimum of a reference row: the same value for grades 1-3, because a row's
    minimum is needed for any grade (a grade implies the grades below it). The source does not state the
    grade scope, so these cells are unverified."""
    out = []
    for symbol, value in _FIXED.findall(r["additional_gate"]):
        ind = FIXED_GATES[symbol]
        out.append(
            LongRow(
                product,
                edition,
                table,
                f"{row_id}-{ind}",
                params,
                ind,
                "W/W",
                H,
                [value] * 3,
                "unverified",
                r["source"],
                f"{prefix}fixed minimum {symbol} >= {value} of this row (source: '{r['additional_gate']}'), "
                f"required with {r['indicator']} for every grade (the weaker decides); grade scope not "
                f"stated in the source: UNVERIFIED; {r['verification']}",
            )
        )
    return out


def _hvac(product, edition, sub_map, ind_map, mapping_note=""):
    def convert(rows: list[dict]) -> list[LongRow]:
        out = []
        gated: set[tuple] = set()  # (table, sub-type) whose first row carries a per-grade EER gate
        for k, r in enumerate(rows, 1):
            key = (r["standard_table"], r["sub_type"], r["heat_source_or_cooling"])
            sub = sub_map.get(key)
            if sub is None or r["indicator"] not in ind_map:
                continue  # row structure unclear in the source pack: not modelled (docs/catalog.md)
            ver, gver = map_verification(r["verification"])
            params = [(name, ("value", val)) for name, val in sub] + _capacity(r)
            grades = [r[f"grade{i}"] for i in range(1, 6)]
            gate = _EER_GATE.search(r["additional_gate"]) if "eer" in ind_map.values() else None
            row_id = f"{r['standard_table']}-{k:02d}"
            fixed = fixed_gate_rows(
                product, edition, r["standard_table"], row_id, params, r, f"{r['standard']}; "
            )
            applied = (
                "gate applied as the eer row"
                if gate
                else "gates applied as rows"
                if fixed
                else "gate not applied"
            )
            note = "; ".join(
                filter(
                    None,
                    [
                        r["standard"],
                        r["additional_gate"] and f"{applied}: {r['additional_gate']}",
                        mapping_note,
                        r["verification"],
                    ],
                )
            )
            out.append(
                LongRow(
                    product,
                    edition,
                    r["standard_table"],
                    row_id,
                    params,
                    ind_map[r["indicator"]],
                    "W/W",
                    H,
                    grades,
                    ver,
                    r["source"],
                    note,
                    gver,
                )
            )
            out.extend(fixed)
            if gate:  # a per-grade minimum EER: a second indicator every grade of the row requires
                gated.add(key)
                out.append(
                    LongRow(
                        product,
                        edition,
                        r["standard_table"],
                        f"{row_id}-eer",
                        params,
                        "eer",
                        "W/W",
                        H,
                        list(gate.groups()),
                        ver,
                        r["source"],
                        f"{r['standard']}; per-grade EER minimum (grade 1/2/3) of this row, required with "
                        f"{r['indicator']} (the weaker decides); the source pack gives it on this row only, "
                        f"so the other capacity bands have no EER requirement in the data (UNVERIFIED "
                        f"whether the standard's gate spans them); {r['verification']}",
                        gver,
                    )
                )
            elif key in gated:  # same table, another band: no EER requirement in the data ('—')
                out.append(
                    LongRow(
                        product,
                        edition,
                        r["standard_table"],
                        f"{row_id}-eer",
                        params,
                        "eer",
                        "W/W",
                        H,
                        [NOT_IN_STANDARD] * 3,
                        "unverified",
                        r["source"],
                        f"{r['standard']}; no EER minimum for this band in the source pack (given on the "
                        f"table's first row only): the EER is not required here; UNVERIFIED",
                        "",
                    )
                )
        return out

    return convert


unitary_ac = _hvac(
    "unitary_ac",
    "GB 19576-2019",
    {
        ("表1", "风冷式 单冷型", "-"): [("ac_type", "air_cooling_only")],
        ("表1", "风冷式 热泵型", "-"): [("ac_type", "air_heat_pump")],
        ("表1", "水冷式", "-"): [("ac_type", "water_cooled")],
    },
    {"SEER": "seer", "APF": "apf", "IPLV": "iplv"},
    "lower capacity limit 7000 W: inclusivity not stated in the source, read as inclusive (UNVERIFIED)",
)
multi_split = _hvac(
    "multi_split",
    "GB 21454-2021",
    {
        ("表1", "风冷单冷", "-"): [("ac_type", "air_cooling_only")],
        ("表2", "风冷热泵", "-"): [("ac_type", "air_heat_pump")],
        ("表3", "水冷", "水环式"): [("ac_type", "water_loop")],
        ("表3", "水冷", "地埋管式"): [("ac_type", "ground_loop")],
        ("表3", "水冷", "地下水式"): [("ac_type", "groundwater")],
        ("表4", "低温机组", "-"): [("ac_type", "low_ambient")],
    },
    {"SEER": "seer", "APF": "apf", "IPLV(C)": "iplv", "EER": "eer", "HSPF": "hspf"},
)
duct_ac = _hvac(
    "duct_ac",
    "GB 37479-2019",
    {
        ("表1", "风冷式 单冷型", "-"): [("ac_type", "air_cooling_only")],
        ("表1", "风冷式 热泵型", "-"): [("ac_type", "air_heat_pump")],
        ("表1", "水冷式", "-"): [("ac_type", "water_cooled")],
    },
    {"SEER": "seer", "APF": "apf", "IPLV": "iplv"},
)
_ALL_MODES = "one_pass|circulating|circulating_no_pump|circulating_with_pump"
heatpump_water_heater = _hvac(
    "heatpump_water_heater",
    "GB 29541-2013",
    {
        ("表1", "普通型", "一次加热、循环加热式"): [("hpwh_type", "normal"), ("heating_mode", _ALL_MODES)],
        ("表1", "普通型", "静态加热式"): [("hpwh_type", "normal"), ("heating_mode", "static")],
        ("表1", "低温型", "一次加热、循环加热式"): [
            ("hpwh_type", "low_ambient"),
            ("heating_mode", _ALL_MODES),
        ],
        ("表1", "普通型", "一次加热"): [("hpwh_type", "normal"), ("heating_mode", "one_pass")],
        ("表1", "普通型", "循环加热 不提供水泵"): [
            ("hpwh_type", "normal"),
            ("heating_mode", "circulating_no_pump"),
        ],
        ("表1", "普通型", "循环加热 提供水泵"): [
            ("hpwh_type", "normal"),
            ("heating_mode", "circulating_with_pump"),
        ],
        ("表1", "低温型", "一次加热"): [("hpwh_type", "low_ambient"), ("heating_mode", "one_pass")],
        ("表1", "低温型", "循环加热 不提供水泵"): [
            ("hpwh_type", "low_ambient"),
            ("heating_mode", "circulating_no_pump"),
        ],
        ("表1", "低温型", "循环加热 提供水泵"): [
            ("hpwh_type", "low_ambient"),
            ("heating_mode", "circulating_with_pump"),
        ],
    },
    {"COP": "cop"},
)


def _gb19577_tables(product: str, table: str, sub_map: dict, ind_map: dict):
    def convert(rows: list[dict]) -> list[LongRow]:
        out = []
        for k, r in enumerate(rows, 1):
            sub = sub_map.get((r["sub_type"], r["heat_source_or_cooling"]))
            if r["standard_table"] != table or sub is None or r["indicator"] not in ind_map:
                continue
            params = [(name, ("value", val)) for name, val in sub] + _capacity(r)
            edition_note = EDITION_19577.replace("GB 19577-2015", "the standard it replaced")
            fixed = fixed_gate_rows(
                product, "GB 19577-2024", table, f"{table}-{k:02d}", params, r, f"{edition_note}; "
            )
            applied = "gates applied as rows" if fixed else "gate not applied"
            note = "; ".join(
                filter(
                    None,
                    [
                        edition_note,
                        r["additional_gate"] and f"{applied}: {r['additional_gate']}",
                        r["verification"],
                    ],
                )
            )
            out.append(
                LongRow(
                    product,
                    "GB 19577-2024",
                    table,
                    f"{table}-{k:02d}",
                    params,
                    ind_map[r["indicator"]],
                    "W/W",
                    H,
                    [r["grade1"], r["grade2"], r["grade3"]],
                    "successor_edition",
                    r["source"],
                    note,
                )
            )
            out.extend(fixed)
        return out

    return convert


lowtemp_ashp = _gb19577_tables(
    "lowtemp_ashp",
    "表3",
    {
        ("地板采暖型", "空气源"): [("terminal", "floor_heating")],
        ("风机盘管型", "空气源"): [("terminal", "fan_coil")],
        ("散热器型", "空气源"): [("terminal", "radiator")],
    },
    {"HSPF": "hspf", "APF": "apf"},
)
water_source_hp = _gb19577_tables(
    "water_source_hp",
    "表4",
    {
        (f"{t}", s): [("hp_type", tv), ("water_source", sv)]
        for t, tv in (
            ("冷热风型-热泵型", "air_output_heat_pump"),
            ("冷热水型-单热型", "water_output_heating_only"),
            ("冷热水型-热泵型", "water_output_heat_pump"),
        )
        for s, sv in (
            ("水环式", "water_loop"),
            ("地下水式", "groundwater"),
            ("地埋管式/地表水式", "ground_loop|surface_water"),
        )
    },
    {"ACOP": "acop", "COP": "cop"},
)
absorption_chiller = _gb19577_tables(
    "absorption_chiller",
    "表5",
    {("直燃型机组", "直燃"): [("absorption_type", "direct_fired")]},
    {"COP": "cop"},
)


def led(rows: list[dict]) -> list[LongRow]:
    out = []
    for r in rows:
        ver, gver = map_verification(r["verification"])
        out.append(
            LongRow(
                "led_indoor",
                "GB 30255-2019",
                r["standard_table"],
                "T1-downlight-le5W-lt3500K",
                [
                    ("led_type", ("value", "downlight")),
                    ("rated_power_w", ("range", None, False, 5, True)),
                    ("cct_k", ("range", None, False, 3500, False)),
                ],
                "luminous_efficacy",
                "lm/W",
                H,
                [r["grade1"], r["grade2"], r["grade3"]],
                ver,
                r["source"],
                r["verification"],
                gver,
            )
        )
    return out


CONVERTERS = [
    ("chiller_heatpump_gb19577_2024_tables1-8.csv", chiller),
    ("unitary_ac_gb19576.csv", unitary_ac),
    ("multisplit_gb21454.csv", multi_split),
    ("duct_ac_gb37479.csv", duct_ac),
    ("heatpump_water_heater_gb29541.csv", heatpump_water_heater),
    ("led_indoor_gb30255_2019_partial.csv", led),
    ("chiller_heatpump_gb19577_2024_tables1-8.csv", lowtemp_ashp),
    ("chiller_heatpump_gb19577_2024_tables1-8.csv", water_source_hp),
    ("chiller_heatpump_gb19577_2024_tables1-8.csv", absorption_chiller),
]
