"""The dashboard's figure captions live in reports.figures, shared with the
command line and the documents."""

from reports.figures import *  # noqa: F401,F403
