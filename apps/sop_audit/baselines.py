"""Time baselines (mutu baku waktu): how they are written, stored and shown.

An SOP states each step's time as "10 Menit", "2 Jam" or "1 Hari". Files and the admin write
it as ``10m``, ``2h`` or ``1d``: a whole number and one unit, minutes, hours or days. The
database keeps a plain duration (a day as 24 hours); how a step's time is counted against it,
in office hours and working days, is workcalendar.py's.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .wording import DURATION_UNITS, format_duration

UNITS = {
    "d": datetime.timedelta(days=1),
    "h": datetime.timedelta(hours=1),
    "m": datetime.timedelta(minutes=1),
}
BASELINE_RE = re.compile(r"^([1-9][0-9]{0,3})([mhd])$")


def parse_baseline(text):
    """'10m' -> timedelta(minutes=10); anything else -> ValueError."""
    match = BASELINE_RE.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(text)
    return int(match.group(1)) * UNITS[match.group(2)]


def format_baseline(value):
    """timedelta(hours=2) -> '2h': the largest unit that divides it exactly."""
    for unit, size in UNITS.items():
        if value % size == datetime.timedelta(0):
            return f"{value // size}{unit}"
    # Not whole minutes (set outside the file and the admin): round down to the minute.
    return f"{value // UNITS['m']}m"


def describe_baseline(value):
    """timedelta(minutes=90) -> '1 jam 30 menit'; timedelta(days=1) -> '1 hari': every unit,
    as the signed forms write a baseline."""
    return format_duration(value, parts=len(DURATION_UNITS))


class BaselineFormField(forms.Field):
    """Reads and shows a baseline as 10m, 2h or 1d, the way SOP files write it."""

    default_error_messages = {
        "invalid": _("Tulis durasi seperti 10m, 2h atau 1d (m = menit, h = jam, d = hari)."),
    }

    def prepare_value(self, value):
        if isinstance(value, datetime.timedelta):
            return format_baseline(value)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.timedelta):
            return value
        try:
            return parse_baseline(value)
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


class BaselineField(models.DurationField):
    """A DurationField whose admin form speaks the SOP file's 10m / 2h / 1d."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BaselineFormField, **kwargs})
