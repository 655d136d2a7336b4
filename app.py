"""Tổ Dân: start the program, or run one of its commands.

    python app.py [--db PATH]                  open the program
    python app.py init --db PATH --unit CODE [--level commune|province]
    python app.py demo PATH [--scale commune|province] [--seed N]
    python app.py backup --db PATH --out FILE
    python app.py restore --db PATH FILE
    python app.py check --db PATH

Exit status 0 on success, 2 on bad input with a one-line Vietnamese message.
Qt is imported only when a window is opened, so commands start quickly.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

APP_NAME = "Tổ Dân"


class CommandError(Exception):
    """Bad input from the command line: printed as one line, exit status 2."""


def user_database_path() -> Path:
    """The user's own database, in the data folder of the platform."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        folder = base / "ToDan"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Application Support" / "ToDan"
    else:
        folder = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "todan"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "todan.todan"


def _cmd_init(args: argparse.Namespace) -> int:
    from models.base import ModelError
    from models.db import init_database
    from models.enums import Level
    from models.units import find_unit

    level = Level(args.level) if args.level else None
    unit = find_unit(args.unit, level)
    if unit is None:
        what = "tỉnh, thành phố" if level is Level.PROVINCE else "xã, phường, đặc khu hoặc tỉnh, thành phố"
        raise CommandError(f"Mã đơn vị {args.unit} không có trong danh mục {what} sau ngày 01/07/2025.")
    try:
        init_database(args.db, unit, level or unit.level).close()
    except ModelError as exc:
        raise CommandError(exc.message) from exc
    print(f"Đã tạo cơ sở dữ liệu {args.db} cho {unit.full_name} ({unit.code}).")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from models.base import ModelError
    from models.demo import build_demo

    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if total > 1:
            print(f"\r  {done}/{total} xã, phường", end="", file=sys.stderr, flush=True)

    try:
        build_demo(args.path, scale=args.scale, seed=args.seed, progress=progress)
    except ModelError as exc:
        raise CommandError(exc.message) from exc
    if args.scale != "commune":
        print(file=sys.stderr)
    print(f"Đã tạo dữ liệu mẫu {args.path} (quy mô {args.scale}, seed {args.seed}) "
          f"trong {time.perf_counter() - started:.1f} giây.")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from models.backups import check_file
    from models.db import backup_to, open_database

    problem = check_file(args.db)
    if problem:
        raise CommandError(problem)
    db = open_database(args.db, create=False)
    try:
        backup_to(args.out)
    except OSError as exc:
        raise CommandError(f"Không ghi được tệp sao lưu {args.out}: {exc.strerror}.") from exc
    finally:
        db.close()
    print(f"Đã sao lưu {args.db} vào {args.out}.")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from models.backups import check_file, restore
    from models.base import ModelError
    from models.db import open_database
    from models.lock import WriterLock

    problem = check_file(args.db)
    if problem:
        raise CommandError(problem)
    try:
        with WriterLock(args.db):
            db = open_database(args.db, create=False)
            try:
                safety = restore(args.db, args.file)
            finally:
                db.close()
            # The restored copy may be of an older schema: opening migrates it.
            open_database(args.db, create=False).close()
    except ModelError as exc:
        raise CommandError(exc.message) from exc
    print(f"Đã khôi phục {args.db} từ {args.file}. Bản trước khi khôi phục được giữ tại {safety}.")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from models.backups import check_file, newest_good_backup

    problem = check_file(args.db)
    if problem:
        good = newest_good_backup(args.db)
        hint = f" Bản sao lưu tốt gần nhất: {good}." if good else ""
        raise CommandError(problem + hint)
    print(f"Tệp {args.db} nguyên vẹn.")
    return 0


def _open_window(args: argparse.Namespace) -> int:
    from ui.app import run

    if args.self_test:
        return _self_test(args, run)
    return run(Path(args.db) if args.db else user_database_path())


def _self_test(args: argparse.Namespace, run) -> int:
    """Hidden ``--self-test SHOT.png``, for checking a built bundle (tests/test_dist.py):
    open the program offscreen on --db (or the user's database), wait until its
    first window is shown and idle, save a screenshot, print its title, close it.
    Exit 0 only if a window was shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    import ui.app

    app = QApplication.instance() or QApplication(sys.argv)
    shown: list[str] = []
    deadline = time.monotonic() + 60

    def poll() -> None:
        window = QApplication.activeModalWidget() or ui.app._current_window
        if window is None or not window.isVisible():
            if time.monotonic() < deadline:
                QTimer.singleShot(50, poll)
            else:
                app.exit(1)
            return
        QThreadPool.globalInstance().waitForDone(60_000)  # the background integrity check
        app.processEvents()
        window.grab().save(args.self_test)
        shown.append(window.windowTitle())
        print(f"Tự kiểm tra: đã hiện cửa sổ {type(window).__name__} «{window.windowTitle()}» "
              f"{window.width()}x{window.height()}, ảnh chụp {args.self_test}.")
        window.reject() if isinstance(window, QDialog) else window.close()

    QTimer.singleShot(0, poll)
    code = run(Path(args.db) if args.db else user_database_path())
    return code if shown else 1


# Modules that add their own commands: each has ``register(subparsers)``.
# Their handlers raise models.base.ModelError for bad input (exit status 2).
COMMAND_MODULES: tuple[str, ...] = ("reports.cli", "exchange.excel_cli", "reports.list_cli", "exchange.cli",
                                   "reports.activity_cli")
# The commands each module adds: a command line that names one loads only its
# modules (loading them all costs ~0.1 s, which every command would pay).
MODULE_COMMANDS: dict[str, tuple[str, ...]] = {
    "reports.cli": ("report", "list"),
    "exchange.excel_cli": ("import-excel",),
    "reports.list_cli": ("list",),
    "exchange.cli": ("keys", "export", "import"),
    "reports.activity_cli": ("list",),
}


def _modules_for(argv: list[str] | None) -> list[str]:
    words = list(sys.argv[1:] if argv is None else argv)
    command = None
    while words:
        word = words.pop(0)
        if word in ("--db", "--self-test"):
            words[:1] = []  # the option's value
        elif not word.startswith("-"):
            command = word
            break
    unknown = [m for m in COMMAND_MODULES if m not in MODULE_COMMANDS]
    if command is None:
        # Opening the window needs none of them; --help lists them all.
        wants_help = any(w in ("-h", "--help") for w in (sys.argv[1:] if argv is None else argv))
        return list(COMMAND_MODULES) if wants_help else unknown
    chosen = [m for m in COMMAND_MODULES if command in MODULE_COMMANDS.get(m, ())]
    # A command of app.py itself needs none; a mistyped one lists them all in the error.
    built_in = command in ("init", "backup", "restore", "check", "demo")
    return chosen + unknown if chosen or built_in else list(COMMAND_MODULES)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="app.py", description="Tổ Dân: quản lý tổ dân phố, không cần mạng.")
    parser.add_argument("--db", help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng)")
    parser.add_argument("--self-test", metavar="SHOT.png", help=argparse.SUPPRESS)
    parser.set_defaults(func=_open_window)
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")

    p = sub.add_parser("init", help="tạo cơ sở dữ liệu trống cho một đơn vị")
    p.add_argument("--db", required=True, help="tệp cơ sở dữ liệu sẽ tạo")
    p.add_argument("--unit", required=True, help="mã đơn vị hành chính (xã: 5 chữ số, tỉnh: 2 chữ số)")
    p.add_argument("--level", choices=["commune", "province"], help="cấp của văn phòng")
    p.set_defaults(func=_cmd_init)

    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu vào một tệp")
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True, help="tệp sao lưu sẽ tạo (ví dụ trên USB)")
    p.set_defaults(func=_cmd_backup)

    p = sub.add_parser("restore", help="khôi phục cơ sở dữ liệu từ một bản sao lưu")
    p.add_argument("--db", required=True)
    p.add_argument("file", help="tệp sao lưu")
    p.set_defaults(func=_cmd_restore)

    p = sub.add_parser("check", help="kiểm tra tệp cơ sở dữ liệu có nguyên vẹn không")
    p.add_argument("--db", required=True)
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("demo", help="tạo cơ sở dữ liệu mẫu")
    p.add_argument("path", help="tệp cơ sở dữ liệu mẫu sẽ tạo")
    p.add_argument("--scale", choices=["commune", "province"], default="commune")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=_cmd_demo)

    import importlib

    for name in _modules_for(argv):
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from models.base import ModelError

    args = build_parser(argv).parse_args(argv)
    try:
        return args.func(args)
    except CommandError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except ModelError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of a list (`| head`) stopped early: nothing is wrong.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # The bundle is its own interpreter: a batch import's helper process starts through it.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
