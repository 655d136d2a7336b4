"""The activity lists on the command line: the same rules as the screens."""

import datetime as dt

import app
from models import meeting_ops
from models.catalogues import MeetingTopic


def run(capsys, *argv):
    code = app.main(list(argv))
    out, err = capsys.readouterr()
    return code, [line.split("\t") for line in out.splitlines()], err


def test_list_terms_overdue_and_figures(seeded, tmp_path, capsys):
    path = str(tmp_path / "test.todan")
    code, rows, _ = run(capsys, "list", "terms", "--db", path, "--status", "past-due")
    assert code == 0
    assert rows[0] == ["Tổ", "Khu dân cư", "Họ và tên", "Chức danh", "Từ ngày", "Hết nhiệm kỳ", "Tình trạng"]
    assert [r[2:4] + r[5:] for r in rows[1:]] == [
        ["Trần Văn An", "Quyền tổ trưởng", "30/06/2023", "Đã quá nhiệm kỳ"],
        ["Nguyễn Thị Hải Yến", "Tổ trưởng", "31/12/2024", "Đã quá nhiệm kỳ"]]
    code, rows, _ = run(capsys, "list", "overdue", "--db", path)
    assert [r[3] for r in rows[1:]] == ["Đề nghị cấp giấy chứng nhận quyền sử dụng đất"]
    code, rows, _ = run(capsys, "list", "figures", "--db", path, "--year", str(seeded.year))
    figures = {r[0]: r[1:] for r in rows[1:] if len(r) == 3}
    assert figures["Lượt người dự sinh hoạt"] == ["7", "36"]
    assert figures["Đảng viên trực tiếp làm tổ trưởng (tỷ lệ so với số tổ)"][1] == "1 (50,00%)"
    assert rows[-1][0].startswith("# Việc cần làm: 1 kiến nghị quá hạn")


def test_list_absentees_and_a_bad_date(seeded, tmp_path, capsys):
    topic = MeetingTopic.get(MeetingTopic.code == "an_ninh_trat_tu").id
    for month in (1, 2, 3):
        meeting_ops.save_meeting(group=seeded.groups[0].id, held_on=dt.date(2025, month, 3), topics=[topic],
                                 present=[seeded.yen.id, seeded.hung.id], today=dt.date(2025, 12, 1))
    path = str(tmp_path / "test.todan")
    code, rows, _ = run(capsys, "list", "absentees", "--db", path, "--from", "01/01/2025", "--to", "30/6/2025")
    assert code == 0 and [r[0] for r in rows[1:]] == ["Đặng Văn Long"] and rows[1][2] == "3"
    code, _, err = run(capsys, "list", "absentees", "--db", path, "--from", "31/02/2025")
    assert code == 2 and "Ngày 31/02/2025 không hợp lệ" in err
