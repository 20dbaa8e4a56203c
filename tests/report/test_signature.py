"""Signed reports: keygen files, the signature block, and verify against trusted keys (services level)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import logging
import os
import stat
import zlib

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from retrofit_desktop import i18n, services
from retrofit_desktop.report import ReportOptions, render_report
from retrofit_desktop.report.pagetext import page_texts
from retrofit_desktop.report.signature import SIGNATURE_NAME, embedded_files, make_block
from retrofit_desktop.report.signing_keys import load_private_key, load_public_key, parse_public_key

INVENTORY = (
    "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor\n"
    "M1,空压机电机,motor,55,4,93.0,6000,0.75\n"
    "M4,水泵电机,motor,30,4,95.0,4000,0.7\n"
)


@pytest.fixture(autouse=True)
def _english():
    with i18n.use_language("en"):  # reasons are matched in English
        yield


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Two signers (alice, bob), two reports signed by alice (different prices), one unsigned render."""
    d = tmp_path_factory.mktemp("signing")
    csv = d / "inventory.csv"
    csv.write_text(INVENTORY, encoding="utf-8")
    alice = services.generate_signing_key(d / "alice", "张三 / 某某节能咨询公司")
    bob = services.generate_signing_key(d / "bob", "Bob")
    payload_a = services.assess_file(csv, services.AssessOptions(price_cny_per_kwh=0.65))
    payload_b = services.assess_file(csv, services.AssessOptions(price_cny_per_kwh=0.80))
    a = services.write_report(payload_a, d / "a.pdf", sign_key=d / "alice")
    b = services.write_report(payload_b, d / "b.pdf", sign_key=d / "alice")
    signer_options = ReportOptions(signer_name=alice.name, signer_fingerprint=alice.fingerprint)
    unsigned_same_cover = render_report(payload_a, d / "a_unsigned.pdf", options=signer_options)
    return dataclasses.make_dataclass("Made", ["dir", "alice", "bob", "payload_a", "a", "b", "unsigned"])(
        d, alice, bob, payload_a, a, b, unsigned_same_cover
    )


# -- keys ---------------------------------------------------------------------------------------
def test_keygen_writes_a_0600_pem_and_a_pub_with_the_sha256_fingerprint(made):
    key_file = made.dir / "alice"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pub = load_public_key(made.dir / "alice.pub")
    assert pub.raw == raw and pub.name == "张三 / 某某节能咨询公司"
    digest = hashlib.sha256(raw).hexdigest()  # independent: SHA-256 of the raw key, 16 groups of 4 hex digits
    assert pub.fingerprint == "SHA256:" + " ".join(digest[i : i + 4] for i in range(0, 64, 4))
    assert f"key: ed25519 {base64.b64encode(raw).decode()}" in (made.dir / "alice.pub").read_text(
        encoding="utf-8"
    )


def test_key_file_is_created_0600_exclusively_even_with_an_open_umask(tmp_path, monkeypatch):
    calls = []
    real_open = os.open

    def spy(path, flags, mode=0o777, *a, **kw):
        calls.append((str(path), flags, mode))
        return real_open(path, flags, mode, *a, **kw)

    monkeypatch.setattr(os, "open", spy)
    old = os.umask(0)
    try:
        services.generate_signing_key(tmp_path / "k", "K")
    finally:
        os.umask(old)
    ((path, flags, mode),) = [c for c in calls if c[0] == str(tmp_path / "k")]
    assert mode == 0o600 and flags & os.O_CREAT and flags & os.O_EXCL  # born 0600, never opened wider
    assert stat.S_IMODE(os.stat(tmp_path / "k").st_mode) == 0o600


def test_keygen_never_overwrites_a_key_or_a_pub(tmp_path):
    services.generate_signing_key(tmp_path / "k", "K")
    before = (tmp_path / "k").read_bytes()
    with pytest.raises(services.SigningError, match="already exists"):
        services.generate_signing_key(tmp_path / "k", "other")
    assert (tmp_path / "k").read_bytes() == before
    (tmp_path / "lonely.pub").write_text("x", encoding="utf-8")
    with pytest.raises(services.SigningError, match="lonely.pub already exists"):
        services.generate_signing_key(tmp_path / "lonely", "L")
    assert not (tmp_path / "lonely").exists()


def test_an_edited_pub_file_is_refused(made, tmp_path):
    text = (made.dir / "bob.pub").read_text(encoding="utf-8")
    other = (made.dir / "alice.pub").read_text(encoding="utf-8").splitlines()[2]  # alice's key line
    forged = "\n".join(other if line.startswith("key:") else line for line in text.splitlines())
    with pytest.raises(ValueError, match="fingerprint line does not match"):
        parse_public_key(forged, "bob.pub")


# -- signing ------------------------------------------------------------------------------------
def test_signing_changes_no_page_text_and_the_cover_names_the_signer(made):
    signed, unsigned = page_texts(made.a), page_texts(made.unsigned)
    assert signed == unsigned
    assert made.alice.name in signed[0] and made.alice.fingerprint in signed[0]
    assert SIGNATURE_NAME in embedded_files(made.a) and SIGNATURE_NAME not in embedded_files(made.unsigned)


def test_the_signature_block_is_deterministic_and_covers_payload_and_pages(made, tmp_path):
    again = services.write_report(made.payload_a, tmp_path / "again.pdf", sign_key=made.dir / "alice")
    block = embedded_files(made.a)[SIGNATURE_NAME]
    assert embedded_files(again)[SIGNATURE_NAME] == block  # Ed25519 is deterministic
    data = json.loads(block)
    files = embedded_files(made.a)
    assert data["payload_sha256"] == hashlib.sha256(files["retrofit-payload.json"]).hexdigest()
    assert len(data["page_sha256"]) == len(page_texts(made.a)) >= 2
    assert data["fingerprint"] == made.alice.fingerprint and data["signer"] == made.alice.name


# -- verify -------------------------------------------------------------------------------------
def test_signed_report_verifies_against_its_trusted_key(made):
    res = services.verify_report(made.a, trusted=[made.dir / "alice.pub"])
    assert res.ok, res.differences
    s = res.signature
    assert (s.present, s.valid, s.trusted, s.trusted_name) == (True, True, True, made.alice.name)


def test_without_trusted_keys_verify_says_who_claims_to_have_signed(made):
    res = services.verify_report(made.a)
    assert res.ok
    assert (res.signature.present, res.signature.valid, res.signature.trusted) == (True, True, None)
    assert res.signature.fingerprint == made.alice.fingerprint and "not checked" in res.signature.reason


def test_an_untrusted_key_fails(made):
    res = services.verify_report(made.a, trusted=[made.dir / "bob.pub"])
    assert not res.ok and res.signature.valid and res.signature.trusted is False
    assert any("not among the trusted keys" in d for d in res.differences)


def test_a_folder_of_pub_files(made, tmp_path):
    folder = tmp_path / "trusted"
    folder.mkdir()
    (folder / "bob.pub").write_bytes((made.dir / "bob.pub").read_bytes())
    (folder / "notes.txt").write_text("not a key", encoding="utf-8")  # ignored: not .pub
    assert not services.verify_report(made.a, trusted=[folder]).ok
    (folder / "alice.pub").write_bytes((made.dir / "alice.pub").read_bytes())
    assert services.verify_report(made.a, trusted=[folder]).ok
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(services.SigningError, match="holds no .pub files"):
        services.verify_report(made.a, trusted=[empty])


def _overlay_page(pdf, page_index: int, text: str, out):
    """A copy of `pdf` with `text` drawn on one page (the attachments, signature included, kept)."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf)
    c.drawString(100, 100, text)
    c.save()
    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    writer.pages[page_index].merge_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


def test_a_page_edited_after_signing_fails_and_is_named(made, tmp_path):
    edited = _overlay_page(made.a, 1, "Investment 1 CNY", tmp_path / "edited.pdf")
    assert SIGNATURE_NAME in embedded_files(edited)  # the block itself is intact
    res = services.verify_report(edited, trusted=[made.dir / "alice.pub"])
    assert not res.ok and res.signature.present and not res.signature.valid
    assert "page(s) 2" in res.signature.reason


def test_a_signature_block_from_another_report_fails(made, tmp_path):
    block_b = embedded_files(made.b)[SIGNATURE_NAME]
    options = ReportOptions(signer_name=made.alice.name, signer_fingerprint=made.alice.fingerprint)
    swapped = render_report(
        made.payload_a,
        tmp_path / "swapped.pdf",
        options=options,
        attachments=((SIGNATURE_NAME, block_b, "x"),),
    )
    res = services.verify_report(swapped, trusted=[made.dir / "alice.pub"])
    assert not res.ok and not res.signature.valid and "payload SHA-256" in res.signature.reason


def test_a_removed_signature_reads_unsigned_and_fails_with_trust(made):
    res = services.verify_report(made.unsigned)
    assert res.ok and not res.signature.present and res.signature.trusted is None
    res = services.verify_report(made.unsigned, trusted=[made.dir / "alice.pub"])
    assert not res.ok and res.signature.trusted is False and "not signed" in res.signature.reason


def test_re_signing_alices_report_with_bobs_key_fails_on_the_cover(made, tmp_path):
    """Bob signs exactly alice's payload and pages: a valid Ed25519 signature, but the cover names alice."""
    key, bob = load_private_key(made.dir / "bob")
    files = embedded_files(made.a)
    pages = [hashlib.sha256(t.encode()).hexdigest() for t in page_texts(made.a)]
    block = make_block(key, bob, hashlib.sha256(files["retrofit-payload.json"]).hexdigest(), pages)
    options = ReportOptions(signer_name=made.alice.name, signer_fingerprint=made.alice.fingerprint)
    forged = render_report(
        made.payload_a, tmp_path / "forged.pdf", options=options, attachments=((SIGNATURE_NAME, block, "x"),)
    )
    res = services.verify_report(forged, trusted=[made.dir / "bob.pub"])
    assert not res.ok and "cover does not name" in res.signature.reason


def test_an_edited_signer_name_breaks_the_signature(made, tmp_path):
    block = json.loads(embedded_files(made.a)[SIGNATURE_NAME])
    block["signer"] = "Someone else"
    options = ReportOptions(signer_name=made.alice.name, signer_fingerprint=made.alice.fingerprint)
    edited = render_report(
        made.payload_a,
        tmp_path / "renamed.pdf",
        options=options,
        attachments=((SIGNATURE_NAME, json.dumps(block).encode(), "x"),),
    )
    res = services.verify_report(edited)
    assert not res.ok and "signature does not match" in res.signature.reason


# -- no key material anywhere -------------------------------------------------------------------
def _secrets(key_file) -> list[bytes]:
    pem = key_file.read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    body = b"".join(line for line in pem.splitlines() if not line.startswith(b"-----"))
    return [raw, raw.hex().encode(), base64.b64encode(raw), body, body[:40]]


def _inflated_streams(data: bytes) -> bytes:
    out = [data]
    for start in range(len(data)):  # crude but thorough: every zlib stream in the file, decompressed
        if data[start : start + 2] in (b"x\x9c", b"x\xda", b"x\x01", b"x^"):
            try:
                out.append(zlib.decompressobj().decompress(data[start:]))
            except zlib.error:
                pass
    return b"\n".join(out)


def test_no_private_key_material_in_the_pdf_the_log_or_the_results(made, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    out = services.write_report(made.payload_a, tmp_path / "logged.pdf", sign_key=made.dir / "alice")
    res = services.verify_report(out, trusted=[made.dir / "alice.pub"])
    texts = [
        _inflated_streams(out.read_bytes()),
        caplog.text.encode(),
        json.dumps(res.signature.to_json()).encode(),
    ]
    with pytest.raises(services.SigningError) as bad:  # an error about the key file does not quote it
        services.write_report(made.payload_a, tmp_path / "x.pdf", sign_key=made.dir / "alice.pub")
    texts.append(str(bad.value).encode())
    for secret in _secrets(made.dir / "alice"):
        for text in texts:
            assert secret not in text


def test_signing_reports_its_steps_and_cancel_leaves_no_file(made, tmp_path):
    seen = []
    services.write_report(
        made.payload_a,
        tmp_path / "p.pdf",
        sign_key=made.dir / "alice",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [(d, t) for d, t in seen if t == 3] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    fractions = [d / t for d, t in seen]
    assert fractions == sorted(fractions) and len(seen) > 5  # the two renders report inside their steps
    for stage in (1, 2):  # Cancel before signing, and after signing before the signed file is written
        state = {"stop": False}

        def progress(done, total, state=state, stage=stage):
            state["stop"] = state["stop"] or (total == 3 and done >= stage)

        out = tmp_path / f"cancelled{stage}.pdf"
        with pytest.raises(services.Cancelled):
            services.write_report(
                made.payload_a,
                out,
                sign_key=made.dir / "alice",
                progress=progress,
                cancelled=lambda state=state: state["stop"],
            )
        assert not out.exists() and not list(tmp_path.glob(f".cancelled{stage}*"))


def test_verify_re_renders_a_signed_report_byte_for_byte(made):
    """The signer is in the embedded report options and the re-render embeds the file's signature block,
    so verify's re-render of a signed report is byte-identical (pages and attachments alike)."""
    from retrofit_desktop.report import read_embedded_payload

    section = read_embedded_payload(made.a)["report"]
    assert (section["signer_name"], section["signer_fingerprint"]) == (
        made.alice.name,
        made.alice.fingerprint,
    )
    res = services.verify_report(made.a, trusted=[made.dir / "alice.pub"])
    assert res.ok and res.pages["identical"], res.differences


def test_a_swapped_signature_block_is_caught_by_the_signature_not_the_pages(made, tmp_path):
    block_b = embedded_files(made.b)[SIGNATURE_NAME]
    options = ReportOptions(signer_name=made.alice.name, signer_fingerprint=made.alice.fingerprint)
    swapped = render_report(
        made.payload_a,
        tmp_path / "swapped2.pdf",
        options=options,
        attachments=((SIGNATURE_NAME, block_b, "x"),),
    )
    res = services.verify_report(swapped)
    assert not res.ok and any(d.startswith("signature:") for d in res.differences)


def test_the_same_inputs_and_key_give_the_same_signed_bytes(made, tmp_path):
    again = services.write_report(made.payload_a, tmp_path / "again.pdf", sign_key=made.dir / "alice")
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(made.a.read_bytes()).hexdigest()
