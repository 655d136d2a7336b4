"""Every model, in an order where each comes after what it references."""

from __future__ import annotations

from .areas import ResidentialArea
from .catalogues import CommendationForm, GroupType, MeetingTopic, RecommendationCategory
from .commendations import Decision, Recipient
from .coordination import CoordinationRule, RuleReview
from .funds import Fund, FundContribution, GroupBudget
from .groups import Group, Membership
from .mediation import MediationCase
from .meetings import Attendance, Meeting, MeetingTopicLink
from .packages import EXCHANGE_MODELS
from .party import PartyAssignment, PartyComment, PartyMember
from .people import Person, PersonWord
from .recommendations import Recommendation, RecommendationEvent
from .titles import GroupTitle, HouseholdTitle
from .units import AdminUnit
from .users import AuditEntry, User

MODELS = [
    AdminUnit,
    GroupType,
    MeetingTopic,
    RecommendationCategory,
    CommendationForm,
    ResidentialArea,
    Person,
    PersonWord,  # derived search index: never travels
    Group,
    Membership,
    PartyMember,
    PartyAssignment,
    PartyComment,
    Meeting,
    MeetingTopicLink,
    Attendance,
    Recommendation,
    RecommendationEvent,
    MediationCase,
    HouseholdTitle,
    GroupTitle,
    Fund,
    FundContribution,
    GroupBudget,
    CoordinationRule,
    RuleReview,
    Decision,
    Recipient,
    User,
    AuditEntry,
    *EXCHANGE_MODELS,
]
