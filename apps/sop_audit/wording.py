"""How the SOP writes times, durations and figures for people: one way for each.

Durations the way the signed SOP forms write a time ("2 jam 5 menit", "1 hari"); moments in
the project's time zone, Asia/Jakarta, with its abbreviation where a reader needs it, the way
the agencies write them ("Senin, 23 November 2026 14:30 WIB"); shares as percentages in the
active language ("87,5 %"). Mails, the admin, the exports and the printed reports all write
them through these functions.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, gettext_lazy

# Indonesian has no plural: "1 jam", "2 jam". Largest first.
DURATION_UNITS = (
    (gettext_lazy("%(count)d hari"), 86400),
    (gettext_lazy("%(count)d jam"), 3600),
    (gettext_lazy("%(count)d menit"), 60),
)
NOTHING = "–"  # a figure that has no value: nothing was measured

DUE_FORMAT = "l, j F Y H:i"  # "Senin, 23 November 2026 14:30": mails, the editor, the inbox
DUE_FORMAT_SHORT = "D j M, H:i"  # "Sen 23 Nov, 14:30": listings
MOMENT_FORMAT = "j F Y H:i"  # "23 November 2026 14:30": reports
CELL_FORMAT = "j M Y H:i"  # "23 Nov 2026 14:30": the cells of a printed table
DAY_FORMAT = "j F Y"  # "1 Maret 2026"


# Durations --------------------------------------------------------------------------------------


def format_duration(delta, parts=2):
    """'2 jam 5 menit': whole minutes, rounded down, in at most the `parts` largest units
    (a baseline is written in all of them: '1 jam 30 menit'); 'kurang dari 1 menit' below."""
    seconds = int(abs(delta).total_seconds())
    words = []
    for unit, size in DURATION_UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            words.append(unit % {"count": count})
    if not words:
        return gettext("kurang dari 1 menit")
    return " ".join(words[:parts])


def format_seconds(seconds):
    """A duration in seconds, written as format_duration writes it; '–' for none."""
    if seconds is None:
        return NOTHING
    return format_duration(datetime.timedelta(seconds=seconds))


def format_share(share):
    """'87,5 %' in the active language; '–' when nothing was judged."""
    if share is None:
        return NOTHING
    # number_format cuts decimals off rather than rounding them: round first.
    return gettext("%(percent)s %%") % {"percent": number_format(round(share * 100, 1), 1)}


# Moments ----------------------------------------------------------------------------------------


def written_moment(moment, format, zone=True):
    """`moment` in the project's time zone (Asia/Jakarta), written in `format` (Django's date
    format), in the active language, followed by the zone's abbreviation unless `zone` is off."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    text = date_format(local, format)
    return f"{text} {local.tzname()}" if zone else text


def format_due(moment, short=False):
    """'Senin, 23 November 2026 14:30 WIB'; short: 'Sen 23 Nov, 14:30 WIB'."""
    return written_moment(moment, DUE_FORMAT_SHORT if short else DUE_FORMAT)


def format_moment(moment):
    """'23 November 2026 14:30 WIB'."""
    return written_moment(moment, MOMENT_FORMAT)


def short_moment(moment):
    """'23 Nov 2026 14:30', for table cells; '' for none."""
    return written_moment(moment, CELL_FORMAT, zone=False) if moment is not None else ""


def day_text(day):
    """'1 Maret 2026' in the active language; '' for none."""
    return date_format(day, DAY_FORMAT) if day else ""


def yes_no(value):
    """'Ya', 'Tidak', or '' when there is no verdict."""
    if value is None:
        return ""
    return gettext("Ya") if value else gettext("Tidak")
