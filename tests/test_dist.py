"""The program an office installs without Python: the one-folder bundle of todan.spec.

Two kinds of test live here:

- quick ones that always run (`make test`): the icons, the one asset lookup,
  and the hidden ``--self-test`` option from source;
- the bundle's own, run from outside as an office PC would run it, only when
  ``TODAN_DIST`` names a built bundle folder. ``make dist-check`` builds one
  (``make dist``) and runs this file with ``TODAN_DIST=dist/todan``; ``make test``
  skips them, so the suite stays quick and needs no PyInstaller.

The bundle is started with a bare environment (no virtualenv on PATH, no
PYTHONPATH, HOME and the data folder in a temporary folder), offscreen.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IS_WINDOWS = sys.platform == "win32"
BUNDLE = Path(os.environ["TODAN_DIST"]).resolve() if os.environ.get("TODAN_DIST") else None

needs_bundle = pytest.mark.skipif(
    BUNDLE is None, reason="no bundle: `make dist-check` builds one and sets TODAN_DIST"
)


# -- always ---------------------------------------------------------------------------


def test_ui_and_reports_share_one_asset_lookup():
    import reports.assets
    import ui.assets

    assert ui.assets.asset_path is reports.assets.asset_path
    assert not reports.assets.is_frozen()
    for name in ("todan.png", "todan-48.png", "todan.ico"):
        assert reports.assets.asset_path("icons", name).is_file()


def test_frozen_layout_is_found_under_meipass(monkeypatch, tmp_path):
    import reports.assets

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert reports.assets.is_frozen()
    assert reports.assets.asset_path("icons", "todan.ico") == tmp_path / "_internal" / "assets" / "icons" / "todan.ico"


def test_icons_are_square_and_the_ico_has_the_sizes_windows_asks_for(qapp):
    from PySide6.QtGui import QImage

    png = QImage(str(ROOT / "assets" / "icons" / "todan.png"))
    assert png.width() == png.height() == 256
    data = (ROOT / "assets" / "icons" / "todan.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_self_test_option_shows_the_main_window_from_source(tmp_path):
    db = tmp_path / "demo.todan"
    python = [sys.executable, str(ROOT / "app.py")]
    subprocess.run([*python, "demo", str(db)], check=True, capture_output=True, timeout=120)
    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([*python, "--db", str(db), "--self-test", str(shot)], check=False, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert "MainWindow" in done.stdout and "Phường Phúc Lợi" in done.stdout
    assert shot.stat().st_size > 10_000


# -- the built bundle -------------------------------------------------------------------


def _program() -> Path:
    # On Windows the windowed todan.exe has no stdout; todan-cli.exe is the same program with a console.
    return BUNDLE / ("todan-cli.exe" if IS_WINDOWS else "todan")


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file of the folder and its content hash."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[path.relative_to(folder).as_posix()] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    return files


@pytest.fixture(scope="module")
def bundle_before() -> dict[str, str]:
    return _snapshot(BUNDLE)


@pytest.fixture
def office(tmp_path) -> dict[str, str]:
    """An environment like an office PC's: no Python on PATH, the user's folders in tmp_path."""
    env = {
        "PATH": os.pathsep.join(p for p in ("/usr/bin", "/bin", os.environ.get("SystemRoot", "")) if p),
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "APPDATA": str(tmp_path / "data"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    for name in ("SystemRoot", "TEMP", "TMP", "USERPROFILE"):
        if name in os.environ:
            env[name] = os.environ[name]
    (tmp_path / "home").mkdir()
    return env


def _user_database(tmp_path: Path) -> Path:
    return tmp_path / "data" / ("ToDan" if IS_WINDOWS else "todan") / "todan.todan"


def run(env: dict[str, str], *args: str, program: Path | None = None, cwd: Path | None = None):
    done = subprocess.run([str(program or _program()), *args], check=False, env=env, cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@needs_bundle
def test_bundle_holds_python_qt_and_assets_and_leaves_out_what_it_does_not_use(bundle_before):
    names = set(bundle_before)
    internal = [n for n in names if n.startswith("_internal/")]
    assert any(Path(n).name.lower().startswith(("libpython3", "python3")) for n in internal)
    for font in ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSans-Regular.ttf"):
        assert f"_internal/assets/fonts/{font}" in names
    assert "_internal/assets/icons/todan.png" in names
    assert not any(n.endswith(".py") for n in names if n.startswith("_internal/assets/"))
    unwanted = ("Qt6Network", "Qt6Qml", "Qt6Quick", "Qt6Pdf", "Qt6WebEngine", "tkinter", "_pytest", "pypdf")
    assert not [n for n in names if any(u in n for u in unwanted)]
    assert not [n for n in names if n.endswith((".todan", ".todan-wal", ".lock"))]
    size = sum((BUNDLE / n).stat().st_size for n in names)
    print(f"\nbundle: {len(names)} files, {size / 1e6:.0f} MB")
    assert size < 400e6


@needs_bundle
def test_bundle_starts_on_a_new_database_in_the_user_data_folder(office, tmp_path, bundle_before):
    shot = tmp_path / "first.png"
    out = run(office, "--self-test", str(shot), cwd=BUNDLE)
    # A new database asks first for the office's unit; the self-test closes the dialog.
    assert "FirstStartDialog" in out
    assert _user_database(tmp_path).is_file()
    assert shot.stat().st_size > 1_000


@needs_bundle
def test_bundle_writes_a_demo_shows_the_main_window_and_prints_certificates(office, tmp_path, bundle_before):
    from pypdf import PdfReader

    db = tmp_path / "demo.todan"
    run(office, "demo", str(db))
    shot = tmp_path / "main.png"
    out = run(office, "--db", str(db), "--self-test", str(shot))
    assert "MainWindow" in out and "Phường Phúc Lợi" in out
    assert shot.stat().st_size > 10_000

    number = run(office, "list", "decisions", "--db", str(db)).splitlines()[0].split("\t")[0]
    pdf = tmp_path / "giay-khen.pdf"
    out = run(office, "report", "certificates", "--db", str(db), "--decision", number, "--out", str(pdf))
    assert "trang giấy khen" in out

    reader = PdfReader(pdf)
    assert len(reader.pages) >= 1
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts and all("LiberationSerif" in name for name in fonts), sorted(fonts)
    for name, font in fonts.items():
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)
        assert "/FontFile2" in descriptor["/FontDescriptor"], f"{name} is not embedded"
    assert "Tặng" in reader.pages[0].extract_text()
    # Backups and locks go beside the database, never into the program folder.
    assert not (BUNDLE / "sao-luu").exists()


@needs_bundle
def test_a_newer_folder_in_place_of_the_old_one_keeps_the_records(office, tmp_path, bundle_before):
    old = tmp_path / "old" / "todan"
    shutil.copytree(BUNDLE, old, symlinks=True)
    program = old / _program().name
    _user_database(tmp_path).parent.mkdir(parents=True)
    run(office, "init", "--db", str(_user_database(tmp_path)), "--unit", "00136", program=program)
    shutil.rmtree(old)  # the office deletes the old folder and copies the new one
    out = run(office, "--self-test", str(tmp_path / "again.png"))
    assert "MainWindow" in out and "Phường Phúc Lợi" in out


@needs_bundle
def test_windows_version_information_is_made_from_the_package_version():
    import tomllib

    made = ROOT / "build" / "todan" / "version_info.txt"
    if not made.is_file():
        pytest.skip("the bundle was not built from this checkout")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    text = made.read_text(encoding="utf-8")
    assert f"StringStruct('ProductVersion', '{version}')" in text
    try:
        from PyInstaller.utils.win32.versioninfo import load_version_info_from_text_file
    except ImportError:
        return
    assert load_version_info_from_text_file(str(made)) is not None


@needs_bundle
def test_nothing_was_written_inside_the_bundle(bundle_before):
    # Last in the file: everything above ran the bundle; its folder must be as built.
    assert _snapshot(BUNDLE) == bundle_before
