"""Working time: how long a step took in office hours, and when a baseline runs out.

Interface stub: wall-clock placeholders until the working calendar lands.
"""

import datetime


def working_seconds(site_id, start, end):
    """Seconds of the agency's working time between `start` and `end`."""
    return max(0, int((end - start).total_seconds()))


def due_at(site_id, start, baseline):
    """When a step that starts at `start` with `baseline` is due, in the agency's working time."""
    return start + baseline


ZERO = datetime.timedelta(0)
