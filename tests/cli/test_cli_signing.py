"""retrofit keygen / report --sign / verify --trust: files, messages and exit codes (0 / 1 / 2)."""

from __future__ import annotations

import os
import stat

import pytest

from retrofit_desktop.cli import main


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """keys alice and bob, and one report signed by alice (made once: rendering takes seconds)."""
    d = tmp_path_factory.mktemp("cli_signing")
    csv = d / "台账.csv"
    csv.write_text(
        "asset_tag,name,product,rated_power_kw,poles,efficiency_pct,annual_hours,load_factor\n"
        "M1,空压机电机,motor,55,4,93.0,6000,0.75\n",
        encoding="utf-8",
    )
    assert main(["keygen", "-o", str(d / "alice"), "--name", "张三 / 某某节能咨询公司"]) == 0
    assert main(["keygen", "-o", str(d / "bob")]) == 0  # name defaults to the file name
    assert main(["report", str(csv), "-o", str(d / "signed.pdf"), "--sign", str(d / "alice")]) == 0
    assert main(["report", str(csv), "-o", str(d / "plain.pdf")]) == 0
    return d


def test_keygen_files_and_refusal_to_overwrite(signed, capsys, tmp_path):
    assert stat.S_IMODE(os.stat(signed / "alice").st_mode) == 0o600
    assert (signed / "bob.pub").read_text(encoding="utf-8").splitlines()[1] == "name: bob"
    before = (signed / "alice").read_bytes()
    capsys.readouterr()
    assert main(["--lang", "en", "keygen", "-o", str(signed / "alice"), "--name", "X"]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err
    assert (signed / "alice").read_bytes() == before
    assert main(["keygen", "-o", str(tmp_path / "no" / "such" / "k")]) == 2


def test_verify_trusted_untrusted_and_unchecked(signed, capsys):
    capsys.readouterr()
    assert (
        main(["--lang", "en", "verify", str(signed / "signed.pdf"), "--trust", str(signed / "alice.pub")])
        == 0
    )
    out = capsys.readouterr().out
    assert "valid, by trusted key SHA256:" in out and "张三 / 某某节能咨询公司" in out
    assert (
        main(["--lang", "en", "verify", str(signed / "signed.pdf"), "--trust", str(signed / "bob.pub")]) == 1
    )
    assert "NOT TRUSTED" in capsys.readouterr().out
    # repeatable --trust: one of them matching is enough
    assert (
        main(
            [
                "verify",
                str(signed / "signed.pdf"),
                "--trust",
                str(signed / "bob.pub"),
                "--trust",
                str(signed / "alice.pub"),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--lang", "en", "verify", str(signed / "signed.pdf")]) == 0
    assert "not checked against a trusted key" in capsys.readouterr().out


def test_unsigned_report(signed, capsys):
    capsys.readouterr()
    assert main(["--lang", "en", "verify", str(signed / "plain.pdf")]) == 0
    assert "the report is not signed" in capsys.readouterr().out
    assert (
        main(["--lang", "en", "verify", str(signed / "plain.pdf"), "--trust", str(signed / "alice.pub")]) == 1
    )


def test_verify_json_has_the_signature_and_no_private_key(signed, capsys):
    import json

    capsys.readouterr()
    assert main(["verify", str(signed / "signed.pdf"), "--json", "--trust", str(signed)]) == 0  # a folder
    data = json.loads(capsys.readouterr().out)
    sig = data["signature"]
    assert (sig["present"], sig["valid"], sig["trusted"], sig["checked_against_trusted_keys"]) == (
        True,
        True,
        True,
        True,
    )
    assert sig["fingerprint"].startswith("SHA256:") and sig["signer"] == "张三 / 某某节能咨询公司"
    assert set(data) >= {"schema", "ok", "items_checked", "differences", "signature"}


def test_bad_key_files_are_usage_errors(signed, capsys, tmp_path):
    csv = signed / "台账.csv"
    capsys.readouterr()
    assert main(["report", str(csv), "-o", str(tmp_path / "r.pdf"), "--sign", str(tmp_path / "missing")]) == 2
    assert main(["report", str(csv), "-o", str(tmp_path / "r.pdf"), "--sign", str(signed / "alice.pub")]) == 2
    assert not (tmp_path / "r.pdf").exists()
    assert main(["verify", str(signed / "signed.pdf"), "--trust", str(csv)]) == 2  # not a .pub file
    err = capsys.readouterr().err
    assert "Traceback" not in err and "PRIVATE KEY" not in err


def _without_signature(pdf, out):
    """The signed file with retrofit-signature.json cut out of its EmbeddedFiles name tree (pypdf rewrite)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    kept = ArrayObject()
    for i in range(0, len(names), 2):
        if names[i] != "retrofit-signature.json":
            kept += [names[i], names[i + 1]]
    writer.root_object["/Names"]["/EmbeddedFiles"][NameObject("/Names")] = kept
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


def _page_overlaid(pdf, out):
    import io

    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf)
    c.drawString(80, 80, "payback 0.1 years")
    c.save()
    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


def test_signature_cut_out_of_a_signed_file(signed, capsys, tmp_path):
    from retrofit_desktop.report.signature import embedded_files

    cut = _without_signature(signed / "signed.pdf", tmp_path / "cut.pdf")
    assert set(embedded_files(cut)) == {"retrofit-payload.json"}
    capsys.readouterr()
    code = main(["--lang", "en", "verify", str(cut)])
    assert "the report is not signed" in capsys.readouterr().out
    assert code in (0, 1)  # unsigned is not itself a difference (a page check may object to the rewrite)
    assert main(["--lang", "en", "verify", str(cut), "--trust", str(signed / "alice.pub")]) == 1
    assert "a signature by a trusted key is required" in capsys.readouterr().out


def test_cover_edited_after_signing_exits_1(signed, capsys, tmp_path):
    edited = _page_overlaid(signed / "signed.pdf", tmp_path / "edited.pdf")
    capsys.readouterr()
    assert main(["--lang", "en", "verify", str(edited), "--trust", str(signed / "alice.pub")]) == 1
    assert "page(s) 1" in capsys.readouterr().out
