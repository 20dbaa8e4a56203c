"""The payload's ``data_sources``: one line per table of data an assessment used (standard tables, factor
groups, elimination lists, the catalog edition) with its citation, verification status and provenance.

Users read the citations beside each value; the provenance (which transcription, which copy) is shown
only in the report's appendix 「数据来源与核实状态」 and kept here, in the embedded payload.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..domain import Verification, weakest


def _status(values: Iterable[Any]) -> str | None:
    known = []
    for v in values:
        try:
            known.append(Verification(str(v)))
        except ValueError:
            continue
    return weakest(known).value if known else None


def _line(
    kind: str,
    table: str,
    source: str,
    source_en: str,
    status: str | None,
    provenance: str,
    table_en: str = "",
) -> dict[str, Any]:
    return {
        "kind": kind,
        "table": table,
        "table_en": table_en or table,
        "source": source,
        "source_en": source_en,
        "verification": status,
        "provenance": provenance,
    }


def tier_lines(cat: Any, items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    from ..catalog.provenance import table_source

    used: dict[tuple[str, str], list[Any]] = {}
    for it in items:
        for c in it.get("comparisons") or []:
            for table in str(c.get("table") or "").split("; "):
                if table and it.get("product"):
                    used.setdefault((str(it["product"]), table), []).append(c.get("verification"))
    out = []
    for (product, table), statuses in used.items():
        ts = table_source(cat.product(product).rows, table)
        if ts is not None:
            out.append(_line("tier_table", table, ts.source, ts.source_en, _status(statuses), ts.provenance))
    return out


def factor_lines(factors: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Shipped factors grouped by citation (one line per cited table, not per factor)."""
    table = (factors or {}).get("factors") if isinstance((factors or {}).get("factors"), Mapping) else factors
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for key, f in sorted((table or {}).items()):
        if isinstance(f, Mapping) and f.get("source") and f.get("origin", "default") == "default":
            groups.setdefault(str(f["source"]), []).append({**f, "key": key})
    out = []
    for source, fs in groups.items():
        keys = ", ".join(str(f["key"]) for f in fs)
        provenance = "; ".join(
            dict.fromkeys(str(f.get("provenance") or "") for f in fs if f.get("provenance"))
        )
        out.append(
            _line(
                "factor",
                keys,
                source,
                str(fs[0].get("source_en") or ""),
                _status(f.get("status") for f in fs),
                provenance,
            )
        )
    return out


def elimination_lines(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Both elimination lists, when the items were checked against them."""
    from ..catalog.elimination import list_sources

    if not any(isinstance(it.get("elimination"), Mapping) for it in items):
        return []
    return [
        _line(
            "elimination",
            ts.table,
            ts.source,
            ts.source_en,
            Verification.SINGLE_SOURCE.value,
            ts.provenance,
            ts.table_en,
        )
        for ts in list_sources()
    ]


def data_sources(
    cat: Any, items: list[dict[str, Any]], factors: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    ed = cat.edition
    catalog = _line("catalog", ed.title_zh, ed.source, ed.source_en, None, ed.provenance, ed.title_en)
    return [catalog, *tier_lines(cat, items), *elimination_lines(items), *factor_lines(factors)]


def data_sources_of(cat: Any, a: Any) -> list[dict[str, Any]]:
    """`data_sources` of a typed assessment (services.assessment.Assessment), from its columns: the distinct
    (product, table, verification) of its comparisons and whether any item was checked for elimination,
    without building every item's JSON."""
    items: list[dict[str, Any]] = []
    comp = a.comparisons
    if len(comp) and "product" in a.items.columns:
        comp = comp.sort_values([c for c in ("item", "order") if c in comp.columns], kind="stable")
        products = a.items["product"].to_numpy(dtype=object)[comp["item"].to_numpy()]
        keys = dict.fromkeys(
            zip(products, comp["table"].tolist(), comp["verification"].tolist(), strict=True)
        )
        items += [{"product": p, "comparisons": [{"table": t, "verification": v}]} for p, t, v in keys]
    results = a.elimination_results
    used = [results[c] for c in set(a.elimination_code.tolist()) if 0 <= c < len(results)]
    if any(isinstance(r, Mapping) for r in used):
        items.append({"elimination": next(r for r in used if isinstance(r, Mapping))})
    factors = a.summary.to_json().get("factors")
    return data_sources(cat, items, factors if isinstance(factors, Mapping) else None)
