"""Build a living demo ward (or a whole province of them), deterministically.

Rows are written with ``executemany`` in one transaction per commune: the
province scale holds 600,000 people and several million attendance ticks, and
going through model instances would take far longer than a newcomer waits.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuidlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import peewee as pw

from .. import db as dbmod
from ..areas import ResidentialArea
from ..base import ModelError, database
from ..catalogues import CommendationForm, GroupType, MeetingTopic, RecommendationCategory
from ..commendations import Decision, Recipient
from ..coordination import CoordinationRule, RuleReview
from ..enums import (AreaKind, Gender, GroupTitleKind, HouseholdTitleKind, Level, MediationOutcome,
                     RecommendationState, Role)
from ..funds import Fund, FundContribution, GroupBudget
from ..groups import Group, Membership
from ..mediation import MediationCase
from ..meetings import Attendance, Meeting, MeetingTopicLink
from ..party import PartyAssignment, PartyComment, PartyMember
from ..people import Person
from ..recommendations import Recommendation, RecommendationEvent
from ..text import fold, sort_key
from ..titles import GroupTitle, HouseholdTitle
from ..units import AdminUnit, OfficialUnit, communes_of, find_unit
from . import names as N


@dataclass(frozen=True)
class Scale:
    communes: int
    groups: int  # per commune
    people: int
    party_members: int
    recommendations: int
    years: int = 3


SCALES = {
    "tiny": Scale(communes=1, groups=12, people=240, party_members=48, recommendations=36, years=2),
    "commune": Scale(communes=1, groups=200, people=4000, party_members=800, recommendations=600),
    "province": Scale(communes=150, groups=200, people=4000, party_members=800, recommendations=600),
}

# Phúc Lợi ward (Hà Nội), whose coordination rules seed 000 describes; and
# Thanh Hóa, one of the provinces with more than 150 communes.
DEMO_COMMUNE = "00136"
DEMO_PROVINCE = "38"

# Group types: share of groups; those that meet monthly make about 2,400
# meetings per commune over three years, as design.md's commune scale says.
TYPE_SHARES = [
    ("to_dan_pho", 0.14), ("to_dan_van", 0.12), ("to_dan_phong_lien_ket", 0.14),
    ("to_an_ninh_tu_quan", 0.26), ("to_hoa_giai", 0.16), ("to_phu_nu_nha_tro", 0.18),
]


def _weighted(pairs: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    values, weights, total = [], [], 0
    for value, weight in pairs:
        total += weight
        values.append(value)
        weights.append(total)
    return values, weights


_FAMILIES = _weighted(N.FAMILY_NAMES)
_ETHNICITIES = _weighted(N.ETHNICITIES)
_RELIGIONS = _weighted(N.RELIGIONS)


class _Writer:
    """Collects rows per model and writes them with executemany."""

    def __init__(self, rng: random.Random, stamp: str):
        self.rng = rng
        self.stamp = stamp
        self.rows: dict[type[pw.Model], list[tuple]] = {}
        self.columns: dict[type[pw.Model], list[str]] = {}
        self.next_id: dict[type[pw.Model], int] = {}
        # Citizen numbers follow the person's serial; communes built in separate
        # databases of one province get separate serial ranges.
        self.serial_base = 0

    def uuid(self) -> str:
        return uuidlib.UUID(int=self.rng.getrandbits(128), version=4).hex

    def add(self, model: type[pw.Model], owner: str, deleted: str | None = None, **values: Any) -> int:
        """Queue one row; tracked columns are filled in. Returns its id."""
        new_id = self.next_id.get(model, 0) + 1
        self.next_id[model] = new_id
        values = {"id": new_id, **values}
        if "uuid" in model._meta.fields:
            values.update(uuid=self.uuid(), owner_unit=owner, rev=1, updated_at=self.stamp, deleted_at=deleted)
        self._queue(model, values)
        return new_id

    def link(self, model: type[pw.Model], **values: Any) -> None:
        self._queue(model, values)

    def _queue(self, model: type[pw.Model], values: dict[str, Any]) -> None:
        cols = self.columns.setdefault(model, list(values))
        self.rows.setdefault(model, []).append(tuple(values[c] for c in cols))

    def flush(self) -> None:
        conn = database.connection()
        from ..registry import MODELS

        for model in MODELS:  # parents before children, for the foreign keys
            rows = self.rows.pop(model, None)
            if not rows:
                continue
            cols = self.columns[model]
            # Rows are keyed by column name (area_id, not area); a typo fails here.
            names = ", ".join(f'"{model._meta.columns[c].column_name}"' for c in cols)
            marks = ", ".join("?" for _ in cols)
            conn.executemany(f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})', rows)


def _d(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


class _CommuneBuilder:
    """All the records of one commune."""

    def __init__(self, w: _Writer, unit: OfficialUnit, scale: Scale, today: dt.date, catalog: dict[str, Any]):
        self.w, self.unit, self.scale, self.today, self.cat = w, unit, scale, today, catalog
        self.rng = w.rng
        self.code = unit.code
        self.first_year = today.year - scale.years + 1
        self.urban = unit.name.startswith("Phường")

    def build(self) -> None:
        self._areas()
        self._people()
        self._groups()
        self._party()
        self._meetings()
        self._recommendations()
        self._mediation()
        self._titles()
        self._funds()
        self._coordination()
        self._commendations()

    # -- helpers
    def _date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def _name(self, gender: Gender, family: str | None = None) -> str:
        r = self.rng
        family = family or r.choices(_FAMILIES[0], cum_weights=_FAMILIES[1])[0]
        if gender is Gender.MALE:
            return f"{family} {r.choice(N.MALE_MIDDLE)} {r.choice(N.MALE_GIVEN)}"
        middle = r.choice(N.FEMALE_MIDDLE)
        if middle == "Thị" and r.random() < 0.25:
            middle += " " + r.choice(["Hải", "Ngọc", "Thanh", "Minh", "Thu", "Kim"])
        return f"{family} {middle} {r.choice(N.FEMALE_GIVEN)}"

    # -- areas
    def _areas(self) -> None:
        r = self.rng
        count = max(2, self.scale.groups // 12)
        self.areas: list[tuple[int, str]] = []
        words = r.sample(N.PLACE_WORDS, k=min(count, len(N.PLACE_WORDS)))
        for i in range(count):
            if self.urban:
                # Groups of the "tổ dân phố" type live in these quarters, so the
                # quarters themselves are not called "tổ dân phố" here.
                kind, name = AreaKind.KHU_PHO, f"Khu phố {i + 1}"
            else:
                kind = r.choice([AreaKind.THON, AreaKind.AP, AreaKind.KHOM])
                label = {AreaKind.THON: "Thôn", AreaKind.AP: "Ấp", AreaKind.KHOM: "Khóm"}[kind]
                name = f"{label} {words[i]}" if i < len(words) else f"{label} {i + 1}"
            head = self._name(r.choice([Gender.MALE, Gender.FEMALE]))
            area_id = self.w.add(ResidentialArea, self.code, name=name, kind=kind.value,
                                 commune_code=self.code, front_head_name=head, dissolved_on=None)
            self.areas.append((area_id, name))

    # -- people and households
    def _people(self) -> None:
        r, w = self.rng, self.w
        self.people: list[dict[str, Any]] = []
        self.heads: list[int] = []
        prov = int(self.unit.province_code)
        while len(self.people) < self.scale.people:
            area_id, area_name = r.choice(self.areas)
            family = r.choices(_FAMILIES[0], cum_weights=_FAMILIES[1])[0]
            size = min(r.choice([1, 2, 3, 3, 4, 4, 5, 6]), self.scale.people - len(self.people))
            street = r.choice(N.STREETS)
            address = (f"Số {r.randint(1, 199)}, đường {street}, {area_name}" if self.urban
                       else f"{area_name}, {self.unit.name}")
            head_id = None
            for k in range(size):
                gender = Gender.MALE if (k == 0 and r.random() < 0.75) or (k > 0 and r.random() < 0.5) else Gender.FEMALE
                name = self._name(gender, family if (k == 0 or k >= 2) else None)
                age = r.randint(25, 85) if k < 2 else r.randint(1, 40)
                year = self.today.year - age
                birth = None if r.random() < 0.2 else dt.date(year, r.randint(1, 12), r.randint(1, 28))
                serial = w.next_id.get(Person, 0) + 1 + w.serial_base
                id_number = None
                if age >= 14:
                    century = (0 if year < 2000 else 2) + (0 if gender is Gender.MALE else 1)
                    # 7919 is prime to 10**6, so distinct serials give distinct numbers.
                    id_number = f"{prov:03d}{century}{year % 100:02d}{serial * 7919 % 1_000_000:06d}"
                phone = f"0{r.choice([3, 7, 8, 9])}{r.randint(10_000_000, 99_999_999)}" if age >= 16 and r.random() < 0.8 else ""
                person_id = w.add(
                    Person, self.code, full_name=name, search_name=fold(name), sort_key=sort_key(name),
                    gender=gender.value, birth_year=year, birth_date=_d(birth), id_number=id_number,
                    phone=phone, address=address, ethnicity=r.choices(_ETHNICITIES[0], cum_weights=_ETHNICITIES[1])[0],
                    religion=r.choices(_RELIGIONS[0], cum_weights=_RELIGIONS[1])[0],
                    occupation="Học sinh" if age < 18 else r.choice(N.OCCUPATIONS),
                    area_id=area_id, household_head_id=head_id, erased_at=None,
                )
                if head_id is None:
                    head_id = person_id
                    self.heads.append(person_id)
                self.people.append({"id": person_id, "name": name, "area": area_id, "age": age})
        self.adults_by_area: dict[int, list[dict[str, Any]]] = {}
        for p in self.people:
            if p["age"] >= 18:
                self.adults_by_area.setdefault(p["area"], []).append(p)

    # -- groups and memberships
    def _groups(self) -> None:
        r, w = self.rng, self.w
        self.groups: list[dict[str, Any]] = []
        counters: dict[str, int] = {}
        start = dt.date(self.first_year - 2, 1, 1)
        for i in range(self.scale.groups):
            type_code = r.choices([t for t, _ in TYPE_SHARES], [s for _, s in TYPE_SHARES])[0]
            gtype = self.cat["types"][type_code]
            area_id, area_name = self.areas[i % len(self.areas)]
            counters[type_code] = counters.get(type_code, 0) + 1
            name = f"{gtype['name']} số {counters[type_code]} – {area_name}"
            founded = self._date_between(start, dt.date(self.first_year, 6, 30))
            dissolved = None
            if r.random() < 0.03:
                dissolved = self._date_between(max(founded + dt.timedelta(days=400), dt.date(self.first_year, 1, 1)),
                                               self.today)
            horizon = dissolved or self.today
            gid = w.add(Group, self.code, name=name, search_name=fold(name), area_id=area_id,
                        group_type_id=gtype["id"], founded_on=_d(founded), dissolved_on=_d(dissolved))
            pool = self.adults_by_area.get(area_id) or [p for p in self.people if p["age"] >= 18]
            members = r.sample(pool, k=min(len(pool), r.randint(12, 24)))
            group = {"id": gid, "type": type_code, "area": area_id, "founded": founded,
                     "dissolved": dissolved, "members": [m["id"] for m in members], "name": name}
            # A former leader whose term ended the day before the current one began.
            leader, deputy, secretary = members[0], members[1], members[2]
            took_office = self._date_between(founded, horizon - dt.timedelta(days=200))
            if r.random() < 0.3 and (took_office - founded).days > 60:
                w.add(Membership, self.code, group_id=gid, person_id=members[3]["id"], role=Role.LEADER.value,
                      start_date=_d(founded), end_date=_d(took_office - dt.timedelta(days=1)))
            if r.random() < 0.04:
                # An interim leader appointed until the group elects one.
                w.add(Membership, self.code, group_id=gid, person_id=leader["id"], role=Role.ACTING_LEADER.value,
                      start_date=_d(self.today - dt.timedelta(days=r.randint(30, 240))), end_date=None)
            else:
                w.add(Membership, self.code, group_id=gid, person_id=leader["id"], role=Role.LEADER.value,
                      start_date=_d(took_office), end_date=_d(dissolved))
            w.add(Membership, self.code, group_id=gid, person_id=deputy["id"], role=Role.DEPUTY.value,
                  start_date=_d(took_office), end_date=_d(dissolved))
            w.add(Membership, self.code, group_id=gid, person_id=secretary["id"], role=Role.SECRETARY.value,
                  start_date=_d(took_office), end_date=_d(dissolved))
            for m in members[4:]:
                joined = self._date_between(founded, horizon - dt.timedelta(days=30))
                left = self._date_between(joined, horizon) if r.random() < 0.05 else dissolved
                w.add(Membership, self.code, group_id=gid, person_id=m["id"], role=Role.MEMBER.value,
                      start_date=_d(joined), end_date=_d(left))
            group["leader"] = leader
            self.groups.append(group)

    # -- party members
    def _party(self) -> None:
        r, w = self.rng, self.w
        adults = [p for p in self.people if p["age"] >= 22]
        leaders = [g["leader"] for g in self.groups]
        # About a quarter of the leaders are party members, as the seeds count.
        chosen = {p["id"]: p for p in leaders if r.random() < 0.28}
        for p in r.sample(adults, k=min(len(adults), self.scale.party_members * 2)):
            if len(chosen) >= self.scale.party_members:
                break
            chosen.setdefault(p["id"], p)
        self.party: list[int] = []
        self.party_living: list[int] = []
        prov = int(self.unit.province_code)
        area_names = dict(self.areas)
        for person in chosen.values():
            admitted = self._date_between(dt.date(self.today.year - min(person["age"] - 18, 50), 1, 1),
                                          self.today - dt.timedelta(days=400))
            lives_here = r.random() < 0.25
            area_name = area_names[person["area"]]
            pm = w.add(PartyMember, self.code, person_id=person["id"],
                       card_number=f"{prov:02d}.{r.randint(0, 999_999):06d}",
                       admitted_on=_d(admitted), official_on=_d(admitted + dt.timedelta(days=365)),
                       party_cell=f"Chi bộ {area_name}",
                       workplace_org=r.choice(N.WORKPLACES) if lives_here else "",
                       lives_here=lives_here, excused=r.random() < 0.05)
            self.party.append(pm)
            if lives_here:
                self.party_living.append(pm)
        # More than half of the active groups have a party member looking after them.
        for g in self.groups:
            if g["dissolved"] is None and r.random() < 0.55:
                w.add(PartyAssignment, self.code, party_member_id=r.choice(self.party), group_id=g["id"],
                      start_date=_d(self._date_between(g["founded"], self.today - dt.timedelta(days=90))),
                      end_date=None)

    # -- meetings
    def _meetings(self) -> None:
        r, w = self.rng, self.w
        self.meetings: list[tuple[int, int, dt.date]] = []
        linked_topics = self.cat["linked_topics"]
        general_topics = self.cat["topics"]
        for g in self.groups:
            if not self.cat["types"][g["type"]]["meets"]:
                continue
            for year in range(self.first_year, self.today.year + 1):
                for month in range(1, 13):
                    held = dt.date(year, month, r.randint(5, 25))
                    if held > self.today or held < g["founded"] or (g["dissolved"] and held > g["dissolved"]):
                        continue
                    if r.random() < 0.06:
                        continue  # a month without a meeting
                    present = [m for m in g["members"] if r.random() < 0.72]
                    others = r.randint(0, 25)
                    mid = w.add(Meeting, self.code, group_id=g["id"], held_on=_d(held),
                                place=r.choice(["Nhà văn hóa", "Nhà tổ trưởng", "Hội trường khu dân cư"]),
                                chair_id=g["leader"]["id"], other_attendees=others,
                                members_present=len(present),
                                minutes=f"Họp tổ tháng {month:02d}/{year}: quán triệt nội dung, "
                                        f"{len(present) + others} người dự.")
                    topics = linked_topics if g["type"] == "to_dan_phong_lien_ket" else r.sample(general_topics, k=r.randint(1, 3))
                    for t in topics:
                        w.link(MeetingTopicLink, meeting_id=mid, topic_id=t)
                    for pid in present:
                        w.link(Attendance, meeting_id=mid, person_id=pid)
                    self.meetings.append((mid, g["id"], held))

    # -- recommendations
    def _recommendations(self) -> None:
        r, w = self.rng, self.w
        states = list(RecommendationState)
        order = [RecommendationState.NEW, RecommendationState.FORWARDED, RecommendationState.IN_PROGRESS]
        categories = self.cat["categories"]
        for i in range(self.scale.recommendations):
            cat_code, cat_id = categories[i % len(categories)]
            state = states[i % len(states)] if i < len(states) * 2 else r.choices(states, [1, 2, 2, 5, 3, 1])[0]
            raised = self._date_between(dt.date(self.first_year, 1, 1), self.today - dt.timedelta(days=3))
            meeting = r.choice(self.meetings) if self.meetings and r.random() < 0.6 else None
            group_id = meeting[1] if meeting else r.choice(self.groups)["id"]
            if meeting:
                raised = meeting[2]
            due = raised + dt.timedelta(days=r.choice([15, 30, 45, 60]))
            if i >= len(states) * 2 and not state.is_closed and (self.today - raised).days > 120 and r.random() < 0.9:
                # Most old recommendations have long been settled; a few stay overdue.
                state = r.choice([RecommendationState.RESOLVED, RecommendationState.ANSWERED])
            closed = self._date_between(raised, min(self.today, due + dt.timedelta(days=30))) if state.is_closed else None
            raiser = r.choice(self.people)["id"] if r.random() < 0.7 else None
            content = r.choice(N.RECOMMENDATION_TEXTS[cat_code])
            answer = ""
            if state is RecommendationState.ANSWERED:
                answer = "Đã trả lời bằng văn bản, giải thích rõ quy định hiện hành."
            elif state is RecommendationState.RESOLVED:
                answer = "Đã giải quyết dứt điểm, người dân đồng tình."
            elif state is RecommendationState.OUT_OF_SCOPE:
                answer = "Không thuộc thẩm quyền, đã hướng dẫn người dân gửi cơ quan có thẩm quyền."
            rid = w.add(Recommendation, self.code, group_id=group_id, meeting_id=meeting[0] if meeting else None,
                        raised_by_id=raiser, category_id=cat_id, content=content, raised_on=_d(raised),
                        forwarded_to="" if state is RecommendationState.NEW else r.choice(N.AUTHORITIES),
                        due_on=_d(due), state=state.value, closed_on=_d(closed), answer=answer)
            # History: every step up to the current state, dated in order.
            path = order[: order.index(state) + 1] if state in order else order + [state]
            last = closed or min(self.today, raised + dt.timedelta(days=20))
            days = sorted(self._date_between(raised, last) for _ in path[1:-1])
            for step, day in zip(path, [raised, *days, last][-len(path):]):
                w.add(RecommendationEvent, self.code, recommendation_id=rid, state=step.value,
                      on_date=_d(day if len(path) > 1 else raised), note="")

    # -- mediation
    def _mediation(self) -> None:
        r, w = self.rng, self.w
        for k in range(max(4, self.scale.groups // 7)):
            area_id, _name = r.choice(self.areas)
            opened = self._date_between(dt.date(self.first_year, 1, 1), self.today)
            # The first three cases show every outcome, even in a tiny ward.
            outcome = list(MediationOutcome)[k] if k < 3 else r.choices(list(MediationOutcome), [1, 6, 2])[0]
            a, b = r.sample(self.people, 2)
            w.add(MediationCase, self.code, area_id=area_id, group_id=None, opened_on=_d(opened),
                  parties=f"{a['name']} và {b['name']}", subject=r.choice(N.MEDIATION_SUBJECTS),
                  mediators="Tổ hòa giải " + _name, outcome=outcome.value,
                  closed_on=None if outcome is MediationOutcome.PENDING else _d(opened + dt.timedelta(days=r.randint(3, 40))))

    # -- yearly titles
    def _titles(self) -> None:
        r, w = self.rng, self.w
        for year in range(self.first_year, self.today.year + 1):
            cultured = 0.80 + 0.04 * (year - self.first_year)
            for head in self.heads:
                if r.random() < cultured:
                    w.add(HouseholdTitle, self.code, head_id=head, year=year, kind=HouseholdTitleKind.CULTURED_FAMILY.value)
                if r.random() < 0.94:
                    w.add(HouseholdTitle, self.code, head_id=head, year=year, kind=HouseholdTitleKind.THREE_NO.value)
            for g in self.groups:
                if g["dissolved"] and g["dissolved"].year <= year:
                    continue
                for kind, share in ((GroupTitleKind.CULTURED, cultured), (GroupTitleKind.SAFE, 0.7),
                                    (GroupTitleKind.STUDY_PROMOTION, 0.5)):
                    if r.random() < share:
                        w.add(GroupTitle, self.code, group_id=g["id"], area_id=None, year=year, kind=kind.value)
            for area_id, _ in self.areas:
                if r.random() < cultured:
                    w.add(GroupTitle, self.code, group_id=None, area_id=area_id, year=year,
                          kind=GroupTitleKind.CULTURED.value)

    # -- funds and budgets
    def _funds(self) -> None:
        r, w = self.rng, self.w
        for fund_id in self.cat["funds"]:
            for year in range(self.first_year, self.today.year + 1):
                for g in self.groups:
                    target = r.choice([2, 3, 5, 10]) * 1_000_000
                    w.add(FundContribution, self.code, fund_id=fund_id, group_id=g["id"], year=year,
                          target=target, raised=int(target * r.uniform(0.6, 1.3)) // 1000 * 1000)
        for year in range(self.first_year, self.today.year + 1):
            for g in self.groups:
                w.add(GroupBudget, self.code, group_id=g["id"], year=year, amount=2_000_000)

    # -- coordination rules
    def _coordination(self) -> None:
        r, w = self.rng, self.w
        heads = dict((a, n) for a, n in self.areas)
        for g in self.groups:
            if g["type"] != "to_dan_pho":
                continue
            signed = self._date_between(g["founded"], dt.date(self.first_year, 11, 15))
            rule = w.add(CoordinationRule, self.code, group_id=g["id"], signed_on=_d(signed),
                         leader_name=g["leader"]["name"], front_head_name=f"Trưởng ban CTMT {heads[g['area']]}",
                         note="Quy chế phối hợp giữa Tổ trưởng tổ dân phố và Trưởng ban công tác Mặt trận")
            for year in range(signed.year + 1, self.today.year):
                if r.random() < 0.9:
                    w.add(RuleReview, self.code, rule_id=rule, year=year,
                          reviewed_on=_d(dt.date(year, 12, r.randint(1, 20))), note="Rà soát, đánh giá thực hiện quy chế")

    # -- commendations and party comments
    def _commendations(self) -> None:
        r, w = self.rng, self.w
        unit_name = self.unit.name
        for year in range(self.first_year, self.today.year + 1):
            # Two decisions at each past year's end; this year's one so far came in the autumn.
            dates = [dt.date(year, 12, 15), dt.date(year, 12, 20)] if year < self.today.year else [
                self.today - dt.timedelta(days=20)]
            for signed in dates:
                number = f"{r.randint(100, 999)}/QĐ-UBND"
                did = w.add(Decision, self.code, number=number, signed_on=_d(signed),
                            issuer=f"ỦY BAN NHÂN DÂN {unit_name.upper()}",
                            signer_name=self._name(Gender.MALE), signer_title="CHỦ TỊCH",
                            form_id=self.cat["default_form"],
                            reason=f"Khen thưởng tập thể, cá nhân có thành tích năm {year}")
                for n, g in enumerate(r.sample(self.groups, k=min(len(self.groups), r.randint(5, 12)))):
                    w.add(Recipient, self.code, decision_id=did, person_id=None, group_id=g["id"],
                          achievement=r.choice(N.ACHIEVEMENTS).format(year=year), golden_book_no=f"{year}-{did}-{n + 1:03d}")
                for n, p in enumerate(r.sample([g["leader"] for g in self.groups], k=min(len(self.groups), r.randint(8, 20)))):
                    w.add(Recipient, self.code, decision_id=did, person_id=p["id"], group_id=None,
                          achievement=r.choice(N.ACHIEVEMENTS).format(year=year), golden_book_no=f"{year}-{did}-{n + 101:03d}")
            for pm in self.party_living if year < self.today.year else ():
                w.add(PartyComment, self.code, party_member_id=pm, year=year,
                      cell_comment="Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định nơi cư trú.",
                      front_comment="Giữ mối liên hệ tốt với nhân dân, tích cực tham gia các phong trào ở khu dân cư.",
                      written_on=_d(dt.date(year, 12, 10)))


def _catalog() -> dict[str, Any]:
    types = {t.code: {"id": t.id, "name": t.name, "meets": t.holds_meetings} for t in GroupType.select()}
    topics = list(MeetingTopic.select())
    default_form = (CommendationForm.get_or_none(CommendationForm.is_default == True)  # noqa: E712
                    or CommendationForm.select().first())
    return {
        "types": types,
        "linked_topics": [t.id for t in topics if t.group_type_id is not None],
        "topics": [t.id for t in topics if t.group_type_id is None],
        "categories": [(c.code, c.id) for c in RecommendationCategory.select().order_by(RecommendationCategory.sort_order)],
        "default_form": default_form.id,
    }


def build_demo(path: Path | str, scale: Scale | str = "commune", seed: int = 1, today: dt.date | None = None,
               progress: Callable[[int, int], None] | None = None, unit: str | None = None) -> None:
    """Write a new demo database at ``path``; the same seed and day give the same data.

    ``unit`` picks another home commune for a one-commune scale (the default
    is Phúc Lợi), e.g. several communes of one province to exchange packages."""
    scale = SCALES[scale] if isinstance(scale, str) else scale
    today = today or dt.date.today()
    path = Path(path)
    if path.exists() and path.stat().st_size:
        raise ModelError(f"Tệp {path} đã tồn tại; hãy chọn tên tệp khác.")
    # Built under another name and renamed at the end: an interrupted build
    # leaves no half-made database under the name the user asked for.
    partial = path.with_name(path.name + ".dang-tao")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    _build(partial, scale, seed, today, progress, unit)
    partial.replace(path)


def _build(path: Path, scale: Scale, seed: int, today: dt.date,
           progress: Callable[[int, int], None] | None, unit: str | None = None) -> None:
    rng = random.Random(seed)
    if scale.communes == 1:
        home = find_unit(unit or DEMO_COMMUNE, Level.COMMUNE)
        if home is None:
            raise ModelError(f"Mã đơn vị {unit} không phải là xã, phường, đặc khu sau ngày 01/07/2025.")
        level, communes = Level.COMMUNE, [home]
    else:
        home = find_unit(DEMO_PROVINCE, Level.PROVINCE)
        level = Level.PROVINCE
        communes = communes_of(DEMO_PROVINCE)[: scale.communes]
    assert home is not None
    db = dbmod.init_database(path, home, level)
    # A new file nobody else has open: no journal and no fsync while filling it.
    db.execute_sql("PRAGMA journal_mode=OFF")
    db.execute_sql("PRAGMA synchronous=OFF")
    stamp = f"{today.isoformat()} 08:00:00"
    writer = _Writer(rng, stamp)
    if unit is not None and level is Level.COMMUNE:
        siblings = [u.code for u in communes_of(home.province_code)]
        writer.serial_base = siblings.index(home.code) * 5_000
    # Continue numbering after the rows init_database already wrote.
    from ..registry import MODELS

    for model in MODELS:
        if "id" in model._meta.fields and isinstance(model._meta.primary_key, pw.AutoField):
            writer.next_id[model] = model.select(pw.fn.MAX(model.id)).scalar() or 0
    catalog = _catalog()
    catalog["funds"] = [writer.add(Fund, home.code, name=name, description=text) for name, text in (
        ("Quỹ Vì người nghèo", "Cuộc vận động ủng hộ Quỹ Vì người nghèo"),
        ("Quỹ Khuyến học", "Vận động ủng hộ Quỹ Khuyến học"))]
    with db.atomic():
        # The catalogues were stamped with the clock; the demo is stamped with its own day.
        for model in (GroupType, MeetingTopic, RecommendationCategory, CommendationForm):
            model.update(updated_at=stamp).execute()
    # Home-level rows first: at a province office each commune owns its data.
    for done, unit in enumerate(communes, start=1):
        with db.atomic():
            if level is Level.PROVINCE:
                AdminUnit.ensure(unit)
            _CommuneBuilder(writer, unit, scale, today, catalog).build()
            writer.flush()
        if progress:
            progress(done, len(communes))
    with db.atomic():
        dbmod.fill_person_words(db)
    dbmod.analyze(db)
    db.execute_sql("PRAGMA journal_mode=WAL")
    db.close()


def iter_scale_names() -> Iterable[str]:
    return (name for name in SCALES if name != "tiny")
