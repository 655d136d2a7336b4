"""Vietnamese labels of the enum codes stored in the database.

The data layer stores stable English codes; every word the user sees for
them lives here, in one place.
"""

from __future__ import annotations

import datetime as dt
import enum

from models.enums import (
    AreaKind,
    Gender,
    GroupTitleKind,
    HouseholdTitleKind,
    Level,
    MediationOutcome,
    RecommendationState,
    Role,
    UserRole,
)
from models.text import format_date, format_int

LABELS: dict[enum.Enum, str] = {
    Level.COMMUNE: "Cấp xã",
    Level.PROVINCE: "Cấp tỉnh",
    Gender.MALE: "Nam",
    Gender.FEMALE: "Nữ",
    AreaKind.THON: "Thôn",
    AreaKind.AP: "Ấp",
    AreaKind.BAN: "Bản",
    AreaKind.KHOM: "Khóm",
    AreaKind.KHU_PHO: "Khu phố",
    AreaKind.TO_DAN_PHO: "Tổ dân phố",
    Role.LEADER: "Tổ trưởng",
    Role.ACTING_LEADER: "Quyền tổ trưởng",
    Role.DEPUTY: "Tổ phó",
    Role.SECRETARY: "Thư ký",
    Role.MEMBER: "Thành viên",
    RecommendationState.NEW: "Mới",
    RecommendationState.FORWARDED: "Đã chuyển",
    RecommendationState.IN_PROGRESS: "Đang giải quyết",
    RecommendationState.RESOLVED: "Đã giải quyết",
    RecommendationState.ANSWERED: "Đã trả lời",
    RecommendationState.OUT_OF_SCOPE: "Không thuộc thẩm quyền",
    MediationOutcome.PENDING: "Đang hòa giải",
    MediationOutcome.SUCCESS: "Thành",
    MediationOutcome.FAILURE: "Không thành",
    HouseholdTitleKind.CULTURED_FAMILY: "Gia đình văn hóa",
    HouseholdTitleKind.THREE_NO: "Hộ \u201c3 không\u201d",
    GroupTitleKind.CULTURED: "Văn hóa",
    GroupTitleKind.SAFE: "An toàn",
    GroupTitleKind.STUDY_PROMOTION: "Khuyến học",
    GroupTitleKind.FARMERS: "Nông dân",
    UserRole.ADMIN: "Quản trị",
    UserRole.CLERK: "Cán bộ",
    UserRole.VIEWER: "Xem",
}

YES = "Có"
NO = ""
ACTIVE = "Đang hoạt động"
DISSOLVED = "Đã giải thể"
OVERDUE = "Quá hạn"


def label(value: enum.Enum | None) -> str:
    """The Vietnamese word for an enum value; empty for None."""
    if value is None:
        return ""
    return LABELS[value]


def cell_text(value: object) -> str:
    """A list value as the clerk reads it, on screen and in printed or
    exported lists: dates dd/mm/yyyy, 1.817, Vietnamese labels, "Có"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, enum.Enum):
        return label(value)
    if isinstance(value, int):
        return format_int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value)
    return str(value)
