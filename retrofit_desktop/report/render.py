"""render_report(): an assessment (services.Assessment, or its schema-1 payload dict) -> PDF with the
payload attached.

The sections read the typed, columnar view (report.result) of the payload's JSON form, the form that is
embedded: a re-render from the file's payload (verify) sees exactly the values the first render saw."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from ..i18n import _, normalise_language, use_language
from . import appendix, attachment, cover, elimination, imports, measures, methods, reproduce, tiers
from .context import PAGE_MARGIN, ReportContext
from .cover import ReportError
from .fmt import as_dict
from .options import ReportOptions
from .reproduce import FixedTimeStamp
from .result import result_from_payload
from .signature import signature_attachment
from .styles import FONT, Styles

Section = Callable[[ReportContext], list[Flowable]]


@runtime_checkable
class HasPayload(Protocol):
    """services.Assessment (the report layer does not import services)."""

    def to_payload(self) -> dict[str, Any]: ...


Renderable = dict[str, Any] | HasPayload


def payload_of(result: Renderable) -> dict[str, Any]:
    """The schema-1 payload of an assessment, or the payload dict itself."""
    if isinstance(result, dict):
        return result
    if isinstance(result, HasPayload):
        return result.to_payload()
    raise TypeError(f"payload must be a dict (JSON schema 1), not {type(result).__name__}")


SECTIONS: tuple[Section, ...] = (
    cover.cover,
    cover.summary,
    cover.scope,
    imports.imported_files,
    tiers.distribution,
    tiers.below_entry,
    elimination.elimination,
    tiers.tier_table,
    measures.measures,
    measures.mac_curve,
    methods.methods,
    methods.catalog_and_verification,
    methods.sign_off,
    appendix.inputs,
    appendix.rejected,
    appendix.data_sources,
)


def _canvas_class(
    footer: str,
    page_label: str,
    data: bytes | None,
    description: str,
    stamp: FixedTimeStamp,
    doc_id: bytes,
    extra: tuple[tuple[str, bytes, str], ...] = (),
) -> type[Canvas]:
    """A canvas that defers pages so the footer can say 'page n / N', attaches the payload on save,
    and takes its dates and /ID from the payload (the same inputs give the same bytes)."""

    class ReportCanvas(Canvas):  # type: ignore[misc, unused-ignore]  # reportlab: no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._doc._timeStamp = stamp
            self._doc._ID = doc_id

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for n, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(n, total)
                super().showPage()
            if data is not None or extra:
                files = [(attachment.ATTACHMENT_NAME, data, description)] if data is not None else []
                attachment.embed_files(self, files + list(extra))
            super().save()

        def _footer(self, n: int, total: int) -> None:
            w, _h = self._pagesize
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setStrokeColorRGB(0.6, 0.6, 0.6)
            self.setLineWidth(0.4)
            self.line(PAGE_MARGIN, PAGE_MARGIN - 4, w - PAGE_MARGIN, PAGE_MARGIN - 4)
            self.drawString(PAGE_MARGIN, PAGE_MARGIN - 13, footer)
            self.drawRightString(w - PAGE_MARGIN, PAGE_MARGIN - 13, page_label.format(n=n, total=total))
            self.restoreState()

    return ReportCanvas


class _SteppedDoc(SimpleDocTemplate):  # type: ignore[misc, unused-ignore]  # reportlab: no type hints
    """Calls ``step(flowables left in the story)`` before laying out each flowable (a split table: each
    page's part); ``step(None)`` for the parts of a flowable handled inside another."""

    def __init__(self, *args: Any, step: Callable[[int | None], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._step = step
        self._story: list[Flowable] | None = None

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        self._story = flowables
        super().build(flowables, *args, **kwargs)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if self._step is not None:
            self._step(len(flowables) if flowables is self._story else None)
        super().handle_flowable(flowables)


def _section_steps(
    progress: Callable[[int, int], None] | None, story_ends: list[int]
) -> Callable[[int | None], None]:
    """``step(flowables left)`` -> progress in sections: len(SECTIONS) steps to build them, as many to
    lay them out. ``story_ends[i]`` is the story length after section i; a section is laid out once
    every flowable up to its end has left the story."""
    n = len(SECTIONS)
    consumed = [0]

    def step(left: int | None) -> None:
        if progress is None:
            return
        if left is not None:  # max: a split table puts its parts back into the story
            consumed[0] = max(consumed[0], story_ends[-1] - left)
        progress(n + sum(1 for end in story_ends if end <= consumed[0]), 2 * n)

    return step


def _with_logo_bytes(options: ReportOptions) -> ReportOptions:
    """Options whose logo is read once into bytes: what is drawn is what is embedded."""
    if options.logo_data or not options.logo_path:
        return options
    try:
        data = Path(options.logo_path).read_bytes()
    except OSError as exc:
        raise ReportError(
            _("The logo file {path} is not a readable PNG or JPEG image.").format(path=options.logo_path)
        ) from exc
    return replace(options, logo_data=data)


def render_bytes(
    payload: Renderable,
    lang: str = "zh",
    options: ReportOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    written_by: str | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> bytes:
    """The PDF of an assessment (services.Assessment or its schema-1 payload) in `lang` ('zh' or 'en'),
    as bytes.

    Deterministic: the same payload, options and language give the same bytes (dates from the
    payload's ``generated_at``, /ID from its digest). The embedded payload carries the report's
    options (``report`` section) so ``rerender`` can render it again.
    ``progress(done, total)`` counts sections (built, then laid out) and is also called before every
    flowable; an exception it raises (e.g. services.Cancelled) stops the render.
    ``written_by``: the software version recorded in the report section (default: this version); a
    re-render keeps the one of the file, so an older report whose layout did not change stays identical.
    `attachments`: further (name, bytes, description) files to embed, e.g. the signature block.
    """
    payload = payload_of(payload)
    options = _with_logo_bytes(options or ReportOptions())
    lang = normalise_language(lang)
    # the JSON form of the payload is rendered, so a re-render from the attachment sees the same values
    # (payload_bytes of `base` is `part` again: JSON text read and written back is the same text)
    part = attachment.payload_bytes(reproduce.assessment_part(payload))
    base = json.loads(part)
    report_id = options.report_id or ("RD-" + attachment.digest(part)[:12].upper())
    report_part = reproduce.report_section(options, lang, report_id, written_by)
    data = attachment.with_key(part, reproduce.REPORT_KEY, report_part)
    data_sha = attachment.digest(data)
    sha = data_sha if options.embed_payload else None
    view = result_from_payload(base)
    buffer = io.BytesIO()
    with use_language(lang):
        styles = Styles(lang)
        story_ends: list[int] = []
        doc = _SteppedDoc(
            buffer,
            step=_section_steps(progress, story_ends),
            pagesize=A4,
            leftMargin=PAGE_MARGIN,
            rightMargin=PAGE_MARGIN,
            topMargin=PAGE_MARGIN - 4,
            bottomMargin=PAGE_MARGIN + 2,
            title=_("Energy-efficiency retrofit assessment"),
            author=str(as_dict(view.header.get("enterprise")).get("name") or ""),
            subject=report_id,
            creator="Retrofit Desktop",
            initialFontName=FONT,
            keywords=(attachment.KEYWORD_PREFIX + sha) if sha else "",
            lang="zh-CN" if lang == "zh" else "en",
            invariant=1,  # no clock, no random ids; dates and /ID are set by the canvas below
        )
        ctx = ReportContext(
            payload=view,
            lang=lang,
            options=options,
            styles=styles,
            report_id=report_id,
            sha256=sha,
            width=doc.width,
        )
        story: list[Flowable] = []
        for i, section in enumerate(SECTIONS):
            if progress is not None:
                progress(i, 2 * len(SECTIONS))
            story += section(ctx)
            story_ends.append(len(story))
        footer = _("{title} · report {id}").format(
            title=_("Energy-efficiency retrofit assessment"), id=report_id
        )
        description = _("Inputs, factors and results of report {id}; SHA-256 {sha}").format(
            id=report_id, sha=sha
        )
        stamp = reproduce.FixedTimeStamp(reproduce.assessment_time(base))
        canvas_cls = _canvas_class(
            footer,
            _("page {n} / {total}"),
            data if sha else None,
            description,
            stamp,
            reproduce.document_id(data_sha),
            tuple(attachments),
        )
        doc.build(story, canvasmaker=canvas_cls)
        if progress is not None:
            progress(2 * len(SECTIONS), 2 * len(SECTIONS))
    return buffer.getvalue()


def render_report(
    payload: Renderable,
    out_path: str | os.PathLike[str],
    lang: str = "zh",
    options: ReportOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> Path:
    """Write the PDF report of an assessment (services.Assessment or its schema-1 payload) to `out_path`
    in `lang` ('zh' or 'en'); returns the path.

    Missing optional parts of the payload are omitted; missing numbers print as '—'. The payload is
    attached as retrofit-payload.json and its SHA-256 printed on the cover and stored in the metadata.
    ``progress(done, total)``: see render_bytes; an exception it raises (e.g. services.Cancelled)
    stops the render and leaves no file (the PDF is rendered in memory, then written).
    """
    out = Path(out_path)
    data = render_bytes(payload, lang=lang, options=options, progress=progress, attachments=attachments)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)  # never leave a half-written report under the real name
    finally:
        tmp.unlink(missing_ok=True)
    return out


def rerender(pdf_payload: Mapping[str, Any], signature: bytes | None = None) -> bytes:
    """The PDF bytes of a report re-rendered from its embedded payload (inputs, results and options);
    `signature`: the file's retrofit-signature.json, embedded as it was (signature.py checks it)."""
    section = pdf_payload.get(reproduce.REPORT_KEY)
    options, lang = reproduce.options_from_section(section)
    version = section.get("software_version") if isinstance(section, Mapping) else None
    extra = (signature_attachment(signature, lang),) if signature is not None else ()
    return render_bytes(
        reproduce.assessment_part(pdf_payload),
        lang=lang,
        options=options,
        written_by=str(version) if version else None,
        attachments=extra,
    )
