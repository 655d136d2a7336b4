"""Choice columns, stored by stable English codes; Vietnamese labels live in ui/."""

from __future__ import annotations

import enum


class Level(str, enum.Enum):
    COMMUNE = "commune"
    PROVINCE = "province"


class Gender(str, enum.Enum):
    MALE = "male"
    FEMALE = "female"


class AreaKind(str, enum.Enum):
    THON = "thon"
    AP = "ap"
    BAN = "ban"
    KHOM = "khom"
    KHU_PHO = "khu_pho"
    TO_DAN_PHO = "to_dan_pho"


class Role(str, enum.Enum):
    LEADER = "leader"
    ACTING_LEADER = "acting_leader"
    DEPUTY = "deputy"
    SECRETARY = "secretary"
    MEMBER = "member"


class RecommendationState(str, enum.Enum):
    NEW = "new"
    FORWARDED = "forwarded"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    ANSWERED = "answered"
    OUT_OF_SCOPE = "out_of_scope"

    @property
    def is_closed(self) -> bool:
        return self in (self.RESOLVED, self.ANSWERED, self.OUT_OF_SCOPE)


class MediationOutcome(str, enum.Enum):
    PENDING = "pending"
    SUCCESS = "success"
    FAILURE = "failure"


class HouseholdTitleKind(str, enum.Enum):
    CULTURED_FAMILY = "cultured_family"
    THREE_NO = "three_no"


class GroupTitleKind(str, enum.Enum):
    CULTURED = "cultured"
    SAFE = "safe"
    STUDY_PROMOTION = "study_promotion"
    FARMERS = "farmers"


class UserRole(str, enum.Enum):
    ADMIN = "admin"
    CLERK = "clerk"
    VIEWER = "viewer"
