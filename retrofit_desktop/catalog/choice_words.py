"""The words of the enumerations, by field name: each allowed value's Chinese and English label, the
further synonyms plants write, and the generic words that name a kind without deciding the value.

Applied by `fields.enum` to every enumeration of that name (a field name means the same thing in every
product, e.g. `ac_type`, `poles`, `rated_voltage_kv`); the product modules keep their own synonyms.
How a written value is read with these words is catalog/choices.py's rule.
"""

from __future__ import annotations

#: field name -> allowed value -> (Chinese label, English label)
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "vsd": {"yes": ("是", "Yes"), "no": ("否", "No")},
    "condensing": {"yes": ("冷凝式", "Condensing"), "no": ("非冷凝式", "Non-condensing")},
    "measure": {
        "replace": ("更换", "Replace"),
        "replace_at_failure": ("故障时更换", "Replace at failure"),
        "replace_instead_of_rewind": ("以换代修", "Replace instead of rewinding"),
        "remanufacture": ("再制造", "Remanufacture"),
        "vsd": ("变频改造", "Variable-speed drive retrofit"),
    },
    "compressor_type": {
        "oil_injected_rotary_fixed": ("喷油回转式（工频）", "Oil-injected rotary (fixed speed)"),
        "oil_injected_rotary_variable": ("喷油回转式（变频）", "Oil-injected rotary (variable speed)"),
    },
    "cooling": {"air": ("风冷", "Air-cooled"), "liquid": ("水冷", "Liquid-cooled")},
    "transformer_type": {"oil": ("油浸式", "Oil-immersed"), "dry": ("干式", "Dry-type")},
    "core_material": {
        "electrical_steel": ("电工钢带", "Electrical steel"),
        "amorphous": ("非晶合金", "Amorphous alloy"),
    },
    "insulation_class": {"B": ("B级", "Class B"), "F": ("F级", "Class F"), "H": ("H级", "Class H")},
    "tap_changer": {
        "off_circuit": ("无励磁调压", "Off-circuit tap changer"),
        "on_load": ("有载调压", "On-load tap changer"),
    },
    "fan_type": {
        "centrifugal": ("离心式", "Centrifugal"),
        "axial": ("轴流式", "Axial"),
        "external_rotor_forward_curved": ("外转子前向多翼离心式", "External-rotor forward-curved"),
    },
    "boiler_type": {
        "grate_coal": ("层状燃烧（燃煤）", "Grate-fired coal"),
        "fluidized_bed_coal": ("流化床（燃煤）", "Fluidised-bed coal"),
        "biomass": ("生物质", "Biomass"),
        "chamber_fired": ("室燃（燃油、燃气）", "Chamber-fired (oil, gas)"),
        "electric": ("电加热", "Electric"),
    },
    "fuel": {
        "bituminous": ("烟煤", "Bituminous coal"),
        "lean_coal": ("贫煤", "Lean coal"),
        "anthracite": ("无烟煤", "Anthracite"),
        "lignite": ("褐煤", "Lignite"),
        "biomass": ("生物质", "Biomass"),
        "natural_gas": ("天然气", "Natural gas"),
        "oil": ("燃油", "Fuel oil"),
        "coal": ("煤", "Coal"),
        "electricity": ("电", "Electricity"),
    },
    "fuel_class": {"I": ("Ⅰ类", "Class I"), "II": ("Ⅱ类", "Class II"), "III": ("Ⅲ类", "Class III")},
    "fuel_kind": {
        "coal": ("煤", "Coal"),
        "natural_gas": ("天然气", "Natural gas"),
        "oil": ("燃料油", "Fuel oil"),
        "diesel": ("柴油", "Diesel"),
        "biomass": ("生物质", "Biomass"),
        "lpg": ("液化石油气", "LPG"),
    },
    "chiller_type": {"comfort": ("舒适型", "Comfort"), "data_centre": ("数据中心专用型", "Data centre")},
    "heat_rejection": {
        "water": ("水冷式", "Water-cooled"),
        "air": ("风冷式", "Air-cooled"),
        "evaporative": ("蒸发冷却式", "Evaporatively cooled"),
    },
    "indicator_system": {
        "part_load": ("部分负荷评价（表1）", "Part-load rating (Table 1)"),
        "full_load": ("满负荷评价（表2）", "Full-load rating (Table 2)"),
    },
    "ac_type": {
        "air_cooling_only": ("风冷单冷型", "Air-cooled, cooling only"),
        "air_heat_pump": ("风冷热泵型", "Air-source heat pump"),
        "water_cooled": ("水冷式", "Water-cooled"),
        "water_loop": ("水环式", "Water loop"),
        "ground_loop": ("地埋管式", "Ground loop"),
        "groundwater": ("地下水式", "Groundwater"),
        "low_ambient": ("低环境温度型", "Low-ambient"),
    },
    "hpwh_type": {"normal": ("普通型", "Normal"), "low_ambient": ("低温型", "Low-ambient")},
    "heating_mode": {
        "one_pass": ("一次加热式", "One-pass"),
        "circulating": ("循环加热式", "Circulating"),
        "circulating_no_pump": ("循环加热式（不带循环泵）", "Circulating, without pump"),
        "circulating_with_pump": ("循环加热式（带循环泵）", "Circulating, with pump"),
        "static": ("静态加热式", "Static"),
    },
    "led_type": {"downlight": ("筒灯", "Downlight")},
    "pump_type": {
        "single_stage_single_suction": ("单级单吸离心泵", "Single-stage single-suction"),
        "single_stage_double_suction": ("单级双吸离心泵", "Single-stage double-suction"),
        "inline": ("管道离心泵", "In-line"),
        "multistage": ("多级离心泵", "Multistage"),
        "light_multistage_vertical": ("轻型多级立式", "Light multistage, vertical"),
        "light_multistage_horizontal": ("轻型多级卧式", "Light multistage, horizontal"),
    },
    "suction": {"single": ("单吸", "Single-suction"), "double": ("双吸", "Double-suction")},
    "terminal": {
        "floor_heating": ("地板采暖", "Floor heating"),
        "fan_coil": ("风机盘管", "Fan coil"),
        "radiator": ("散热器", "Radiator"),
    },
    "hp_type": {
        "air_output_heat_pump": ("冷热风型", "Air output, heat pump"),
        "water_output_heating_only": ("冷热水型（单热）", "Water output, heating only"),
        "water_output_heat_pump": ("冷热水型（热泵）", "Water output, heat pump"),
    },
    "water_source": {
        "water_loop": ("水环式", "Water loop"),
        "groundwater": ("地下水式", "Groundwater"),
        "ground_loop": ("地埋管式", "Ground loop"),
        "surface_water": ("地表水式", "Surface water"),
    },
    "absorption_type": {"direct_fired": ("直燃型", "Direct-fired")},
    "rated_voltage_kv": {v: (f"{v}kV", f"{v} kV") for v in ("3", "3.3", "6", "10", "35")},
}

#: further synonyms (deciding words), field name -> written word -> allowed value
SYNONYMS: dict[str, dict[str, str]] = {
    "vsd": {
        "变频": "yes",
        "带变频": "yes",
        "工频": "no",
        "定频": "no",
        "无变频": "no",
        "y": "yes",
        "n": "no",
        "yes": "yes",
        "no": "no",
    },
    "condensing": {"冷凝锅炉": "yes", "非冷凝锅炉": "no"},
    "compressor_type": {
        "工频": "oil_injected_rotary_fixed",
        "定频": "oil_injected_rotary_fixed",
        "定速": "oil_injected_rotary_fixed",
        "固定转速": "oil_injected_rotary_fixed",
        "fixed speed": "oil_injected_rotary_fixed",
        "fixed": "oil_injected_rotary_fixed",
        "变频": "oil_injected_rotary_variable",
        "变速": "oil_injected_rotary_variable",
        "变转速": "oil_injected_rotary_variable",
        "永磁变频": "oil_injected_rotary_variable",
        "vsd": "oil_injected_rotary_variable",
        "variable speed": "oil_injected_rotary_variable",
        "variable": "oil_injected_rotary_variable",
    },
    "cooling": {
        "风冷式": "air",
        "air-cooled": "air",
        "air cooled": "air",
        "air": "air",
        "水冷式": "liquid",
        "water-cooled": "liquid",
        "water cooled": "liquid",
    },
    "transformer_type": {
        "干式变压器": "dry",
        "树脂浇注干式": "dry",
        "环氧树脂干式": "dry",
        "油浸": "oil",
        "油浸式变压器": "oil",
        "油变": "oil",
        "oil": "oil",
        "dry": "dry",
    },
    "boiler_type": {
        "天然气": "chamber_fired",
        "燃气锅炉": "chamber_fired",
        "燃油锅炉": "chamber_fired",
        "室燃炉": "chamber_fired",
        "电热": "electric",
        "电加热锅炉": "electric",
        "层燃炉": "grate_coal",
        "链条炉排": "grate_coal",
        "流化床锅炉": "fluidized_bed_coal",
        "生物质锅炉": "biomass",
    },
    "fuel": {
        "燃气": "natural_gas",
        "管道天然气": "natural_gas",
        "ng": "natural_gas",
        "燃煤": "coal",
        "电力": "electricity",
        "电能": "electricity",
        "柴油": "oil",
        "重油": "oil",
    },
    "fuel_kind": {
        "燃气": "natural_gas",
        "管道天然气": "natural_gas",
        "燃煤": "coal",
        "原煤": "coal",
        "燃油": "oil",
        "重油": "oil",
        "轻柴油": "diesel",
        "液化气": "lpg",
        "lpg": "lpg",
    },
    "heat_rejection": {"风冷": "air", "水冷": "water", "蒸发冷": "evaporative", "蒸发式冷凝": "evaporative"},
    "fan_type": {"离心风机": "centrifugal", "轴流风机": "axial"},
    "insulation_class": {"b": "B", "f": "F", "h": "H"},
}

#: words that name a kind without deciding the value (used only when no deciding word is written),
#: field name -> word -> value they default to
GENERIC: dict[str, dict[str, str]] = {
    # Both allowed compressor types are oil-injected rotary (screw) machines: 工频/变频 decides.
    "compressor_type": {
        "喷油回转": "oil_injected_rotary_fixed",
        "回转": "oil_injected_rotary_fixed",
        "螺杆": "oil_injected_rotary_fixed",
        "喷油螺杆": "oil_injected_rotary_fixed",
        "喷油": "oil_injected_rotary_fixed",
        "螺杆空压机": "oil_injected_rotary_fixed",
        "螺杆压缩机": "oil_injected_rotary_fixed",
        "screw": "oil_injected_rotary_fixed",
    },
}
