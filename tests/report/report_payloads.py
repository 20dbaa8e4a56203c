"""Hand-built schema-1 payloads (design.md) for the report tests; no engine involved."""

from __future__ import annotations

import copy

FACTORS = {
    "grid_co2": {
        "value": 0.49,
        "unit": "kgCO2/kWh",
        "year": 2022,
        "region": "hunan",
        "source": "MEE/NBS 2022 provincial grid factors, Hunan",
        "status": "single_source",
    },
    "electricity_tce_calorific": {
        "value": 0.1229,
        "unit": "kgce/kWh",
        "source": "GB/T 2589-2020 Annex A",
        "status": "verified",
    },
    "electricity_tce_equivalent": {
        "value": 0.300,
        "unit": "kgce/kWh",
        "source": "user setting",
        "status": "unverified",
    },
    "electricity_price": {
        "value": 0.65,
        "unit": "CNY/kWh",
        "source": "user input (bill)",
        "status": "unverified",
    },
    "discount_rate": {
        "value": 0.08,
        "unit": "1",
        "source": "建设项目经济评价方法与参数 第三版",
        "status": "verified",
    },
}

USER_STRING = '泵<b>&"甲"</b> A&B <i>x'


def motor_item(
    tag: str,
    row: int,
    eff: float,
    tier: str,
    *,
    name: str = "引风机电机",
    kwh: float | None = 12345.0,
    investment: float | None = 20000.0,
    verification: str = "verified",
) -> dict:
    ok = kwh is not None
    cny = round(kwh * 0.65, 2) if ok else None
    return {
        "sheet": "设备台账",
        "row": row,
        "asset_tag": tag,
        "name": name,
        "product": "motor",
        "tier": tier,
        "verification": verification,
        "comparisons": [
            {
                "indicator": "efficiency_pct",
                "value": eff,
                "unit": "%",
                "direction": "higher_is_better",
                "thresholds": {"advanced": 95.4, "energy_saving": 94.6, "entry": 93.6},
                "table": "GB 18613-2020 表1",
                "source": "GB 18613-2020 Table 1, 55 kW 4-pole",
                "verification": verification,
                "rule": "exact row",
            }
        ],
        "target_tier": "energy_saving",
        "savings": {
            "status": "ok" if ok else "insufficient_data",
            "kwh": kwh,
            "fuel": None,
            "tce": {
                "calorific": kwh * 0.1229 / 1000 if ok else None,
                "equivalent": kwh * 0.300 / 1000 if ok else None,
            },
            "tco2": kwh * 0.49 / 1000 if ok else None,
            "cny": cny,
            "missing_fields": [] if ok else ["annual_hours"],
            "method": "motor: P_out × h × (1/η_old − 1/η_new)" if ok else None,
        },
        "finance": {
            "investment": investment,
            "payback_years": investment / cny if ok and investment else None,
            "npv": 31000.5 if ok else None,
            "irr": 0.42 if ok else None,
        },
    }


def small_payload() -> dict:
    """Three items: one below entry, one at entry, one advanced; one rejected row."""
    items = [
        motor_item(
            "M-001",
            2,
            92.1,
            "below_entry",
            name=USER_STRING,
            kwh=12345.0,
            investment=20000.0,
            verification="single_source",
        ),
        motor_item("M-002", 3, 94.0, "entry", kwh=4000.0, investment=15000.0),
        motor_item("M-003", 4, 95.6, "advanced", kwh=None, investment=None),
    ]
    items[2]["target_tier"] = None
    kwh = 12345.0 + 4000.0
    return {
        "schema": 1,
        "generated_at": "2026-11-25T10:00:00+00:00",
        "software_version": "0.1.0",
        "enterprise": {
            "name": "湘江示范机械有限公司",
            "credit_code": "91430100MA4L0XXXX1",
            "region": "湖南",
            "industry": "C34 通用设备制造业",
            "sites": ["一厂", "二厂"],
            "sample": True,
        },
        "catalog": {
            "id": "2024",
            "title": "重点用能产品设备能效先进水平、节能水平和准入水平（2024年版）",
            "doc_no": "发改环资规〔2024〕127号",
            "sha256": "ab" * 32,
        },
        "inputs": [
            {
                "sheet": "设备台账",
                "row": r,
                "asset_tag": t,
                "name": n,
                "product": "motor",
                "rated_power_kw": 55,
                "poles": 4,
                "annual_hours": 6000,
                "load_factor": 0.75,
            }
            for r, t, n in ((2, "M-001", USER_STRING), (3, "M-002", "引风机电机"), (4, "M-003", "引风机电机"))
        ],
        "items": items,
        "summary": {
            "read": 4,
            "imported": 3,
            "rejected": 1,
            "by_tier": {"below_entry": 1, "entry": 1, "advanced": 1},
            "kwh": kwh,
            "tce": {"calorific": kwh * 0.1229 / 1000, "equivalent": kwh * 0.300 / 1000},
            "tco2": kwh * 0.49 / 1000,
            "cny": kwh * 0.65,
            "factors": copy.deepcopy(FACTORS),
        },
        "rejected": [
            {
                "sheet": "设备台账",
                "row": 5,
                "column": "额定功率",
                "value": "abc<kW>",
                "reason": "不是数字",
                "severity": "error",
            }
        ],
        "mac_curve": [
            {"label": "M-001", "tco2": 6.05, "cny_per_tco2": -850.0},
            {"label": "M-002", "tco2": 1.96, "cny_per_tco2": 120.0},
        ],
    }


def large_payload(n: int = 240) -> dict:
    p = small_payload()
    tiers = ["advanced", "energy_saving", "entry", "below_entry", "no_value", "not_covered"]
    p["items"] = [
        motor_item(f"L-{i:04d}", i + 2, 90 + (i % 60) / 10, tiers[i % len(tiers)], name=f"电机 {i}")
        for i in range(n)
    ]
    p["inputs"] = [
        {
            "sheet": "设备台账",
            "row": i + 2,
            "asset_tag": f"L-{i:04d}",
            "name": f"电机 {i}",
            "product": "motor",
            "rated_power_kw": 55,
            "poles": 4,
        }
        for i in range(n)
    ]
    p["summary"]["read"] = n
    p["summary"]["imported"] = n
    p["summary"]["rejected"] = 0
    p["rejected"] = []
    p["enterprise"]["sample"] = False
    return p
