"""The report commands, called directly and once through a real process."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

import pytest
from test_reports_helpers import make_decision, pdf_text

from models.base import ModelError
from reports import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_db(seeded, db, tmp_path):
    """The seeded database plus decision 07/QĐ-UBND, closed so the commands open it themselves."""
    make_decision(seeded)
    db.close()
    return tmp_path / "test.todan"


def test_list_decisions(demo_db):
    out = io.StringIO()
    assert cli.list_decisions(demo_db, stream=out) == 2
    lines = out.getvalue().splitlines()
    assert "07/QĐ-UBND\t05/01/2026\tGiấy khen của Chủ tịch UBND cấp xã\t3" in lines
    number, date, form, count = lines[0].split("\t") if lines[0].startswith("125") else lines[1].split("\t")
    assert (number, form, count) == ("125/QĐ-UBND", "Giấy khen của Chủ tịch UBND cấp xã", "2")
    assert date.startswith("10/01/")


def test_report_certificates(demo_db, tmp_path):
    out = tmp_path / "gk.pdf"
    msg = io.StringIO()
    assert cli.report_certificates(demo_db, "07/QĐ-UBND", out, stream=msg) == 3
    assert len(pdf_text(out)) == 3
    assert msg.getvalue() == f"Đã ghi 3 trang giấy khen của Quyết định số 07/QĐ-UBND vào {out}.\n"


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx"])
def test_report_commendation_list(demo_db, tmp_path, suffix):
    out = tmp_path / f"ds{suffix}"
    cli.report_commendation_list(demo_db, "07/QĐ-UBND", out, stream=io.StringIO())
    assert out.stat().st_size > 1000


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda d, t: cli.report_certificates(d, "404/QĐ-UBND", t / "x.pdf"),
            "Không tìm thấy quyết định số 404/QĐ-UBND.",
        ),
        (
            lambda d, t: cli.report_certificates(d, "07/QĐ-UBND", t / "x.docx"),
            "Không ghi được tệp x.docx: chỉ hỗ trợ đuôi .pdf.",
        ),
        (
            lambda d, t: cli.report_commendation_list(d, "07/QĐ-UBND", t / "x.csv"),
            "Không ghi được tệp x.csv: chỉ hỗ trợ đuôi .pdf, .docx hoặc .xlsx.",
        ),
        (
            lambda d, t: cli.report_commendation_list(d, "07/QĐ-UBND", t / "no" / "x.pdf"),
            "Không có thư mục {t}/no để ghi tệp x.pdf.",
        ),
        (
            lambda d, t: cli.list_decisions(t / "missing.todan"),
            "Không tìm thấy tệp dữ liệu {t}/missing.todan.",
        ),
        (lambda d, t: cli.list_decisions(t), "{t} là một thư mục, không phải tệp dữ liệu của Tổ Dân."),
    ],
)
def test_bad_input_is_a_model_error(demo_db, tmp_path, call, message):
    with pytest.raises(ModelError) as err:
        call(demo_db, tmp_path)
    assert err.value.message == message.format(t=tmp_path)
    assert "\n" not in err.value.message


def test_not_a_database(tmp_path):
    junk = tmp_path / "junk.todan"
    junk.write_text("không phải cơ sở dữ liệu")
    with pytest.raises(ModelError, match="không phải là cơ sở dữ liệu của Tổ Dân"):
        cli.list_decisions(junk)


def test_parser_wiring(demo_db, tmp_path):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    cli.add_report_commands(sub)
    cli.add_list_commands(sub)
    args = parser.parse_args(
        [
            "report",
            "commendation-list",
            "--db",
            str(demo_db),
            "--decision",
            "07/QĐ-UBND",
            "--out",
            str(tmp_path / "a.xlsx"),
        ]
    )
    assert args.func is cli._cmd_commendation_list
    assert args.func(args) == 0 and (tmp_path / "a.xlsx").exists()
    args = parser.parse_args(["list", "decisions", "--db", str(demo_db)])
    assert args.func is cli._cmd_list_decisions


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reports.cli", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_subprocess_exit_status(demo_db, tmp_path):
    out = tmp_path / "gk.pdf"
    done = _run("report", "certificates", "--db", str(demo_db), "--decision", "07/qđ-ubnd", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Đã ghi 3 trang giấy khen" in done.stdout
    assert len(pdf_text(out)) == 3
    bad = _run("report", "certificates", "--db", str(demo_db), "--decision", "1/QĐ-UBND", "--out", str(out))
    assert bad.returncode == 2
    assert bad.stderr == "Lỗi: Không tìm thấy quyết định số 1/QĐ-UBND.\n"
    listed = _run("list", "decisions", "--db", str(demo_db))
    assert listed.returncode == 0 and "07/QĐ-UBND\t05/01/2026" in listed.stdout


def test_register_shares_report_and_list_with_other_modules(demo_db, tmp_path):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    other = cli.command_kinds(sub, "report", "in")  # another module's report kinds, added first
    other.add_parser("summary").set_defaults(func="summary")
    cli.register(sub)
    assert cli.command_kinds(sub, "report", "in") is other
    assert parser.parse_args(["report", "summary"]).func == "summary"
    args = parser.parse_args(
        [
            "report",
            "certificates",
            "--db",
            str(demo_db),
            "--decision",
            "07/QĐ-UBND",
            "--out",
            str(tmp_path / "g.pdf"),
        ]
    )
    assert args.func(args) == 0 and len(pdf_text(tmp_path / "g.pdf")) == 3


def test_app_entry_point_when_wired(demo_db, monkeypatch, capsys):
    """Through app.py's own main once reports.cli is one of its command modules."""
    app = pytest.importorskip("app")
    if not hasattr(app, "COMMAND_MODULES"):
        pytest.skip("app.py has no COMMAND_MODULES hook")
    monkeypatch.setattr(app, "COMMAND_MODULES", tuple(dict.fromkeys((*app.COMMAND_MODULES, "reports.cli"))))
    assert app.main(["list", "decisions", "--db", str(demo_db)]) == 0
    assert "07/QĐ-UBND\t05/01/2026" in capsys.readouterr().out
    assert (
        app.main(["report", "certificates", "--db", str(demo_db), "--decision", "9/X", "--out", "x.pdf"]) == 2
    )
    assert capsys.readouterr().err == "Lỗi: Không tìm thấy quyết định số 9/X.\n"
