"""Commands ``keys``, ``export`` and ``import`` (registered by app.py).

The passphrase comes from the environment variable TODAN_PASSPHRASE when set,
otherwise it is asked for. Bad input raises ModelError: exit status 2.
"""

from __future__ import annotations

import argparse
import getpass
import os

from models.base import ModelError

PASSPHRASE_ENV = "TODAN_PASSPHRASE"


def read_passphrase(prompt: str = "Mật khẩu bảo vệ khóa: ", twice: bool = False) -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value
    try:
        first = getpass.getpass(prompt)
        if twice and getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise ModelError("Hai lần nhập mật khẩu không giống nhau; hãy chạy lại lệnh.")
    except (EOFError, KeyboardInterrupt) as exc:
        raise ModelError(f"Chưa nhập mật khẩu bảo vệ khóa; hãy đặt biến môi trường {PASSPHRASE_ENV} "
                         "hoặc chạy lệnh trong cửa sổ dòng lệnh.") from exc
    return first


def _open(path: str):
    from models.backups import check_file
    from models.db import open_database

    problem = check_file(path)
    if problem:
        raise ModelError(problem)
    return open_database(path, create=False)


def _cmd_keys(args: argparse.Namespace) -> int:
    from models import db as dbmod
    from models.lock import WriterLock

    from . import keys as K

    if args.make_escrow:
        if not args.escrow_private:
            raise ModelError("Hãy cho biết tệp giữ khóa bí mật dự phòng (--escrow-private TỆP).")
        card = K.make_escrow(args.make_escrow, args.escrow_private, read_passphrase(twice=True))
        print(f"Đã tạo khóa dự phòng. Thẻ khóa: {args.make_escrow}; dấu vân tay: {card.fingerprint}. "
              f"Cất tệp {args.escrow_private} ở nơi an toàn, không để trên máy văn phòng.")
        return 0
    if not args.db:
        raise ModelError("Hãy cho biết tệp cơ sở dữ liệu (--db TỆP).")
    with WriterLock(args.db):
        db = _open(args.db)
        try:
            home = dbmod.home_unit()
            level = dbmod.home_level()
            if home is None or level is None:
                raise ModelError("Cơ sở dữ liệu chưa chọn đơn vị; hãy chọn đơn vị trước khi tạo khóa.")
            if args.create or (args.export_card and K.office_key() is None):
                key = K.create_office_keys(home.code, read_passphrase(twice=True))
                print(f"Đã tạo khóa cho {home.full_name}. Dấu vân tay: {key.fingerprint}")
            if args.export_card:
                card = K.export_card(args.export_card, home.full_name, level.value)
                print(f"Đã ghi thẻ khóa {args.export_card}. Dấu vân tay: {card.fingerprint}")
            if args.register:
                card = K.read_card(args.register)
                who = "khóa dự phòng" if card.escrow else f"{card.name} ({card.unit_code})"
                print(f"Thẻ khóa của {who}. Dấu vân tay: {card.fingerprint}")
                typed = args.fingerprint
                if typed is None:
                    try:
                        typed = input("Gọi điện cho văn phòng gửi, đọc đối chiếu rồi gõ lại dấu vân tay để xác nhận: ")
                    except EOFError as exc:
                        raise ModelError("Chưa xác nhận dấu vân tay; hãy chạy lại lệnh với --fingerprint.") from exc
                K.register_card(card, typed)
                print(f"Đã đăng ký thẻ khóa của {who}.")
            if args.show or not (args.create or args.export_card or args.register):
                key = K.office_key()
                print(f"Khóa của văn phòng: {key.fingerprint if key else 'chưa tạo'}")
                for p in K.partners():
                    name = "Khóa dự phòng" if p.role == "escrow" else f"{p.name} ({p.unit_code})"
                    print(f"  {name}: {p.fingerprint}, đăng ký ngày {p.registered_at:%d/%m/%Y}")
        finally:
            db.close()
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from models.lock import WriterLock

    from .export import export_package

    with WriterLock(args.db):
        db = _open(args.db)
        try:
            result = export_package(args.out, read_passphrase(), to=args.to, since_last=args.since_last)
        finally:
            db.close()
    kind = "đầy đủ" if result.full else "các thay đổi"
    print(f"Đã xuất gói {result.path} ({kind}, số {result.sequence}, {result.total} bản ghi) "
          f"cho đơn vị {result.recipient}.")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from models.lock import WriterLock

    from .merge import import_packages

    def run() -> int:
        db = _open(args.db)
        try:
            escrow = None
            if args.escrow_key:
                from .keys import open_escrow

                escrow = open_escrow(args.escrow_key, read_passphrase("Mật khẩu của khóa dự phòng: "))
            batch = import_packages(args.files, "" if escrow else read_passphrase(), db_path=args.db,
                                    dry_run=args.dry_run, skip_refused=args.skip_refused, escrow_key=escrow)
        finally:
            db.close()
        print(batch.text())
        if args.dry_run:
            print("Chạy thử: cơ sở dữ liệu không thay đổi.")
            # The real import would be refused unless told to leave those packages out.
            return 2 if batch.refused and not args.skip_refused else 0
        names = ", ".join(r.package for r in batch.results)
        print(f"Đã nhập {len(batch.results)} gói ({names}). Bản sao lưu trước khi nhập: {batch.backup}")
        return 0

    if args.dry_run:
        return run()
    with WriterLock(args.db):
        return run()


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keys", help="khóa của văn phòng và thẻ khóa của văn phòng khác")
    p.add_argument("--db", help="tệp cơ sở dữ liệu")
    p.add_argument("--create", action="store_true", help="tạo cặp khóa của văn phòng")
    p.add_argument("--export-card", metavar="TỆP", help="ghi thẻ khóa công khai của văn phòng này")
    p.add_argument("--register", metavar="TỆP", help="đăng ký thẻ khóa của văn phòng khác (hoặc khóa dự phòng)")
    p.add_argument("--fingerprint", help="dấu vân tay đã đối chiếu qua điện thoại (để xác nhận khi đăng ký)")
    p.add_argument("--show", action="store_true", help="xem khóa và các thẻ đã đăng ký")
    p.add_argument("--make-escrow", metavar="TỆP_THẺ", help="tạo khóa dự phòng (giữ ngoại tuyến ở tỉnh)")
    p.add_argument("--escrow-private", metavar="TỆP", help="tệp khóa bí mật dự phòng sẽ tạo")
    p.set_defaults(func=_cmd_keys)

    p = sub.add_parser("export", help="xuất gói dữ liệu ra USB")
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True, help="tệp .tdx hoặc thư mục USB")
    p.add_argument("--to", help="mã đơn vị nhận (xã gửi lên tỉnh của mình nếu bỏ trống)")
    p.add_argument("--since-last", action="store_true", help="chỉ các thay đổi từ gói trước gửi cho đơn vị này")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("import", help="nhập gói dữ liệu từ USB")
    p.add_argument("--db", required=True)
    p.add_argument("files", nargs="+", metavar="TỆP",
                   help="các tệp gói .tdx, hoặc thư mục chứa chúng (nhập cùng lúc, sau một bản sao lưu)")
    p.add_argument("--dry-run", action="store_true", help="chạy thử: chỉ xem tóm tắt, không thay đổi dữ liệu")
    p.add_argument("--skip-refused", action="store_true",
                   help="bỏ qua các gói bị từ chối và nhập các gói còn lại (mặc định: không nhập gói nào)")
    p.add_argument("--escrow-key", metavar="TỆP",
                   help="mở gói bằng khóa dự phòng (khi văn phòng đã mất mật khẩu bảo vệ khóa của mình)")
    p.set_defaults(func=_cmd_import)


__all__ = ["PASSPHRASE_ENV", "read_passphrase", "register"]

