"""The ``retrofit`` command line (design.md "CLI contract").

Exit codes: 0 done (rejected rows are reported, not fatal); 1 ``--strict`` and something was
rejected, or ``verify`` found a difference; 2 bad usage or an unreadable input file; 3 an internal
error: its traceback goes to the log file (logfile.py) and the terminal gets one line naming it.
``main(argv)`` returns the exit code, so it can be called in-process.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from .cli_errors import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError
from .i18n import _, current_language, normalise_language, use_language

__all__ = ["EXIT_FAILED", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "UsageError", "build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own errors, translated prefix, exit code 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help=_("database URL or SQLite file (default: the workspace in the data dir)"),
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=_("open the database read-only; refuse every change"),
    )
    parser.add_argument(
        "--lang", choices=["zh", "en"], default=default, help=_("output language (default zh)")
    )


def _assess_options(p: argparse.ArgumentParser) -> None:
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", metavar="INVENTORY", help=_("inventory file (.xlsx, .xls, .csv)"))
    src.add_argument("--enterprise", metavar="NAME", help=_("an enterprise in the database"))
    p.add_argument("--region", help=_("region for the grid CO2 factor (e.g. hunan, 湖南, national)"))
    p.add_argument("--factor-year", type=int, metavar="YEAR", help=_("year of the grid CO2 factor"))
    p.add_argument("--price", type=float, metavar="CNY_PER_KWH", help=_("electricity price, CNY/kWh"))
    p.add_argument(
        "--target",
        choices=["energy_saving", "advanced"],
        default="energy_saving",
        help=_("tier a replacement must reach"),
    )
    p.add_argument("--discount-rate", type=float, metavar="RATE", help=_("discount rate for NPV (e.g. 0.08)"))
    p.add_argument(
        "--fuel-price", action="append", default=[], metavar="KIND=PRICE",
        help=_(
            "fuel price in CNY per canonical unit, repeatable (e.g. natural_gas=3.5 per m3, "
            "coal=900 per t)"
        ),
    )  # fmt: skip
    p.add_argument(
        "--capital-subsidy",
        type=float,
        default=0.0,
        metavar="SHARE",
        help=_("share of the investment paid by a capital subsidy (e.g. 0.2)"),
    )
    p.add_argument(
        "--tax-credit",
        action="store_true",
        help=_("count the income-tax credit for energy-saving equipment (unverified rule)"),
    )
    _edition_options(p)


def _edition_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--edition",
        choices=["in_force", "catalog"],
        default="in_force",
        help=_(
            "judge tiers by the standard edition in force on the assessment date (default) or by "
            "the edition the catalog cites"
        ),
    )
    p.add_argument(
        "--assessment-date",
        metavar="YYYY-MM-DD",
        help=_("assessment date that decides the edition in force (default today)"),
    )
    _mapping_options(p)


def _mapping_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mapping",
        metavar="JSON",
        help=_("column mapping file to read the inventory with (columns and the values it maps)"),
    )
    p.add_argument(
        "--save-mapping",
        metavar="JSON",
        help=_(
            "write the column mapping used, with every value not recognised listed under "
            '"values" to be answered, for --mapping next time'
        ),
    )


_Add = Callable[[str, str], argparse.ArgumentParser]


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    parser = _Parser(prog="retrofit", description=_("Energy-efficiency retrofit assessment (command line)"))
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    _catalog_commands(add("catalog", _("list, show or import tier catalog data")), common)
    _item_commands(add)
    _report_commands(add)
    _listing_commands(add)
    return parser


def _catalog_commands(cat: argparse.ArgumentParser, common: _Parser) -> None:
    cat_sub = cat.add_subparsers(dest="catalog_command", metavar="ACTION", parser_class=_Parser)
    cat_sub.required = True
    p: argparse.ArgumentParser = cat_sub.add_parser(
        "list", help=_("list the catalog's products"), parents=[common]
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = cat_sub.add_parser("show", help=_("show one product's schema and tier rows"), parents=[common])
    p.add_argument("product", metavar="PRODUCT")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p = cat_sub.add_parser("import", help=_("import a catalog edition pack"), parents=[common])
    p.add_argument("pack", metavar="PACK", help=_("edition pack (.csv or .xlsx)"))


def _item_commands(add: _Add) -> None:
    """classify, template, import, imports and assess."""
    p: argparse.ArgumentParser = add("classify", _("classify one item against the catalog"))
    p.add_argument("product", metavar="PRODUCT")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help=_("a parameter"))
    p.add_argument(
        "--value", action="append", default=[], metavar="INDICATOR=VALUE", help=_("an indicator value")
    )
    _edition_options(p)
    p.add_argument("--json", action="store_true", help=_("print JSON"))

    p = add("template", _("write a blank inventory template"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")

    p = add("import", _("import an inventory file into the database"))
    p.add_argument("file", metavar="INVENTORY")
    p.add_argument("--enterprise", required=True, metavar="NAME")
    p.add_argument("--strict", action="store_true", help=_("exit with 1 when a row is rejected"))
    _mapping_options(p)

    p = add(
        "imports", _("list an enterprise's imports (file, SHA-256, time, rows read / imported / rejected)")
    )
    p.add_argument("--enterprise", required=True, metavar="NAME")
    p.add_argument("--json", action="store_true", help=_("print JSON"))

    p = add("assess", _("classify and assess an inventory"))
    _assess_options(p)
    p.add_argument(
        "--json", nargs="?", const="-", metavar="FILE", help=_("write JSON to FILE (- or nothing: stdout)")
    )
    p.add_argument("--export", metavar="XLSX", help=_("export the results to an Excel file"))
    p.add_argument("--strict", action="store_true", help=_("exit with 1 when a row is rejected"))


def _report_commands(add: _Add) -> None:
    """report, verify and keygen."""
    p: argparse.ArgumentParser = add("report", _("write the PDF report of an inventory"))
    _assess_options(p)
    p.add_argument("-o", "--output", required=True, metavar="PDF")
    p.add_argument(
        "--sign", metavar="KEY", help=_("sign the report with this private key file (from 'retrofit keygen')")
    )

    p = add("verify", _("re-compute a PDF report from its embedded data and compare"))
    p.add_argument("pdf", metavar="REPORT.pdf")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.add_argument(
        "--trust",
        action="append",
        metavar="KEY.pub",
        help=_(
            "a trusted public key file or a folder of .pub files, repeatable; the report must "
            "then carry a valid signature by one of them"
        ),
    )

    p = add("keygen", _("make a key pair for signing reports"))
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="NAME",
        help=_("private key file to write (NAME.pub gets the public key)"),
    )
    p.add_argument(
        "--name", metavar="SIGNER", help=_("the signer's name or organisation shown on signed reports")
    )


def _listing_commands(add: _Add) -> None:
    """enterprises and sample."""
    p: argparse.ArgumentParser = add("enterprises", _("list the enterprises in the database"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))

    p = add("sample", _("draw a reproducible spot-check sample of an enterprise's items"))
    p.add_argument("--enterprise", required=True, metavar="NAME")
    p.add_argument("--n", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, required=True, metavar="SEED")
    p.add_argument("--json", action="store_true", help=_("print JSON"))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _early_language(argv)
    from .cli_argparse import install

    install()  # argparse's own words (usage:, options, its errors) in the CLI's language
    with use_language(lang):
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
            return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
        try:
            from . import cli_commands

            return cli_commands.run(args)
        except UsageError as exc:
            print(_("error: {message}").format(message=exc), file=sys.stderr)
            return EXIT_USAGE
        except BrokenPipeError:  # output piped into `head` and closed early: not an error
            _silence_stdout()
            return EXIT_OK
        except Exception as exc:  # a bug: the traceback to the log file, one line to the terminal
            return _internal_error(args, exc)


def _internal_error(args: argparse.Namespace, exc: Exception) -> int:
    import logging

    where = None
    try:
        from .logfile import setup_logging

        where = setup_logging()
        logging.getLogger("retrofit_desktop.cli").error(
            "internal error in 'retrofit %s'", getattr(args, "command", "?"), exc_info=exc
        )
    except Exception:  # the log file itself cannot be written: say so rather than fail again
        where = None
    if where is not None:
        message = _(
            "internal error in 'retrofit {command}' ({kind}: {error}); details were written to {path}"
        )
    else:
        message = _(
            "internal error in 'retrofit {command}' ({kind}: {error}); the log file could not be written"
        )
    print(
        message.format(command=getattr(args, "command", "?"), kind=type(exc).__name__, error=exc, path=where),
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (e.g. under pytest)
        pass


def _early_language(argv: list[str]) -> str:
    """--lang before parsing, so that help and argparse errors are in that language too."""
    lang = None
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
    try:
        return normalise_language(lang) if lang else current_language()
    except ValueError:
        return current_language()


if __name__ == "__main__":
    sys.exit(main())
