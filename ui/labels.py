"""The Vietnamese words for stored codes live in reports.labels, shared by the
screens and the documents (reports must not import ui)."""

from reports.labels import *  # noqa: F401,F403
from reports.labels import ACTIVE, DISSOLVED, LABELS, NO, OVERDUE, YES, label  # noqa: F401
