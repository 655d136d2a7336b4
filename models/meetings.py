"""Group meetings with their topics and attendance."""

from __future__ import annotations

import peewee as pw

from .base import BaseModel, TrackedModel
from .catalogues import MeetingTopic
from .groups import Group
from .people import Person


class Meeting(TrackedModel):
    group = pw.ForeignKeyField(Group, backref="meetings")
    held_on = pw.DateField()  # indexed first in meeting_figures
    place = pw.CharField(default="")
    chair = pw.ForeignKeyField(Person, null=True, backref="chaired_meetings")
    # Residents who came but are not members of the group.
    other_attendees = pw.IntegerField(default=0)
    # Cached count of ticked members so that yearly totals need no join.
    members_present = pw.IntegerField(default=0)
    minutes = pw.TextField(default="")

    class Meta:
        constraints = [pw.SQL("CHECK (other_attendees >= 0 AND members_present >= 0)")]

    @property
    def attendance(self) -> int:
        """Lượt người dự, as the seeds count it."""
        return self.members_present + self.other_attendees


# The composite primary key already indexes the meeting; a second index on it
# would only cost space (millions of rows at a province).
class MeetingTopicLink(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="topic_links", on_delete="CASCADE", index=False)
    topic = pw.ForeignKeyField(MeetingTopic, index=False)

    class Meta:
        primary_key = pw.CompositeKey("meeting", "topic")
        without_rowid = True


class Attendance(BaseModel):
    """A member ticked present; part of its meeting, travels with it."""

    meeting = pw.ForeignKeyField(Meeting, backref="attendances", on_delete="CASCADE", index=False)
    person = pw.ForeignKeyField(Person, backref="attendances")

    class Meta:
        primary_key = pw.CompositeKey("meeting", "person")
        without_rowid = True
