"""Citations in the form an inspector expects: 《文件名称》, 发布机关, 标准号—年份 or 文号, 表/条款, dates.

A citation names the official document a value comes from; how the number reached the product (which
transcription, which copy) is its *provenance* and is kept apart (the data files' ``provenance`` column,
the report's appendix 「数据来源与核实状态」). Each citation has a Chinese form (``zh``) and an English
form for the English edition (``en``). Dates and document numbers that are not in the stored reference
material are left out, never guessed; a number known only from recall carries the mark 「待核」.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TO_CONFIRM_ZH = "待核"
TO_CONFIRM_EN = "to be confirmed"

_SAMR_SAC = ("国家市场监督管理总局、国家标准化管理委员会", "SAMR and SAC")
_AQSIQ_SAC = ("国家质量监督检验检疫总局、国家标准化管理委员会", "AQSIQ and SAC")


@dataclass(frozen=True)
class Standard:
    title_zh: str
    title_en: str
    issuer: tuple[str, str]
    published: str = ""
    effective: str = ""


def _grades(what: str) -> str:
    return f"Minimum allowable values of energy efficiency and energy efficiency grades for {what}"


#: the editions the tier data cite; dates from the stored editions reference (blank where it has none)
STANDARDS: dict[str, Standard] = {
    "GB 18613-2020": Standard(
        "电动机能效限定值及能效等级", _grades("motors"), _SAMR_SAC, "2020-05-29", "2021-06-01"
    ),
    "GB 19153-2019": Standard(
        "容积式空气压缩机能效限定值及能效等级",
        _grades("displacement air compressors"),
        _SAMR_SAC,
        "",
        "2020-07-01",
    ),
    "GB 19761-2020": Standard("通风机能效限定值及能效等级", _grades("fans"), _SAMR_SAC, "", "2021-06-01"),
    "GB 24500-2020": Standard(
        "工业锅炉能效限定值及能效等级", _grades("industrial boilers"), _SAMR_SAC, "", "2021-06-01"
    ),
    "GB 20052-2020": Standard("电力变压器能效限定值及能效等级", _grades("power transformers"), _SAMR_SAC),
    "GB 20052-2024": Standard(
        "电力变压器能效限定值及能效等级", _grades("power transformers"), _SAMR_SAC, "2024-04-29", "2025-02-01"
    ),
    "GB 30253-2024": Standard(
        "永磁同步电动机能效限定值及能效等级",
        _grades("permanent magnet synchronous motors"),
        _SAMR_SAC,
        "",
        "2025-10-01",
    ),
    "GB 30254-2024": Standard(
        "高压三相笼型异步电动机能效限定值及能效等级",
        _grades("high-voltage three-phase cage induction motors"),
        _SAMR_SAC,
        "",
        "2025-09-01",
    ),
    "GB 19577-2024": Standard(
        "热泵和冷水机组能效限定值及能效等级",
        _grades("heat pumps and water chillers"),
        _SAMR_SAC,
        "2024-04-29",
        "2025-02-01",
    ),
    "GB 19576-2019": Standard(
        "单元式空气调节机能效限定值及能效等级", _grades("unitary air conditioners"), _SAMR_SAC
    ),
    "GB 21454-2021": Standard(
        "多联式空调（热泵）机组能效限定值及能效等级",
        _grades("multi-connected air-conditioning (heat pump) units"),
        _SAMR_SAC,
    ),
    "GB 37479-2019": Standard(
        "风管送风式空调机组能效限定值及能效等级", _grades("ducted air-conditioning units"), _SAMR_SAC
    ),
    "GB 29541-2013": Standard(
        "热泵热水机（器）能效限定值及能效等级", _grades("heat pump water heaters"), _AQSIQ_SAC
    ),
    "GB 30255-2019": Standard(
        "室内照明用LED产品能效限定值及能效等级",
        _grades("indoor LED lighting products"),
        _SAMR_SAC,
        "2019-04-04",
    ),
    "GB 19762-2025": Standard(
        "离心泵能效限定值及能效等级", _grades("centrifugal pumps"), _SAMR_SAC, "", "2026-03-01"
    ),
}


def number(edition: str) -> str:
    """'GB 18613-2020' -> 'GB 18613—2020' (the dash Chinese standards print between number and year)."""
    head, _sep, year = edition.rpartition("-")
    return f"{head}—{year}" if head else edition


def _table_en(table: str) -> str:
    """'表1' -> 'Table 1'; '表1～表4' -> 'Tables 1–4'; '表4 外转子…' -> 'Table 4' (the English form drops
    the Chinese caption)."""
    nums = re.findall(r"表\s*([A-Z]?\d+(?:\.\d+)?)", table)
    if not nums:
        return ""
    if len(nums) == 1:
        return f"Table {nums[0]}"
    return f"Tables {('–' if '～' in table else '/').join(nums)}"


def standard_citation(edition: str, table: str = "") -> tuple[str, str]:
    """(zh, en) citation of a table of a product standard, e.g.
    GB 18613—2020《电动机能效限定值及能效等级》表1（国家市场监督管理总局、国家标准化管理委员会
    2020-05-29 发布，2021-06-01 实施）."""
    std = STANDARDS[edition]
    issuer_zh, issuer_en = std.issuer
    dates_zh = "，".join(
        filter(None, [std.published and f"{std.published} 发布", std.effective and f"{std.effective} 实施"])
    )
    zh = f"{number(edition)}《{std.title_zh}》{table}（{issuer_zh}{' ' + dates_zh if dates_zh else '发布'}）"
    dates_en = ", ".join(
        filter(
            None, [std.published and f"issued {std.published}", std.effective and f"in force {std.effective}"]
        )
    )
    en = ", ".join(filter(None, [f"{number(edition)} {std.title_en}", _table_en(table)]))
    en += f" ({issuer_en}{'; ' + dates_en if dates_en else ''})"
    return zh, en


#: the notice that issued the 2024 catalog (文号 and 实施日期 from the stored notice copy; signing date
#: not read)
CATALOG_NOTICE = (
    "国家发展改革委、工业和信息化部、财政部、住房城乡建设部、市场监管总局、国家能源局《关于发布〈重点用能产品设备"
    "能效先进水平、节能水平和准入水平（2024年版）〉的通知》（发改环资规〔2024〕127号），自2024年4月1日起实施",
    "NDRC, MIIT, MOF, MOHURD, SAMR and NEA, Notice on issuing the Advanced, Energy-saving and Entry Levels "
    "of Energy Efficiency of Key Energy-using Products and Equipment (2024 Edition) (Fa Gai Huan Zi Gui "
    "[2024] No. 127), in force from 2024-04-01",
)

#: the notice's own text as the basis of a rule (read in a reprint only)
NOTICE_BASIS = (
    "依据：发改环资规〔2024〕127号 通知正文（据转载文本，待核）",
    "Basis: the text of notice Fa Gai Huan Zi Gui [2024] No. 127 (read in a reprint; to be confirmed)",
)

#: membership of a product in the 2024 catalog, as read in a reprint of the notice's annex
MEMBER = "发改环资规〔2024〕127号 通知附件（据转载文本，待核）"
MEMBER_NEW = "发改环资规〔2024〕127号 通知附件，2024年版新增产品（据转载文本，待核）"
MEMBER_CARRIED = "发改环资规〔2024〕127号 通知附件，沿用2022年版（据转载文本，待核）"
MEMBER_PROBABLE = "是否列入《目录》（2024年版）待核"

#: the tier mapping most products use (the note beside the basis above)
ENTRY_RULE = "entry = grade 3 by the notice's rule; the other tiers are to be confirmed"

#: a rule the product applies where the standard says nothing
SOFTWARE_RULE = ("本软件处理规则，标准未作规定", "Rule of this software; the standard does not state one")


_BATCH_EN = {"第一批": "batch 1", "第二批": "batch 2", "第三批": "batch 3", "第四批": "batch 4"}
_MIIT_LIST = "高耗能落后机电设备（产品）淘汰目录"
_MIIT_LIST_EN = (
    "Catalogue of Outdated High-energy-consuming Electromechanical Equipment (Products) to Be Eliminated"
)
INDUSTRY_2024 = (
    "国家发展改革委《产业结构调整指导目录（2024年本）》（国家发展改革委令第7号，令号待核；2024-02-01 "
    "施行）第三类 淘汰类",
    "NDRC, Guiding Catalogue for Industrial Structure Adjustment (2024 Edition) (NDRC Order No. 7, number to "
    "be confirmed; in force 2024-02-01), category 3: phase-out",
)


def miit_list_citation() -> tuple[str, str]:
    """(zh, en) citation of the MIIT elimination catalogue as a whole (batches 1-4)."""
    return (
        f"工业和信息化部《{_MIIT_LIST}》第一批～第四批（公告文号{TO_CONFIRM_ZH}）",
        f"MIIT, {_MIIT_LIST_EN}, batches 1–4 (announcement numbers {TO_CONFIRM_EN})",
    )


def miit_elimination_citation(batch: str, item_no: str) -> tuple[str, str]:
    """(zh, en) citation of an entry of the MIIT elimination catalogue (the announcement numbers of the
    batches were not read in an official copy: marked 待核)."""
    zh = f"工业和信息化部《{_MIIT_LIST}（{batch}）》第{item_no}项（公告文号{TO_CONFIRM_ZH}）"
    en = (
        f"MIIT, {_MIIT_LIST_EN} ({_BATCH_EN.get(batch, batch)}), item {item_no} (announcement number "
        f"{TO_CONFIRM_EN})"
    )
    return zh, en


def elimination_entry_label(batch: str, item_no: str, lang: str) -> str:
    """A short name of an elimination entry for running text (instead of an internal id)."""
    if batch.startswith("产业结构调整指导目录"):
        return (
            f"《产业结构调整指导目录（2024年本）》淘汰类 第{item_no}项"
            if lang == "zh"
            else f"Guiding Catalogue for Industrial Structure Adjustment (2024), phase-out item {item_no}"
        )
    if lang == "zh":
        return f"《{_MIIT_LIST}（{batch}）》第{item_no}项"
    return f"MIIT elimination catalogue {_BATCH_EN.get(batch, batch)}, item {item_no}"
