"""The ``retrofit`` sub-commands (see cli.py for the parser and exit codes)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

from . import services
from .cli_errors import EXIT_FAILED, EXIT_OK, UsageError
from .cli_output import (
    assessment_summary,
    checked_lines,
    classification_text,
    direction_text,
    dump_json,
    print_rejections,
    product_text,
    standard_text,
    status_text,
    table,
)
from .i18n import N_, _, current_language, translate
from .os_reasons import os_reason
from .services.jsonsafe import frame_records, jsonable

if TYPE_CHECKING:
    from .catalog.spec import ProductSpec


def run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = COMMANDS[args.command]
    try:
        return handler(args)
    except services.InputFileError as exc:
        raise UsageError(str(exc)) from exc
    except services.StoreError as exc:
        raise UsageError(str(exc)) from exc


@contextmanager
def _workspace(args: argparse.Namespace) -> Iterator[services.Workspace]:
    ws = services.open_workspace(getattr(args, "db", None), read_only=bool(getattr(args, "read_only", False)))
    if ws.notice:
        print(ws.notice, file=sys.stderr)
    try:
        yield ws
    finally:
        ws.close()


def _enterprise_id(ws: services.Workspace, name: str) -> int:
    found = services.find_enterprise(ws, name)
    if found is None:
        names = ", ".join(e.name for e in services.list_enterprises(ws)) or "—"
        raise UsageError(
            _("no enterprise named {name!r} in {db}; known: {names}").format(
                name=name, db=ws.display_url, names=names
            )
        )
    return found.id


# -- catalog ---------------------------------------------------------------------------------
def cmd_catalog(args: argparse.Namespace) -> int:
    from .catalog import PackError, UnknownProduct, get_catalog, import_pack

    if args.catalog_command == "import":
        if args.read_only:
            raise UsageError(_("cannot import a catalog pack in --read-only mode"))
        pack = Path(args.pack)
        if not pack.is_file():
            raise UsageError(_("cannot read {path}: no such file").format(path=pack))
        try:
            with _writing(pack):  # the edition is stored in the data folder
                info = import_pack(pack)
        except PackError as exc:
            raise UsageError(str(exc)) from exc
        print(_("Imported catalog edition {edition}").format(edition=getattr(info, "id", info)))
        return EXIT_OK
    cat = get_catalog()
    if args.catalog_command == "list":
        data = cat.list_json()
        if args.json:
            dump_json(data)
            return EXIT_OK
        zh = current_language() == "zh"
        ed = data["edition"]
        from .catalog.labels import edition_name

        print(f"{ed['title_zh'] if zh else ed['title_en']} ({ed['doc_no']}), {edition_name(ed['id'])}")
        rows = [
            [p["id"], p["name_zh"] if zh else p["name_en"], standard_text(p), p["rows"],
             ", ".join(f"{status_text(k)} {v}" for k, v in p["verification_counts"].items() if v)]
            for p in data["products"]
        ]  # fmt: skip
        print(
            table([_("Id"), _("Product"), _("Standard"), _("Tier rows"), _("Verification")], rows, right=(3,))
        )
        return EXIT_OK
    try:
        spec = cat.product(args.product)
    except UnknownProduct as exc:
        raise UsageError(
            _("unknown product {name!r}; see 'retrofit catalog list'").format(name=args.product)
        ) from exc
    data = {"schema": 1, "edition": cat.edition.to_json(), **jsonable(spec.to_json())}
    if args.json:
        dump_json(data)
        return EXIT_OK
    zh = current_language() == "zh"
    print(f"{spec.id}: {spec.name_zh if zh else spec.name_en} — {spec.standard}")
    fields = [
        [f.name, f.unit or "", f.label_zh if zh else f.label_en, ", ".join(f.allowed) if f.allowed else ""]
        for f in spec.parameters
    ]
    print(
        "\n" + _("Parameters") + "\n" + table([_("Name"), _("Unit"), _("Label"), _("Allowed values")], fields)
    )
    inds = [
        [i.name, i.unit or "", direction_text(i.direction.value), i.label_zh if zh else i.label_en]
        for i in spec.indicators
    ]
    print("\n" + _("Indicators") + "\n" + table([_("Name"), _("Unit"), _("Direction"), _("Label")], inds))
    ops = [[f.name, f.unit or "", f.label_zh if zh else f.label_en] for f in spec.operating_fields]
    print("\n" + _("Operating fields") + "\n" + table([_("Name"), _("Unit"), _("Label")], ops))
    print("\n" + _("{n} tier rows; use --json to list them with their sources").format(n=len(spec.rows)))
    return EXIT_OK


# -- classify ----------------------------------------------------------------------------------
def _pairs(texts: list[str], option: str) -> dict[str, str]:
    out = {}
    for t in texts:
        name, sep, value = t.partition("=")
        if not sep or not name.strip():
            raise UsageError(_("{option} needs NAME=VALUE, got {text!r}").format(option=option, text=t))
        out[name.strip()] = value.strip()
    return out


def _number(text: str, unit: str, name: str) -> float:
    try:
        return float(text)
    except ValueError:
        pass
    from .units import UnitError, parse_quantity

    try:
        return parse_quantity(text, unit or "")
    except (UnitError, ValueError) as exc:
        raise UsageError(
            _("{name}: {value!r} is not a number ({error})").format(name=name, value=text, error=exc)
        ) from exc


def _check_ranges(numbers: dict[str, float]) -> None:
    """The import's plausibility rules (an efficiency above 100 %, a negative or zero rated size ...)
    on the numbers given on the command line: usage error 2 rather than a tier for an impossible value."""
    for name, value in numbers.items():
        problem = services.value_problem(name, value)
        if problem:
            raise UsageError(_("{name} = {value:g}: {reason}").format(name=name, value=value, reason=problem))


def _judging(args: argparse.Namespace) -> Any:
    """The catalog's Judging for --edition / --assessment-date (validated like assess and report)."""
    try:
        return services.AssessOptions(edition=args.edition, assessment_date=args.assessment_date).judging()
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def cmd_classify(args: argparse.Namespace) -> int:
    from .catalog import UnknownProduct, get_catalog

    cat = get_catalog()
    try:
        spec = cat.product(args.product)
    except UnknownProduct as exc:
        raise UsageError(
            _("unknown product {name!r}; see 'retrofit catalog list'").format(name=args.product)
        ) from exc
    params = _classify_params(spec, args.param)
    values = _classify_values(spec, args.value)
    _check_ranges({**{k: v for k, v in params.items() if isinstance(v, float)}, **values})
    for name, reason in services.item_warnings({"product": spec.id, **params, **values}):
        print(_("warning: {name}: {reason}").format(name=name, reason=reason), file=sys.stderr)
    c = cat.classify(spec.id, params=params, values=values, judging=_judging(args))
    data = {"schema": 1, "params": params, "values": values, **jsonable(c.to_json())}
    if args.json:
        dump_json(data)
    else:
        name = spec.name_zh if current_language() == "zh" else spec.name_en
        zh = current_language() == "zh"  # the product id and field names are codes: named in Chinese
        print(classification_text({**data, "product": f"{name}（{spec.standard}）" if zh else
                                   f"{spec.id} ({name}, {spec.standard})"}))  # fmt: skip
        if "missing_parameter" in str(c.rule or ""):
            absent = [
                f for f in spec.parameters if f.name not in params and getattr(f, "default", None) is None
            ]
            if absent:
                print(_("Parameters not given: {names} (see `retrofit catalog show {product}`)").format(
                    names="、".join(f"{f.label_zh or f.name} `{f.name}`" for f in absent) if zh else
                    ", ".join(f.name for f in absent), product=spec.id))  # fmt: skip
    return EXIT_OK


def _classify_params(spec: ProductSpec, given: list[str]) -> dict[str, Any]:
    """`--param NAME=VALUE` pairs read by the product's fields (a number in the field's unit, an
    enumeration by its words)."""
    params: dict[str, Any] = {}
    for name, text in _pairs(given, "--param").items():
        f = spec.field(name)
        if f is None:
            known = ", ".join(p.name for p in spec.parameters)
            raise UsageError(_("{product} has no parameter {name!r}; parameters: {known}").format(
                product=spec.id, name=name, known=known))  # fmt: skip
        if f.kind == "number":
            params[name] = _number(text, f.unit, name)
        else:
            try:
                params[name] = f.normalise(text)
            except ValueError as exc:
                raise UsageError(str(exc)) from exc
    return params


def _classify_values(spec: ProductSpec, given: list[str]) -> dict[str, float]:
    """`--value INDICATOR=VALUE` pairs as numbers in the indicator's unit."""
    values: dict[str, float] = {}
    for name, text in _pairs(given, "--value").items():
        ind = spec.indicator(name)
        if ind is None:
            known = ", ".join(i.name for i in spec.indicators)
            raise UsageError(_("{product} has no indicator {name!r}; indicators: {known}").format(
                product=spec.id, name=name, known=known))  # fmt: skip
        values[name] = _number(text, ind.unit, name)
    return values


# -- template / import -------------------------------------------------------------------------
def cmd_template(args: argparse.Namespace) -> int:
    out = Path(args.output)
    _check_folder(args.output)
    with _writing(out):
        services.write_template(out)
    print(_("Template written: {path}").format(path=out))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        if ws.read_only:
            raise UsageError(_("cannot import in --read-only mode"))
        mapping = _mapping(args)
        _eid, rep = services.import_file_as(
            ws, args.file, args.enterprise, on_wait=_say_waiting, mapping=mapping
        )
    _save_mapping(args, mapping)
    counts = _(
        "{file} → {enterprise}: rows read {read}, added {added}, updated {updated}, "
        "unchanged {unchanged}, rejected {rejected}"
    )
    print(counts.format(
        file=args.file, enterprise=args.enterprise, read=rep.read, added=rep.added, updated=rep.updated,
        unchanged=rep.unchanged, rejected=rep.rejected_rows))  # fmt: skip
    if rep.total_rows:
        print(services.total_rows_text(rep.total_rows))
    print_rejections([r.to_json() for r in rep.rejected], sys.stderr, _("Rejected:"))
    print_rejections([r.to_json() for r in rep.warnings], sys.stderr, _("Warnings:"))
    return EXIT_FAILED if args.strict and rep.rejected_rows else EXIT_OK


def _mapping(args: argparse.Namespace) -> Any:
    """The saved column mapping given with --mapping (None: columns detected, values read by the rule)."""
    path = getattr(args, "mapping", None)
    return services.load_mapping_file(path) if path else None


def _save_mapping(args: argparse.Namespace, mapping: Any) -> None:
    out = getattr(args, "save_mapping", None)
    if out and getattr(args, "file", None):
        _check_folder(out)
        try:
            services.save_mapping_file(services.read_file(args.file, mapping=mapping), out)
        except OSError as exc:
            raise UsageError(_("cannot write {path}: {error}").format(path=out, error=exc)) from exc
        print(_("Column mapping written: {path}").format(path=out), file=sys.stderr)


def _say_waiting() -> None:
    print(_("Another import is writing to this enterprise; waiting…"), file=sys.stderr, flush=True)


def cmd_imports(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        eid = _enterprise_id(ws, args.enterprise)
        records = services.import_history(ws, eid)
    if args.json:
        dump_json({"schema": 1, "enterprise": args.enterprise, "imports": [r.to_json() for r in records]})
        return EXIT_OK
    rows = [[r.imported_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), r.file_name, r.sha256[:12], r.read,
             r.imported, r.added, r.updated, r.unchanged, r.rejected] for r in records]  # fmt: skip
    print(table([_("Time"), _("File"), "SHA-256", _("Read"), _("Imported"), _("Added"), _("Updated"),
                 _("Unchanged"), _("Rejected")], rows, right=(3, 4, 5, 6, 7, 8)))  # fmt: skip
    return EXIT_OK


# -- assess / report ---------------------------------------------------------------------------
def _fuel_prices(specs: list[str]) -> dict[str, float] | None:
    prices: dict[str, float] = {}
    for spec in specs or ():
        kind, sep, value = spec.partition("=")
        try:
            prices[kind.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise UsageError(
                _("--fuel-price takes KIND=PRICE (e.g. natural_gas=3.5), not {value!r}").format(value=spec)
            )
    return prices or None


def _options(args: argparse.Namespace, lang: str) -> services.AssessOptions:
    try:
        return services.AssessOptions(
            region=args.region, factor_year=args.factor_year, price_cny_per_kwh=args.price,
            target=args.target, discount_rate=args.discount_rate, lang=lang,
            fuel_prices=_fuel_prices(args.fuel_price), capital_subsidy_share=args.capital_subsidy,
            tax_credit=args.tax_credit, edition=args.edition, assessment_date=args.assessment_date,
        )  # fmt: skip
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def _payload(args: argparse.Namespace, options: services.AssessOptions) -> tuple[dict[str, Any], str]:
    result, source = _assessment(args, options)
    return result.to_payload(), source


def _assessment(args: argparse.Namespace, options: services.AssessOptions) -> tuple[services.Assessment, str]:
    try:
        options.engine_options()  # an unknown region or factor year is a usage error, found before any work
    except (ValueError, KeyError) as exc:
        raise UsageError(str(exc).strip("'\"")) from exc
    if args.file:
        mapping = _mapping(args)
        result = services.assessment_file(args.file, options, mapping=mapping)
        _save_mapping(args, mapping)
        return result, args.file
    with _workspace(args) as ws:
        eid = _enterprise_id(ws, args.enterprise)
        return services.assessment_enterprise(ws, eid, options), args.enterprise


def _check_folder(path: str | None) -> None:
    """An output file's folder must exist: found before any work, not as a traceback after it."""
    if not path or path == "-":
        return
    folder = Path(path).parent
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            _("cannot write {path}: {folder} is a file, not a folder").format(path=path, folder=folder)
        )
    if not folder.is_dir():
        raise UsageError(_("cannot write {path}: the folder does not exist").format(path=path))


@contextmanager
def _writing(path: str | Path) -> Iterator[None]:
    """An output file that cannot be written (no permission, a path under a file, a full disk ...)
    is a usage error naming the file and the reason, not a traceback."""
    try:
        yield
    except OSError as exc:
        raise UsageError(_("cannot write {path}: {error}").format(
            path=exc.filename or path, error=os_reason(exc))) from exc  # fmt: skip


class _TextSink:
    """Bytes written to a text stream that has no binary buffer (a StringIO standing in for stdout)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(data.decode("utf-8"))


def cmd_assess(args: argparse.Namespace) -> int:
    _check_folder(args.json)
    _check_folder(args.export)
    from .services.assessment_json import write_json

    result, source = _assessment(args, _options(args, current_language()))
    try:
        if args.json == "-":
            sys.stdout.flush()
            out = getattr(sys.stdout, "buffer", None)
            sink = out if out is not None else cast(IO[bytes], _TextSink(sys.stdout))
            write_json(result, sink)  # items streamed as built
            sys.stdout.flush()
        else:
            if args.json:
                with open(args.json, "wb") as fh:
                    write_json(result, fh)
            print(assessment_summary(result, source))
            if result.total_rows:
                print(services.total_rows_text([t.to_json() for t in result.total_rows]))
        if args.export:
            services.export_assessment(result, args.export)
    except OSError as exc:  # a read-only folder, a file open in Excel ...
        raise UsageError(_("cannot write {path}: {error}").format(
            path=exc.filename or args.export or args.json, error=os_reason(exc))) from exc  # fmt: skip
    print_rejections([r.to_json() for r in result.rejected], sys.stderr, _("Rejected rows:"))
    print_rejections(
        [w.to_json() for w in result.warnings], sys.stderr, _("Warnings ({file}):").format(file=source)
    )
    return EXIT_FAILED if args.strict and result.summary.rejected else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    lang = args.lang or current_language()
    _check_folder(args.output)  # as for 'template': a mistyped folder is reported, not created
    if args.sign:
        signer = services.signing_key_info(args.sign)  # a bad key is found before any work
    payload, _source = _payload(args, _options(args, lang))
    try:
        path = services.write_report(payload, args.output, lang=lang, sign_key=args.sign)
    except OSError as exc:
        raise UsageError(
            _("cannot write {path}: {error}").format(path=args.output, error=os_reason(exc))
        ) from exc
    print(_("Report written: {path}").format(path=path))
    if args.sign:
        print(_("Signed by {name} ({fingerprint})").format(name=signer.name, fingerprint=signer.fingerprint))
    print_rejections(payload.get("rejected") or [], sys.stderr, _("Rejected rows:"))
    return EXIT_OK


# -- verify / sample ---------------------------------------------------------------------------
def cmd_verify(args: argparse.Namespace) -> int:
    res = services.verify_report(args.pdf, trusted=args.trust)
    if args.json:
        dump_json(jsonable(res.to_json()))
        return EXIT_OK if res.ok else EXIT_FAILED
    for line in checked_lines(res.checked, res.pages):
        print(line)
    if res.ok:
        print(
            _("OK: {n} items re-computed from the embedded inputs; all figures and pages agree").format(
                n=res.items_checked
            )
        )
    else:
        print(_("DIFFERENT: {n} difference(s) found").format(n=len(res.differences)))
        for d in res.differences:
            print("  " + d)
    if res.signature is not None:
        print(services.signature_summary(res.signature))
    return EXIT_OK if res.ok else EXIT_FAILED


def cmd_keygen(args: argparse.Namespace) -> int:
    name = args.name if args.name is not None else Path(args.output).name
    public = services.generate_signing_key(args.output, name)
    print(_("Private key written: {path} (keep it secret; readable only by you)").format(path=args.output))
    print(_("Public key written: {path} (give it to whoever checks your reports)").format(path=public.source))
    print(
        _("Signer: {name}; fingerprint: {fingerprint}").format(
            name=public.name, fingerprint=public.fingerprint
        )
    )
    return EXIT_OK


def cmd_enterprises(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        infos = services.list_enterprises(ws)
    if args.json:
        dump_json({"schema": 1, "enterprises": [jsonable(e) for e in infos]})
        return EXIT_OK
    rows = [
        [e.name, e.credit_code or "", e.region or "", e.item_count, "✓" if e.is_sample else ""] for e in infos
    ]
    print(table([_("Enterprise"), _("Credit code"), _("Region"), _("Items"), _("Sample")], rows, right=(3,)))
    return EXIT_OK


SAMPLE_COLUMNS = ("draw", "asset_tag", "name", "product", "model", "site", "sheet", "row")
SAMPLE_HEADERS = {
    "draw": N_("Draw"), "asset_tag": N_("Asset tag"), "name": N_("Name"), "product": N_("Product"),
    "model": N_("Model"), "site": N_("Site"), "sheet": N_("Sheet"), "row": N_("Row"),
}  # fmt: skip


def cmd_sample(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        eid = _enterprise_id(ws, args.enterprise)
        frame = services.load_items(ws, eid)
    try:
        sample = services.spot_check_sample(frame, args.n, args.seed)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    info = sample.attrs["sample"]
    if args.json:
        items = frame_records(sample.drop(columns=["id"], errors="ignore"))
        dump_json({"schema": 1, "enterprise": args.enterprise, **info, "items": items})
        return EXIT_OK
    print(_("Spot-check sample of {enterprise}: {n} of {population} items, seed {seed}").format(
        enterprise=args.enterprise, n=info["n"], population=info["population"], seed=info["seed"]
    ))  # fmt: skip
    print(_("Method: {method}").format(method=translate(info["method"], current_language())))
    cols = [c for c in SAMPLE_COLUMNS if c in sample.columns]
    rows = [
        [product_text(v) if c == "product" else jsonable(v) for c, v in zip(cols, r, strict=True)]
        for r in sample[cols].itertuples(index=False, name=None)
    ]
    print(table([_(SAMPLE_HEADERS[c]) for c in cols], rows, right=(0,)))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "catalog": cmd_catalog,
    "classify": cmd_classify,
    "template": cmd_template,
    "import": cmd_import,
    "imports": cmd_imports,
    "assess": cmd_assess,
    "report": cmd_report,
    "verify": cmd_verify,
    "keygen": cmd_keygen,
    "enterprises": cmd_enterprises,
    "sample": cmd_sample,
}
