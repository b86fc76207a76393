"""Working time: how long a step took in office hours, and when a baseline runs out.

An agency works its office week (``WorkingCalendar.week``; without a calendar row, the Kota
Bekasi government office hours: Monday to Thursday 07:30–16:00, Friday 07:30–16:30), in
Asia/Jakarta time, except on Indonesian national holidays (the ``holidays`` package, public
holidays only: cuti bersama is decided each year by decree, so the agency enters it as DayOff
rows with its other days off).

Baselines:

- Minutes and hours (``10m``, ``2h``, also ``25h``) count working time: a step is due at the
  earliest moment at which that much working time has passed since it started.
- Whole days (``1d``, ``2d``: a multiple of 24 hours) count working days: a step is due at the
  same working moment N working days later. The working moment of the start is its working
  day and the working time already gone in that day (a start outside office hours counts from
  the next opening); the due time has the same working time gone in the N-th following working
  day, or that day's closing if the day is shorter (Friday's half hour does not carry over).
  As everywhere, the earliest such moment is taken: a step that starts at an opening (or in
  the evening, or on a weekend) is due at the closing of its N-th working day, not the opening
  of the next one. So a step of ``1d`` that starts on Saturday is due Monday 16:00, one that
  starts Monday 10:00 is due Tuesday 10:00.

Computations walk the calendar a day at a time. Calendars are read through Django's cache
(Redis in production): every approval asks for one twice, and an approval's queries are
counted. Saving a calendar or a day off forgets the site's entry once the change commits, so
the next request sees it; with the local-memory cache of a bare machine another process may
see it up to CACHE_SECONDS late. Pass a dict as ``cache`` to keep what was read across the
rows of a listing or a run of the worker.
"""

import datetime
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays
from django.core.cache import cache as shared_cache
from django.db import transaction

from .calendars import WorkingCalendar
from .sops import Sop

ZERO = datetime.timedelta(0)
DAY = datetime.timedelta(days=1)
TIME_ZONE = ZoneInfo("Asia/Jakarta")  # WIB, no daylight saving: local arithmetic is safe
# ISO weekday (as the JSON keeps it, a string) -> office periods. Kota Bekasi's government
# office hours.
DEFAULT_WEEK = {
    "1": [["07:30", "16:00"]],
    "2": [["07:30", "16:00"]],
    "3": [["07:30", "16:00"]],
    "4": [["07:30", "16:00"]],
    "5": [["07:30", "16:30"]],
}
# A calendar with no working day would make a due time search forever: give up after this.
MAX_DAYS = 3 * 366
# How long a calendar stays in the shared cache; an edit forgets it at once (see forget()).
CACHE_SECONDS = 300


class CalendarError(ValueError):
    """The calendar has no working time to count in."""


@functools.lru_cache(maxsize=32)
def national_holidays(year):
    """Indonesia's public holidays of `year` (the package's data; it never changes at runtime)."""
    return frozenset(holidays.country_holidays("ID", years=year))


def parse_time(text):
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def parse_week(week):
    """{"1": [["07:30", "16:00"]], ...} -> {1: ((time, time), ...)}; raise ValueError if bad.

    Periods of a day must be in order, each ending after it starts, and not overlap.
    """
    if not isinstance(week, dict):
        raise ValueError("week must be a mapping of ISO weekdays to periods")
    parsed = {}
    for key, periods in week.items():
        weekday = int(key)
        if not 1 <= weekday <= 7:
            raise ValueError(f"{key} is not an ISO weekday (1 = Monday ... 7 = Sunday)")
        day = []
        for start, end in periods or ():
            start, end = parse_time(start), parse_time(end)
            if end <= start or (day and start < day[-1][1]):
                raise ValueError(f"periods of day {weekday} are not in order")
            day.append((start, end))
        if day:
            parsed[weekday] = tuple(day)
    return parsed


@dataclass(frozen=True)
class Calendar:
    """One agency's working time: its week, whether national holidays count, its days off."""

    week: dict  # ISO weekday -> ((start time, end time), ...); absent: no work
    national_holidays: bool = True
    days_off: frozenset = frozenset()

    # Days ------------------------------------------------------------------------------------

    def is_working_day(self, day):
        if day.isoweekday() not in self.week or day in self.days_off:
            return False
        return not (self.national_holidays and day in national_holidays(day.year))

    def periods(self, day):
        """The office periods of `day` as aware datetimes; empty on a day off."""
        if not self.is_working_day(day):
            return []
        return [
            (
                datetime.datetime.combine(day, start, TIME_ZONE),
                datetime.datetime.combine(day, end, TIME_ZONE),
            )
            for start, end in self.week[day.isoweekday()]
        ]

    def next_working_day(self, day):
        if not self.week:
            raise CalendarError("the working week has no office hours")
        for _ in range(MAX_DAYS):
            day += DAY
            if self.is_working_day(day):
                return day
        raise CalendarError(f"no working day within {MAX_DAYS} days after {day}")

    # Durations -------------------------------------------------------------------------------

    def working_time(self, start, end):
        """Working time between two aware datetimes, as a timedelta (zero if end <= start)."""
        if end <= start:
            return ZERO
        total = ZERO
        day = start.astimezone(TIME_ZONE).date()
        last = end.astimezone(TIME_ZONE).date()
        while day <= last:
            for opens, closes in self.periods(day):
                overlap = min(closes, end) - max(opens, start)
                if overlap > ZERO:
                    total += overlap
            day += DAY
        return total

    def working_seconds(self, start, end):
        return int(self.working_time(start, end).total_seconds())

    def add_working_time(self, start, amount):
        """The earliest moment at which `amount` of working time has passed since `start`."""
        if amount <= ZERO:
            return start
        if not self.week:
            raise CalendarError("the working week has no office hours")
        remaining = amount
        day = start.astimezone(TIME_ZONE).date()
        for _ in range(MAX_DAYS + int(amount / DAY) + 1):
            for opens, closes in self.periods(day):
                begin = max(opens, start)
                if begin >= closes:
                    continue
                available = closes - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day += DAY
        raise CalendarError(f"no working time found within {MAX_DAYS} days of {start}")

    def due_at(self, start, baseline):
        """When a step that starts at `start` with `baseline` is due (see the module docstring)."""
        if baseline >= DAY and baseline % DAY == ZERO:
            return self.add_working_days(start, baseline // DAY)
        return self.add_working_time(start, baseline)

    def add_working_days(self, start, count):
        local = start.astimezone(TIME_ZONE)
        day = local.date()
        periods = self.periods(day)
        if periods and local <= periods[-1][1]:
            gone = self.working_time(periods[0][0], local)
        else:  # after closing, or a day off: the step starts at the next opening
            day, gone = self.next_working_day(day), ZERO
        for _ in range(count):
            day = self.next_working_day(day)
        periods = self.periods(day)
        if gone == ZERO:
            # The earliest moment with nothing of the N-th day gone: the previous working
            # day's closing (at least the start's own working day).
            previous = day - DAY
            while not self.is_working_day(previous):
                previous -= DAY
            return self.periods(previous)[-1][1]
        length = sum((closes - opens for opens, closes in periods), ZERO)
        return self.add_working_time(periods[0][0], min(gone, length))


DEFAULT_CALENDAR = Calendar(week=parse_week(DEFAULT_WEEK))


def _from_row(week, national, days_off):
    try:
        parsed = parse_week(week)
    except (TypeError, ValueError):
        # A week edited outside the admin's validation must not stop moderation: count in
        # the default office hours until someone fixes it.
        parsed = DEFAULT_CALENDAR.week
    return Calendar(week=parsed, national_holidays=national, days_off=frozenset(days_off))


def get_calendar(site_id, cache=None):
    """The working calendar of the site `site_id` (the default one if it has none)."""
    key = ("sop_audit.calendar", site_id)
    if cache is not None and key in cache:
        return cache[key]
    calendar = calendars_for_sites([site_id])[site_id]
    if cache is not None:
        cache[key] = calendar
    return calendar


def _shared_key(site_id):
    return f"sop_audit.calendar:{site_id}"


def calendars_for_sites(site_ids, cache=None):
    """{site id: Calendar} for several sites: from `cache`, then the shared cache, then the
    database (two queries at most)."""
    wanted = set(site_ids)
    found = {}
    if cache is not None:
        for site_id in list(wanted):
            if ("sop_audit.calendar", site_id) in cache:
                found[site_id] = cache[("sop_audit.calendar", site_id)]
                wanted.discard(site_id)
    ids = [site_id for site_id in wanted if site_id is not None]
    if ids:
        shared = shared_cache.get_many([_shared_key(site_id) for site_id in ids])
        for site_id in ids:
            if _shared_key(site_id) in shared:
                found[site_id] = shared[_shared_key(site_id)]
        missing = [site_id for site_id in ids if site_id not in found]
        if missing:
            rows = WorkingCalendar.objects.filter(site_id__in=missing).prefetch_related("days_off")
            for row in rows:
                found[row.site_id] = _from_row(
                    row.week, row.national_holidays, (day.date for day in row.days_off.all())
                )
            for site_id in missing:
                found.setdefault(site_id, DEFAULT_CALENDAR)
            shared_cache.set_many(
                {_shared_key(site_id): found[site_id] for site_id in missing}, CACHE_SECONDS
            )
    for site_id in wanted:
        found.setdefault(site_id, DEFAULT_CALENDAR)
        if cache is not None:
            cache[("sop_audit.calendar", site_id)] = found[site_id]
    return found


def forget(site_id):
    """Drop the site's calendar from the shared cache once the current transaction commits
    (before it, another request could cache the old calendar again)."""
    transaction.on_commit(lambda: shared_cache.delete(_shared_key(site_id)), robust=True)


def forget_changed(instance):
    """Forget the calendar that `instance`, a WorkingCalendar or one of its DayOffs, is part of."""
    if isinstance(instance, WorkingCalendar):
        forget(instance.site_id)
        return
    site_id = (
        WorkingCalendar.objects.filter(pk=instance.calendar_id)
        .values_list("site_id", flat=True)
        .first()
    )
    if site_id is not None:  # None: the calendar itself is going, and forgets itself
        forget(site_id)


def calendar_for_sop(sop_id, cache=None):
    """The calendar of the SOP's site: one query for the site, the calendar from the cache."""
    key = ("sop_audit.sop_site", sop_id)
    if cache is not None and key in cache:
        site_id = cache[key]
    else:
        site_id = Sop.objects.filter(pk=sop_id).values_list("site_id", flat=True).first()
        if cache is not None:
            cache[key] = site_id
    if site_id is None:
        return DEFAULT_CALENDAR
    return get_calendar(site_id, cache)


def working_seconds(site_id, start, end):
    """Seconds of the agency's working time between `start` and `end`."""
    return get_calendar(site_id).working_seconds(start, end)


def due_at(site_id, start, baseline):
    """When a step that starts at `start` with `baseline` is due, in the agency's working time."""
    return get_calendar(site_id).due_at(start, baseline)
