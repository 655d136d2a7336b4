"""Catalogues written by the province and sent down: group types, meeting
topics, recommendation categories, commendation forms."""

from __future__ import annotations

import uuid

import peewee as pw

from .base import TrackedModel

# The standard entries get the same uuid in every office, so that a catalogue
# sent down from the province updates them instead of adding twins.
_NAMESPACE = uuid.UUID("6f1d7c1e-3b7a-4f0e-9a57-2b1f5d0c7a11")


def standard_uuid(model: type[TrackedModel], code: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{model._meta.table_name}:{code}")


class GroupType(TrackedModel):
    code = pw.CharField(max_length=32, unique=True)
    name = pw.CharField()
    holds_meetings = pw.BooleanField(default=True)
    sort_order = pw.IntegerField(default=0)


class MeetingTopic(TrackedModel):
    code = pw.CharField(max_length=32, unique=True)
    name = pw.CharField()
    # A topic fixed for one group type (the four of a "tổ dân phòng liên kết").
    group_type = pw.ForeignKeyField(GroupType, null=True, backref="fixed_topics")


class RecommendationCategory(TrackedModel):
    code = pw.CharField(max_length=32, unique=True)
    name = pw.CharField()
    sort_order = pw.IntegerField(default=0)


class CommendationForm(TrackedModel):
    code = pw.CharField(max_length=32, unique=True)
    name = pw.CharField()
    issuer_title = pw.CharField(default="")
    is_default = pw.BooleanField(default=False)


GROUP_TYPES = [
    ("to_dan_pho", "Tổ dân phố", True),
    ("to_dan_van", "Tổ dân vận", True),
    ("to_dan_phong_lien_ket", "Tổ dân phòng liên kết", True),
    ("to_an_ninh_tu_quan", "Tổ an ninh tự quản", False),
    ("to_hoa_giai", "Tổ hòa giải", False),
    ("to_phu_nu_nha_tro", "Tổ phụ nữ nhà trọ", False),
]

LINKED_TOPICS = [
    ("an_toan", "An toàn"),
    ("van_hoa", "Văn hóa"),
    ("khuyen_hoc", "Khuyến học"),
    ("nong_dan", "Nông dân"),
]

MEETING_TOPICS = [
    ("pho_bien_phap_luat", "Phổ biến chính sách, pháp luật"),
    ("an_ninh_trat_tu", "An ninh trật tự"),
    ("ve_sinh_moi_truong", "Vệ sinh môi trường"),
    ("xay_dung_doi_song_van_hoa", "Xây dựng đời sống văn hóa"),
    ("van_dong_quy", "Vận động đóng góp quỹ"),
    ("lay_y_kien", "Lấy ý kiến nhân dân"),
]

RECOMMENDATION_CATEGORIES = [
    ("dat_dai", "Đất đai"),
    ("van_hoa_xa_hoi", "Văn hóa - xã hội"),
    ("an_ninh_quoc_phong", "An ninh - quốc phòng"),
    ("moi_truong", "Môi trường"),
    ("giao_thong", "Giao thông"),
    ("chinh_sach_an_sinh", "Chính sách - an sinh"),
    ("khac", "Khác"),
]

COMMENDATION_FORMS = [
    ("giay_khen_ct_xa", "Giấy khen của Chủ tịch UBND cấp xã", "CHỦ TỊCH", True),
    ("giay_khen_mttq_xa", "Giấy khen của Ban Thường trực UBMTTQ cấp xã", "TM. BAN THƯỜNG TRỰC", False),
    ("bang_khen_ct_tinh", "Bằng khen của Chủ tịch UBND cấp tỉnh", "CHỦ TỊCH", False),
    ("giay_khen_dang_uy", "Giấy khen của Đảng ủy cấp xã", "BÍ THƯ", False),
]


def seed_catalogues(owner_unit: str) -> None:
    """The standard catalogues a new database starts with."""
    for order, (code, name, meets) in enumerate(GROUP_TYPES):
        GroupType.create(code=code, name=name, holds_meetings=meets, sort_order=order, owner_unit=owner_unit,
                         uuid=standard_uuid(GroupType, code))
    linked = GroupType.get(GroupType.code == "to_dan_phong_lien_ket")
    for code, name in LINKED_TOPICS:
        MeetingTopic.create(code=code, name=name, group_type=linked, owner_unit=owner_unit,
                            uuid=standard_uuid(MeetingTopic, code))
    for code, name in MEETING_TOPICS:
        MeetingTopic.create(code=code, name=name, owner_unit=owner_unit, uuid=standard_uuid(MeetingTopic, code))
    for order, (code, name) in enumerate(RECOMMENDATION_CATEGORIES):
        RecommendationCategory.create(code=code, name=name, sort_order=order, owner_unit=owner_unit,
                                      uuid=standard_uuid(RecommendationCategory, code))
    for code, name, title, default in COMMENDATION_FORMS:
        CommendationForm.create(code=code, name=name, issuer_title=title, is_default=default, owner_unit=owner_unit,
                                uuid=standard_uuid(CommendationForm, code))
