"""Test helper: write a minimal .xls (a raw BIFF8 stream without the OLE container, which xlrd reads).

No .xls writer is installed (xlwt is not a dependency), so tests build the records themselves:
BOF, CODEPAGE (UTF-16), FONT, XF, BOUNDSHEET, EOF; per sheet BOF, DIMENSIONS, LABEL, NUMBER, EOF.
"""

from __future__ import annotations

import struct


def _rec(rtype, data):
    return struct.pack("<HH", rtype, len(data)) + data


def _ustr16(s):
    b = s.encode("utf-16-le")
    return struct.pack("<HB", len(s), 1) + b


def _ustr8(s):
    b = s.encode("utf-16-le")
    return struct.pack("<BB", len(s), 1) + b


def write_xls(path, sheets):
    """sheets: list of (name, rows). Minimal raw BIFF8 stream (no OLE container), which xlrd reads."""
    bof_glob = _rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 1997, 0, 0x06))
    codepage = _rec(0x0042, struct.pack("<H", 1200))
    xf = _rec(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    xf_cell = _rec(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    font = _rec(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + _ustr8("Arial"))
    head = bof_glob + codepage + font * 5 + xf * 15 + xf_cell
    bounds_len = sum(len(_rec(0x0085, struct.pack("<IBB", 0, 0, 0) + _ustr8(n))) for n, _ in sheets)
    eof = _rec(0x000A, b"")
    offset = len(head) + bounds_len + len(eof)
    bodies, bounds = [], b""
    for name, rows in sheets:
        body = _rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 1997, 0, 0x06))
        ncols = max((len(r) for r in rows), default=0)
        body += _rec(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, ncols, 0))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, int | float):
                    body += _rec(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))
                else:
                    body += _rec(0x0204, struct.pack("<HHH", r, c, 15) + _ustr16(str(v)))
        body += eof
        bounds += _rec(0x0085, struct.pack("<IBB", offset, 0, 0) + _ustr8(name))
        bodies.append(body)
        offset += len(body)
    with open(path, "wb") as fh:
        fh.write(head + bounds + eof + b"".join(bodies))
