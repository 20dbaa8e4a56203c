"""Cover block (identity of the report and its data) and the executive summary."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from .. import __version__
from ..domain import SavingsStatus, Tier
from ..i18n import LANGUAGES, N_, _, use_language
from .context import ReportContext
from .elimination import elimination_counts
from .fmt import MISSING, as_list, esc, fmt_num, fmt_wan, get, number
from .labels import region_name, tier_text
from .methods import electricity_price
from .styles import FONT, WARN


def report_date(header: Mapping[str, Any]) -> str:
    """The date part of `generated_at` (ISO text), or '—' when the assessment does not say."""
    value = header.get("generated_at")
    return str(value)[:10] if value else MISSING


def cover(ctx: ReportContext) -> list[Flowable]:
    s = ctx.styles
    ent, cat = ctx.enterprise, ctx.catalog
    out: list[Flowable] = []
    if ent.get("sample") is True or ent.get("is_sample") is True:
        banner = Table(
            [
                [
                    Paragraph(
                        esc(_("SAMPLE DATA: fictitious enterprise for demonstration, not a real assessment")),
                        s.banner,
                    )
                ]
            ],
            colWidths=[ctx.width],
        )
        banner.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BACKGROUND", (0, 0), (-1, -1), WARN),
                    ("BOX", (0, 0), (-1, -1), 0, WARN),
                ]
            )
        )
        out += [banner, Spacer(1, 4 * mm)]
    if ctx.options.logo_data:
        out.append(logo(ctx.options.logo_data, ctx.options.logo_path or "logo"))
    out.append(Paragraph(esc(_("Energy-efficiency retrofit assessment")), s.title))
    basis = (cat.get("title_en") if ctx.lang == "en" else None) or cat.get("title")
    if basis:
        out.append(
            Paragraph(esc(_("Against {catalog}").format(catalog=str(basis).strip("《》"))), s.subtitle)
        )
    out.append(Spacer(1, 5 * mm))

    sep = "、" if ctx.lang == "zh" else ", "
    name = (ent.get("name_en") if ctx.lang == "en" else None) or ent.get("name")
    pairs = [
        (_("Enterprise name"), name),
        (_("Unified social credit code"), ent.get("credit_code")),
        (
            _("Location"),
            " ".join(_text(v) for v in (ent.get("province") or ent.get("region"), ent.get("city")) if v)
            or None,
        ),
        (_("Industry"), _industry(ent.get("industry"))),
        (_("Sites"), sep.join(_text(x) for x in as_list(ent.get("sites"))) or None),
        (_("Prepared by"), ctx.options.prepared_by or " "),  # blank line to fill in by hand
        (_("Signed by"), ctx.options.signer_name),
        (_("Signing key fingerprint"), ctx.options.signer_fingerprint),
        (_("Report date"), report_date(ctx.header)),
        (_("Report ID"), ctx.report_id),
        (
            _("Software"),
            _("Retrofit Desktop {version}").format(version=ctx.header.get("software_version") or __version__),
        ),
        (_("Catalog edition"), _catalog_line(cat)),
        (_("Data SHA-256 (retrofit-payload.json)"), ctx.sha256 or _("not embedded")),
    ]
    out.append(ctx.key_values([(k, v) for k, v in pairs if v not in (None, "")]))
    out.append(Spacer(1, 2 * mm))
    out.append(
        ctx.p(
            _(
                "The machine-readable inputs and results are attached to this PDF as retrofit-payload.json; "
                "`retrofit verify` re-computes them and compares with the figures printed here."
            ),
            "note",
        )
    )
    if ctx.options.signer_fingerprint:
        out.append(
            ctx.p(
                _(
                    "This report is signed with the key above (Ed25519, attached as "
                    "retrofit-signature.json); "
                    "`retrofit verify --trust KEY.pub` checks that the signature holds and who made it."
                ),
                "note",
            )
        )
    return out


LOGO_MAX_W, LOGO_MAX_H = 50 * mm, 16 * mm


class ReportError(ValueError):
    """An option of the report cannot be used (e.g. an unreadable logo file)."""


def logo(data: bytes, path: str | Path) -> Image:
    """The logo (its bytes; `path` names it in errors) scaled into 50 × 16 mm, right-aligned;
    a clear error when it is not a readable image."""
    try:
        w, h = ImageReader(io.BytesIO(data)).getSize()
    except Exception as exc:  # PIL raises several types for bad files
        raise ReportError(
            _("The logo file {path} is not a readable PNG or JPEG image.").format(path=path)
        ) from exc
    scale = min(LOGO_MAX_W / w, LOGO_MAX_H / h)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale, hAlign="RIGHT")


def _text(value: object) -> str:
    """A name from a plain value or from a {name, ...} object (sites, regions)."""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("code") or MISSING)
    return MISSING if value is None else str(value)


def _industry(value: object) -> str | None:
    """'C3484 机械零部件加工 (GB/T 4754-2017)' from {code, name, classification}, or the text given."""
    if isinstance(value, dict):
        text = " ".join(str(value[k]) for k in ("code", "name") if value.get(k))
        if value.get("classification"):
            text += f" ({value['classification']})"
        return text or None
    return None if value in (None, "") else str(value)


def _catalog_line(cat: dict[str, Any]) -> str | None:
    """Title and 文号 of the catalog; the edition's id only for an edition the user imported (the built-in
    one is described in words in the verification chapter, never by its internal id)."""
    parts = [str(cat[k]) for k in ("title", "doc_no") if cat.get(k)]
    if cat.get("builtin") is False and cat.get("edition"):
        parts.append(str(cat["edition"]))
    return " · ".join(parts) or None


def count_tier(ctx: ReportContext, tier: Tier) -> int:
    return sum(1 for t in ctx.column("tier") if t == tier.value)


@dataclass(frozen=True)
class Totals:
    """Investment and annual cost saving summed over the items that have both, and the simple payback."""

    n: int
    investment: float | None
    cny: float | None
    payback: float | None
    payback_items: int


def totals(ctx: ReportContext) -> Totals:
    """Investment and annual cost saving summed over items that have both, and the simple payback of that set:
    the items' own payback formula summed when the payload carries its two sides (net of the upfront subsidy,
    residual value and O&M change), else investment / cost saving (payloads of earlier versions)."""
    both = [
        (i, c)
        for i, c in zip(ctx.numbers("investment"), ctx.numbers("cny"), strict=True)
        if i is not None and c is not None
    ]
    n = len(both)
    invest, saving = sum(i for i, _c in both), sum(c for _i, c in both)
    net = [
        (i, s)
        for i, s in zip(ctx.numbers("net_investment"), ctx.numbers("net_annual_saving"), strict=True)
        if i is not None and s is not None
    ]
    net_saving = sum(s for _i, s in net)
    payback: float | None
    if net:
        payback, n_payback = (sum(i for i, _s in net) / net_saving if net_saving > 0 else None), len(net)
    else:
        payback, n_payback = (invest / saving if n and saving > 0 else None), n
    return Totals(n, invest if n else None, saving if n else None, payback, n_payback)


def proposal_payback(ctx: ReportContext) -> tuple[float | None, int]:
    """The one payback figure of the proposal (summary and measures table alike) and how many items it
    covers."""
    sm = ctx.totals
    if number(sm.get("payback_years")) is not None:
        n = sm.get("payback_items")
        return number(sm["payback_years"]), int(n) if isinstance(n, int) else totals(ctx).payback_items
    tot = totals(ctx)
    return tot.payback, tot.payback_items


def summary(ctx: ReportContext) -> list[Flowable]:
    sm, counts = ctx.totals, ctx.summary
    n_items = ctx.n_items
    below = count_tier(ctx, Tier.BELOW_ENTRY)
    tot = totals(ctx)
    investment = number(sm.get("investment")) if number(sm.get("investment")) is not None else tot.investment
    payback, n_payback = proposal_payback(ctx)
    wan = ctx.lang == "zh"
    n_ok = sum(1 for s in ctx.column("savings_status") if s == SavingsStatus.OK)
    out: list[Flowable] = [ctx.chapter(_("Summary"))]
    out.append(
        ctx.p(
            _(
                "{n} items were assessed against the tier catalog; {below} of them are below the entry tier "
                "(the mandatory minimum). Savings could be estimated for {ok} items."
            ).format(n=n_items, below=below, ok=n_ok)
        )
    )
    pairs = [
        (
            _("Rows read / imported / rejected"),
            " / ".join(fmt_num(v) for v in (counts.read, counts.imported, counts.rejected)),
        ),
        *(
            [(_("Total/subtotal rows skipped (not equipment)"), fmt_num(counts.total_rows))]
            if counts.total_rows
            else []
        ),
        (_("Items assessed"), fmt_num(n_items)),
        (_("Items below entry tier"), fmt_num(below)),
        (
            _("At energy-saving tier or better"),
            fmt_num(count_tier(ctx, Tier.ADVANCED) + count_tier(ctx, Tier.ENERGY_SAVING)),
        ),
        # Chinese reports give energy in 万kWh and money in 万元 (full figures: Appendix A, JSON)
        (_("Electricity saved (10⁴ kWh/yr)"), fmt_wan(sm.get("kwh")))
        if wan
        else (_("Electricity saved (kWh/yr)"), fmt_num(sm.get("kwh"))),
        (_("Standard coal saved, calorific (tce/yr)"), fmt_num(get(sm, "tce", "calorific"), 2)),
        (_("Standard coal saved, equivalent (tce/yr)"), fmt_num(get(sm, "tce", "equivalent"), 2)),
        (_("CO2 avoided (tCO2/yr)"), fmt_num(sm.get("tco2"), 2)),
        (_("Cost saved (10⁴ CNY/yr)"), fmt_wan(sm.get("cny")))
        if wan
        else (_("Cost saved (CNY/yr)"), fmt_num(sm.get("cny"))),
        *_priced_part(sm, wan),
        (_("Investment (10⁴ CNY)"), fmt_wan(investment))
        if wan
        else (_("Investment (CNY)"), fmt_num(investment)),
        (_("Simple payback (years)"), fmt_num(payback, 1)),
    ]
    listed = elimination_counts(ctx)
    if listed is not None:
        pairs.append((_("Items on an elimination list"), fmt_num(listed.get("listed", 0))))
    out.append(ctx.key_values(pairs, columns=2, key_frac=0.64))
    said = set()
    if electricity_price(ctx.assess_options, sm) is None and number(sm.get("cny")) is None:
        out.append(ctx.p(_(NO_PRICE), "warn"))
        said = _in_every_language(NO_PRICE)  # the engine's summary note says the same: once is enough
    if payback is not None:
        out.append(
            ctx.p(
                _(
                    "Simple payback of the proposal = Σ(investment − upfront subsidy − residual value) / "
                    "Σ(annual cost saving − O&M change) over the {n} items that have both figures: each "
                    "item's "
                    "payback formula, summed."
                ).format(n=n_payback),
                "note",
            )
        )
    for note in as_list(sm.get("notes")):
        if str(note) not in said:
            out.append(ctx.p(str(note), "note"))
    out.append(Spacer(1, 2 * mm))
    return out


#: The engine's summary note for a missing electricity price (engine/summary.py), same msgid.
NO_PRICE = N_(
    "Cost figures are missing: no electricity price was given (enter the average price from the bill)."
)


def _in_every_language(msgid: str) -> set[str]:
    """The message as the payload may carry it: the assessment may have run in another language."""
    texts = {msgid}
    for lang in LANGUAGES:
        with use_language(lang):
            texts.add(_(msgid))
    return texts


def _priced_part(sm: Mapping[str, Any], wan: bool = False) -> list[tuple[str, str]]:
    """The cost saving of the items that have a price, when the total is missing because some have none."""
    priced, unpriced = number(sm.get("cny_priced")), sm.get("cny_unpriced_items")
    if number(sm.get("cny")) is not None or priced is None or not unpriced:
        return []
    if wan:
        return [
            (_("Cost saved without the {n} unpriced items (10⁴ CNY/yr)").format(n=unpriced), fmt_wan(priced))
        ]
    return [(_("Cost saved without the {n} unpriced items (CNY/yr)").format(n=unpriced), fmt_num(priced))]


def _region_and_year(totals: Mapping[str, Any], opts: Mapping[str, Any]) -> str | None:
    """'湖南 / 2022': the region asked for and the year of the grid factor used (the latest one
    available unless a year was asked for, so the options alone often have no year)."""
    factors = totals.get("factors")
    grid = factors.get("grid_resolution") if isinstance(factors, dict) else None
    year = opts.get("factor_year") or (grid.get("year") if isinstance(grid, dict) else None)
    region = region_name(opts["region"]) if opts.get("region") else None
    return " / ".join(str(v) for v in (region, year) if v) or None


_STANDARD = re.compile(r"\b(GB(?:/T)?\s*\d{4,5}(?:\.\d+)?-\d{4})")


def standards_used(comparisons: pd.DataFrame) -> list[str]:
    """Distinct standards (with edition year) named by the comparisons' tables, e.g. 'GB 18613-2020'."""
    tables = comparisons["table"].tolist() if "table" in comparisons.columns else []
    found = {re.sub(r"\s+", " ", m.group(1)) for m in map(_STANDARD.search, map(str, tables)) if m}
    return sorted(found)


def _ledger_shown(ctx: ReportContext) -> bool:
    return ctx.options.include_inputs and len(ctx.result.inputs) > 0


def scope(ctx: ReportContext) -> list[Flowable]:
    """Purpose, basis (catalog and standards with editions), boundary and assumptions (§8.1 item 2)."""
    opts, cat = ctx.assess_options, ctx.catalog
    sites = sorted({str(s) for s in ctx.input_column("site") if s})
    title = str(cat.get("title") or "").strip("《》")
    basis = [
        x
        for x in ((f"《{title}》" if ctx.lang == "zh" else title) if title else None, cat.get("doc_no"))
        if x
    ]
    sep = "；" if ctx.lang == "zh" else "; "
    pairs = [
        (
            _("Purpose"),
            _(
                "Classify the listed equipment against the tier catalog and estimate the savings, "
                "emissions and finance of bringing it to the target tier."
            ),
        ),
        (
            _("Basis"),
            sep.join([" ".join(basis), *standards_used(ctx.result.comparisons)])
            if basis or ctx.n_items
            else None,
        ),
        (
            _("Boundary"),
            (
                _("{n} items in the equipment ledger (Appendix A)")
                if _ledger_shown(ctx)
                else _("{n} items in the equipment ledger")
            ).format(n=ctx.n_items)
            + (
                f"{sep}{_('sites')}: {'、'.join(sites) if ctx.lang == 'zh' else ', '.join(sites)}"
                if sites
                else ""
            ),
        ),
        (
            _("Target tier"),
            tier_text(opts.get("target")) if opts.get("target") else None,
        ),
        (_("Region and factor year"), _region_and_year(ctx.totals, opts)),
        (
            _("Electricity price (CNY/kWh)"),
            fmt_num(price, 4)
            if (price := electricity_price(opts, ctx.totals)) is not None
            else _("not given"),
        ),
    ]
    return [ctx.chapter(_("Scope and basis")), ctx.key_values([(k, v) for k, v in pairs if v])]
