"""Per-file converters from the reference CSVs to long rows (see convert_reference)."""

from __future__ import annotations

from decimal import Decimal

from .convert_util import LongRow, dash_grades, map_verification, parse_interval

H, L = "higher_is_better", "lower_is_better"


def motor(rows: list[dict]) -> list[LongRow]:
    out = []
    for r in rows:
        ver, gver = map_verification(r["verification"])
        p, kw = r["poles"], r["rated_power_kw"]
        out.append(
            LongRow(
                "motor",
                "GB 18613-2020",
                "表1",
                f"T1-{kw}kW-{p}P",
                [("rated_power_kw", ("point", kw)), ("poles", ("value", p))],
                "efficiency_pct",
                "%",
                H,
                [r["grade1_advanced"], r["grade2_energy_saving"], r["grade3_entry"]],
                ver,
                r["source"],
                r["verification"],
                gver,
            )
        )
    return out


CONVERTERS = [
    ("motor_gb18613_2020_three_phase_induction.csv", motor),
]


def _ver(text: str) -> tuple[str, str]:
    if text.upper().startswith("EDITION GAP"):
        return "single_source", ""  # grade 3 kept (2024 value, unchanged per FW); grades 1-2 blank
    return map_verification(text)


CORE = {"电工钢带": "electrical_steel", "非晶合金": "amorphous"}


def transformer(rows: list[dict]) -> list[LongRow]:
    out = []
    for r in rows:
        ver, gver = _ver(r["verification"])
        kva, core = r["rated_capacity_kva"], CORE[r["core_material"]]
        is_p0 = r["indicator"].startswith("空载损耗")
        indicator = "no_load_loss_w" if is_p0 else "load_loss_w"
        grades = [r["grade1"], r["grade2"], r["grade3"]]
        common = [
            ("rated_capacity_kva", ("point", kva)),
            ("core_material", ("value", core)),
            ("rated_voltage_kv", ("value", "10")),
            ("tap_changer", ("value", "off_circuit")),
        ]
        if r["standard_table"] == "表1":
            conn = r["connection_group"]
            base = [*common, ("transformer_type", ("value", "oil"))]
            groups = [("Dyn11|Yzn11" if conn.startswith("Dyn11") else "Yyn0", ver, gver, r["verification"])]
            if conn.startswith("Yyn0 (only row"):
                groups.append(
                    (
                        "Dyn11|Yzn11",
                        "unverified",
                        "",
                        "source gives only a Yyn0 row from 630 kVA; applying it to Dyn11/Yzn11 is "
                        "UNVERIFIED (a Dyn11 S13-630 sample is consistent) - " + r["verification"],
                    )
                )
            for value, v, gv, note in groups:
                tag = "D" if value.startswith("Dyn11") else "Y"
                out.append(
                    LongRow(
                        "transformer",
                        "GB 20052-2020",
                        "表1",
                        f"T1-{kva}kVA-{core}-{tag}",
                        [*base, ("connection_group", ("value", value))],
                        indicator,
                        "W",
                        L,
                        grades,
                        v,
                        r["source"],
                        note,
                        gv,
                    )
                )
        else:
            ins = r["insulation_class_reference_temp"]
            params = [*common, ("transformer_type", ("value", "dry"))]
            tag = "all"
            if not is_p0:
                tag = ins[0]
                params.append(("insulation_class", ("value", tag)))
            out.append(
                LongRow(
                    "transformer",
                    "GB 20052-2020",
                    "表2",
                    f"T2-{kva}kVA-{core}-{tag}",
                    params,
                    indicator,
                    "W",
                    L,
                    grades,
                    ver,
                    r["source"],
                    r["verification"] + (f"; load loss at {ins}" if not is_p0 else ""),
                    gver,
                )
            )
    return out


def transformer_35kv(rows: list[dict]) -> list[LongRow]:
    """GB 20052-2024 表3/表4 (35 kV oil-immersed; 表4 read up to 20 000 kVA): kW converted to W exactly."""
    out = []
    for r in rows:
        ver, gver = map_verification(r["verification"])
        t, kva = r["standard_table"], r["rated_capacity_kva"]
        tap = "off_circuit" if t == "表3" else "on_load"
        is_p0 = r["indicator"].startswith("空载损耗")
        grades = [
            str(Decimal(g) * 1000) if g.strip() else "" for g in (r["grade1"], r["grade2"], r["grade3"])
        ]
        out.append(
            LongRow(
                "transformer",
                "GB 20052-2024",
                t,
                f"{'T3' if t == '表3' else 'T4'}-{kva}kVA",
                [
                    ("rated_capacity_kva", ("point", kva)),
                    ("transformer_type", ("value", "oil")),
                    ("rated_voltage_kv", ("value", "35")),
                    ("tap_changer", ("value", tap)),
                ],
                "no_load_loss_w" if is_p0 else "load_loss_w",
                "W",
                L,
                grades,
                ver,
                r["source"],
                "source gives kW (converted x1000); GB 20052-2024 edition, equality with 2020 UNVERIFIED - "
                + r["verification"],
                gver,
            )
        )
    return out


def compressor(rows: list[dict]) -> list[LongRow]:
    out = []
    for r in rows:
        ver, gver = map_verification(r["verification"])
        kind = "oil_injected_rotary_fixed" if r["standard_table"] == "表1" else "oil_injected_rotary_variable"
        cool = "air" if r["cooling"].startswith("风冷") else "liquid"
        kw, mpa = r["drive_motor_rated_power_kw"], r["rated_discharge_pressure_mpa"]
        out.append(
            LongRow(
                "air_compressor",
                "GB 19153-2019",
                r["standard_table"],
                f"{r['standard_table']}-{kw}kW-{mpa}MPa-{cool}",
                [
                    ("compressor_type", ("value", kind)),
                    ("drive_power_kw", ("point", kw)),
                    ("discharge_pressure_mpa", ("point", mpa)),
                    ("cooling", ("value", cool)),
                ],
                "specific_power",
                "kW/(m³/min)",
                L,
                dash_grades(
                    [r["grade1_advanced"], r["grade2_energy_saving"], r["grade3_entry"]], r["cell_note"]
                ),
                ver,
                r["source"],
                "; ".join(filter(None, [r["cell_note"], r["verification"]])),
                gver,
            )
        )
    return out


def fan(rows: list[dict]) -> list[LongRow]:
    out = []
    counter: dict[str, int] = {}
    for r in rows:
        ver, gver = map_verification(r["verification"])
        table = r["standard_table"]
        tno = table[:2]
        kind = {
            "表1": "centrifugal",
            "表2": "centrifugal",
            "表3": "axial",
            "表4": "external_rotor_forward_curved",
        }[tno]
        psi = r["pressure_coefficient_psi_or_hub_ratio_gamma"]
        params = [
            ("fan_type", ("value", kind)),
            ("hub_ratio" if tno == "表3" else "pressure_coefficient", parse_interval(psi)),
        ]
        if r["specific_speed_ns"]:
            params.append(("specific_speed", parse_interval(r["specific_speed_ns"])))
        params.append(("machine_number", parse_interval(r["machine_number_range"])))
        counter[tno] = counter.get(tno, 0) + 1
        out.append(
            LongRow(
                "fan",
                "GB 19761-2020",
                table,
                f"{tno}-{counter[tno]:03d}",
                params,
                "fan_efficiency_pct",
                "%",
                H,
                dash_grades(
                    [r["grade1_advanced"], r["grade2_energy_saving"], r["grade3_entry"]], r["cell_note"]
                ),
                ver,
                r["source"],
                "; ".join(
                    filter(
                        None,
                        [
                            f"{psi} {r['specific_speed_ns']} {r['machine_number_range']}".strip(),
                            r["cell_note"],
                            r["verification"],
                        ],
                    )
                ),
                gver,
            )
        )
    return out


BOILER_TYPE = {
    "层状燃烧燃煤": "grate_coal",
    "流化床燃烧燃煤": "fluidized_bed_coal",
    "生物质锅炉": "biomass",
    "室燃锅炉": "chamber_fired",
    "电加热锅炉": "electric",
}
FUEL = {
    "烟煤": "bituminous",
    "贫煤": "lean_coal",
    "无烟煤": "anthracite",
    "褐煤": "lignite",
    "生物质": "biomass",
    "天然气": "natural_gas",
    "燃油": "oil",
    "煤": "coal",
    "电": "electricity",
}
FUEL_CLASS = {"Ⅰ类": "I", "Ⅱ类": "II", "Ⅲ类": "III"}


def boiler(rows: list[dict]) -> list[LongRow]:
    out = []
    for k, r in enumerate(rows, 1):
        ver, gver = map_verification(r["verification"])
        params = [
            ("boiler_type", ("value", BOILER_TYPE[r["boiler_type"]])),
            ("fuel", ("value", FUEL[r["fuel"]])),
        ]
        fc = r["fuel_class"]
        if fc in FUEL_CLASS:
            params.append(("fuel_class", ("value", FUEL_CLASS[fc])))
        elif fc in ("冷凝", "非冷凝"):
            params.append(("condensing", ("value", "yes" if fc == "冷凝" else "no")))
        cap = r["capacity_column"]
        if cap != "all":
            th, _, mw = cap.partition("（或")
            params.append(("rated_capacity_th", parse_interval(th)))
            params.append(("rated_capacity_mw", parse_interval(mw.rstrip("）"))))
        cond = " ".join(
            filter(None, [r["fuel_lhv_condition_kj_per_kg"], r["volatile_matter_condition_pct_daf"]])
        )
        note = "; ".join(
            filter(
                None,
                [
                    f"fuel condition: {cond} (kJ/kg, % daf)" if cond else "",
                    cap,
                    r["cell_note"],
                    r["verification"],
                ],
            )
        )
        out.append(
            LongRow(
                "boiler",
                "GB 24500-2020",
                r["standard_table"],
                f"B{k:02d}",
                params,
                "thermal_efficiency_pct",
                "%",
                H,
                dash_grades(
                    [r["grade1_advanced"], r["grade2_energy_saving"], r["grade3_entry"]],
                    r["cell_note"],
                    limit_only="limit value only" in r["cell_note"],
                ),
                ver,
                r["source"],
                note,
                gver,
            )
        )
    return out


def pmsm(rows: list[dict]) -> list[LongRow]:
    out = []
    for r in rows:
        kw, p = r["rated_power_kw"], r["poles"]
        # the band row '400-1000' is stored as its two end ratings with the band's values, so the
        # stricter-neighbour rule returns the band's values anywhere inside it
        points = kw.split("-") if "-" in kw else [kw]
        band = f"; band {kw} kW given as one row in the source" if len(points) > 1 else ""
        for pt in points:
            out.append(
                LongRow(
                    "pmsm",
                    "GB 30253-2024",
                    r["standard_table"],
                    f"T1-{pt}kW-{p}P",
                    [("rated_power_kw", ("point", pt)), ("poles", ("value", p))],
                    "efficiency_pct",
                    "%",
                    H,
                    [r["grade1"], r["grade2"], r["grade3"]],
                    "successor_edition",
                    r["source"],
                    "GB 30253-2024 takes effect 2025-10-01; the 2024 catalog cites an earlier edition - "
                    + r["verification"]
                    + band,
                )
            )
    return out


HV_VOLT = {"3kV(3.3kV)和6kV": "3|3.3|6", "10kV": "10"}


def motor_hv(rows: list[dict]) -> list[LongRow]:
    out = []
    for r in rows:
        kw, p, t = r["rated_power_kw"], r["poles"], r["standard_table"]
        out.append(
            LongRow(
                "motor_hv",
                "GB 30254-2024",
                t,
                f"{t}-{kw}kW-{p}P",
                [
                    ("rated_voltage_kv", ("value", HV_VOLT[r["rated_voltage"]])),
                    ("cooling_method", ("value", r["cooling_method_IC"].replace("/", "|"))),
                    ("rated_power_kw", ("point", kw)),
                    ("poles", ("value", p)),
                ],
                "efficiency_pct",
                "%",
                H,
                [r["grade1"], r["grade2"], r["grade3"]],
                "successor_edition",
                r["source"],
                "GB 30254-2024 takes effect 2025-09-01; the 2024 catalog cites GB 30254-2013 (values not "
                "found) - " + r["verification"],
            )
        )
    return out


CONVERTERS += [
    ("transformer_gb20052_2020_10kV_tables1-2.csv", transformer),
    ("transformer_gb20052_2024_35kV_tables3-4_partial.csv", transformer_35kv),
    ("compressor_gb19153_2019_tables1-2_oil_injected_rotary.csv", compressor),
    ("fan_gb19761_2020.csv", fan),
    ("boiler_gb24500_2020.csv", boiler),
    ("pmsm_gb30253_2024_table1_line_start.csv", pmsm),
    ("motor_hv_gb30254_2024_tables1-6.csv", motor_hv),
]
