"""Working time: office hours, nights, weekends, national holidays and an agency's days off;
when a baseline runs out; and whether an open step is on time, at risk or late.

Expected values are worked out by hand from the Kota Bekasi office week (Monday to Thursday
07:30–16:00, Friday 07:30–16:30, WIB). November 2026: Monday 23 to Sunday 29.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from apps.sop_audit import deadlines, workcalendar
from apps.sop_audit.models import DayOff, WorkingCalendar
from apps.sop_audit.workcalendar import DEFAULT_CALENDAR

WIB = ZoneInfo("Asia/Jakarta")
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def wib(*args):
    return datetime.datetime(*args, tzinfo=WIB)


# Working time between two moments ------------------------------------------------------------


def test_a_night_counts_for_nothing():
    # Monday 15:00-16:00, then Tuesday 07:30-09:00.
    assert (
        DEFAULT_CALENDAR.working_seconds(wib(2026, 11, 23, 15), wib(2026, 11, 24, 9))
        == (60 + 90) * 60
    )


def test_a_weekend_counts_for_nothing_and_friday_closes_at_half_past_four():
    # Friday 16:00-16:30, then Monday 07:30-08:00.
    assert DEFAULT_CALENDAR.working_seconds(wib(2026, 11, 27, 16), wib(2026, 11, 30, 8)) == 3600


def test_a_whole_week_is_forty_three_hours():
    # 4 x 8.5 h + 9 h.
    assert DEFAULT_CALENDAR.working_seconds(wib(2026, 11, 23), wib(2026, 11, 30)) == 43 * 3600


def test_independence_day_is_not_working_time():
    # Friday 14 August 07:30-16:30 (9 h); Monday 17 August is a national holiday.
    assert DEFAULT_CALENDAR.working_seconds(wib(2026, 8, 14, 7, 30), wib(2026, 8, 18, 7, 30)) == (
        9 * 3600
    )


def test_times_are_read_in_jakarta_whatever_the_time_zone_given():
    # 01:00-02:00 UTC is 08:00-09:00 WIB.
    start = datetime.datetime(2026, 11, 23, 1, tzinfo=datetime.UTC)
    assert DEFAULT_CALENDAR.working_seconds(start, start + HOUR) == 3600


def test_no_working_time_when_the_end_is_not_after_the_start():
    assert DEFAULT_CALENDAR.working_seconds(wib(2026, 11, 23, 10), wib(2026, 11, 23, 9)) == 0


# Due times -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "baseline", "due"),
    [
        # Within office hours: plain arithmetic.
        (wib(2026, 11, 23, 14, 20), 10 * MINUTE, wib(2026, 11, 23, 14, 30)),
        # Across the night: 10 minutes on Monday, 20 on Tuesday.
        (wib(2026, 11, 23, 15, 50), 30 * MINUTE, wib(2026, 11, 24, 7, 50)),
        # Thursday rolls over to Friday; Friday itself has half an hour more.
        (wib(2026, 11, 26, 15, 50), 30 * MINUTE, wib(2026, 11, 27, 7, 50)),
        (wib(2026, 11, 27, 15, 50), 30 * MINUTE, wib(2026, 11, 27, 16, 20)),
        # Across the weekend: Friday 15:30-16:30, then Monday 07:30-08:30.
        (wib(2026, 11, 27, 15, 30), 2 * HOUR, wib(2026, 11, 30, 8, 30)),
        # Submitted on Sunday: the clock starts on Monday's opening.
        (wib(2026, 11, 29, 20), 5 * MINUTE, wib(2026, 11, 30, 7, 35)),
        # Ending exactly at closing time: due at the closing, not the next opening.
        (wib(2026, 11, 23, 15, 30), 30 * MINUTE, wib(2026, 11, 23, 16)),
        # Over Independence Day (Monday 17 August): Friday's last 30 minutes, then Tuesday.
        (wib(2026, 8, 14, 16), 2 * HOUR, wib(2026, 8, 18, 9)),
    ],
)
def test_a_baseline_in_minutes_or_hours_counts_working_time(start, baseline, due):
    assert DEFAULT_CALENDAR.due_at(start, baseline) == due
    assert DEFAULT_CALENDAR.working_time(start, due) == baseline


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # SOP B's step 1 (1 hari): the same working moment the next working day.
        (wib(2026, 11, 23, 10), 1, wib(2026, 11, 24, 10)),
        # From Thursday to Friday, and from Friday over the weekend to Monday.
        (wib(2026, 11, 26, 13, 15), 1, wib(2026, 11, 27, 13, 15)),
        (wib(2026, 11, 27, 9), 1, wib(2026, 11, 30, 9)),
        # Friday 16:20 is 8 h 50 min into Friday; Monday closes after 8 h 30 min.
        (wib(2026, 11, 27, 16, 20), 1, wib(2026, 11, 30, 16)),
        # Started on a weekend or in the evening: the whole next working day.
        (wib(2026, 11, 28, 10), 1, wib(2026, 11, 30, 16)),
        (wib(2026, 11, 26, 18), 1, wib(2026, 11, 27, 16, 30)),
        # Started at the opening: due at that day's closing.
        (wib(2026, 11, 23, 7, 30), 1, wib(2026, 11, 23, 16)),
        # Two working days from Friday 14 August: Tuesday 18 and Wednesday 19 (17 is a holiday).
        (wib(2026, 8, 14, 10), 2, wib(2026, 8, 19, 10)),
    ],
)
def test_a_baseline_in_days_counts_working_days(start, days, due):
    assert DEFAULT_CALENDAR.due_at(start, days * DAY) == due


# An agency's own calendar ----------------------------------------------------------------------


@pytest.fixture
def calendar(kominfo):
    """Diskominfostandi's calendar: a lunch break Monday to Thursday, Saturday mornings, and
    Thursday 24 December 2026 off (cuti bersama Natal)."""
    calendar = WorkingCalendar.objects.create(
        site=kominfo.site,
        week={
            "1": [["07:30", "12:00"], ["13:00", "16:00"]],
            "2": [["07:30", "12:00"], ["13:00", "16:00"]],
            "3": [["07:30", "12:00"], ["13:00", "16:00"]],
            "4": [["07:30", "12:00"], ["13:00", "16:00"]],
            "5": [["07:30", "16:30"]],
            "6": [["08:00", "12:00"]],
        },
    )
    DayOff.objects.create(calendar=calendar, date=datetime.date(2026, 12, 24), name="Cuti bersama")
    return calendar


def test_a_site_without_a_calendar_works_the_default_office_week(kominfo):
    assert workcalendar.due_at(kominfo.site.pk, wib(2026, 11, 27, 15, 30), 2 * HOUR) == wib(
        2026, 11, 30, 8, 30
    )


def test_the_agency_calendar_skips_its_lunch_break(calendar):
    site_id = calendar.site_id
    assert workcalendar.due_at(site_id, wib(2026, 11, 23, 11, 50), 20 * MINUTE) == wib(
        2026, 11, 23, 13, 10
    )
    assert workcalendar.working_seconds(site_id, wib(2026, 11, 23, 11), wib(2026, 11, 23, 14)) == (
        2 * 3600
    )


def test_the_agency_calendar_works_on_saturday_morning(calendar):
    # Friday 16:00-16:30, Saturday 08:00-08:30.
    assert workcalendar.due_at(calendar.site_id, wib(2026, 11, 27, 16), HOUR) == wib(
        2026, 11, 28, 8, 30
    )


def test_a_day_off_of_the_agency_is_skipped(calendar):
    # Wednesday 23 December 15:00-16:00; Thursday 24 off (cuti bersama); Friday 25 Christmas;
    # Saturday 26 08:00-09:00.
    assert workcalendar.due_at(calendar.site_id, wib(2026, 12, 23, 15), 2 * HOUR) == wib(
        2026, 12, 26, 9
    )


def test_an_agency_may_count_national_holidays_as_working_days(calendar):
    calendar.national_holidays = False
    calendar.save()
    # Monday 17 August 2026 is then a working day, with its lunch break.
    assert workcalendar.due_at(calendar.site_id, wib(2026, 8, 17, 7, 30), 5 * HOUR) == wib(
        2026, 8, 17, 13, 30
    )


def test_a_listing_reads_each_calendar_once(calendar, dpkpp, django_assert_num_queries):
    cache = {}
    with django_assert_num_queries(2):  # the calendar row, then its days off
        calendars = workcalendar.calendars_for_sites([calendar.site_id, dpkpp.site.pk], cache)
    with django_assert_num_queries(0):
        for _ in range(3):
            assert workcalendar.get_calendar(calendar.site_id, cache) is calendars[calendar.site_id]
            assert workcalendar.get_calendar(dpkpp.site.pk, cache) is DEFAULT_CALENDAR


def test_an_approval_reads_the_calendar_from_the_cache_not_the_database(
    calendar, django_assert_num_queries
):
    workcalendar.get_calendar(calendar.site_id)
    with django_assert_num_queries(0):
        workcalendar.due_at(calendar.site_id, wib(2026, 11, 23, 8), HOUR)
        workcalendar.working_seconds(calendar.site_id, wib(2026, 11, 23, 8), wib(2026, 11, 23, 9))


def test_a_day_off_entered_counts_from_the_next_request(
    calendar, django_capture_on_commit_callbacks
):
    # Wednesday 25 November 2026, 2 hours from 15:00: one hour that day, one on Thursday.
    start = wib(2026, 11, 25, 15)
    assert workcalendar.due_at(calendar.site_id, start, 2 * HOUR) == wib(2026, 11, 26, 8, 30)
    with django_capture_on_commit_callbacks(execute=True):
        DayOff.objects.create(calendar=calendar, date=datetime.date(2026, 11, 26), name="Rapat")
    # Thursday off: the second hour is Friday's first.
    assert workcalendar.due_at(calendar.site_id, start, 2 * HOUR) == wib(2026, 11, 27, 8, 30)


# Statuses --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "status", "label"),
    [
        # A 2-hour step from Friday 15:30 is due Monday 08:30. By Saturday noon half of its
        # working time is gone: on time, although a day has passed on the clock.
        (wib(2026, 11, 28, 12), deadlines.ON_TIME, "tepat waktu"),
        (wib(2026, 11, 30, 7, 59), deadlines.ON_TIME, "tepat waktu"),
        # Monday 08:00: 1 h 30 min of 2 h gone, three quarters: at risk.
        (wib(2026, 11, 30, 8), deadlines.AT_RISK, "mendekati batas"),
        # From the due time on: late.
        (wib(2026, 11, 30, 8, 30), deadlines.LATE, "terlambat"),
        (wib(2026, 12, 1, 10), deadlines.LATE, "terlambat"),
    ],
)
def test_an_open_step_is_on_time_at_risk_or_late_in_working_time(now, status, label):
    start = wib(2026, 11, 27, 15, 30)
    due = DEFAULT_CALENDAR.due_at(start, 2 * HOUR)

    assert deadlines.status_of(DEFAULT_CALENDAR, start, due, now) == status
    assert str(deadlines.STATUS_LABELS[status]) == label


# The admin -------------------------------------------------------------------------------------


def test_an_agency_admin_enters_cuti_bersama_in_the_admin(client, sop_newsroom):
    kominfo = sop_newsroom.kominfo
    agency_admin = kominfo.approver(1)  # an SOP actor of Diskominfostandi: sees its SOP
    agency_admin.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="sop_audit", codename__endswith="_workingcalendar"
        )
    )
    client.force_login(agency_admin)
    url = reverse("sop_working_calendar:add")

    form = client.get(url)
    assert form.status_code == 200
    assert "Kalender kerja" in form.content.decode()
    week = {
        "day_1": "07:30-16:00",
        "day_2": "07:30-16:00",
        "day_3": "07:30-16:00",
        "day_4": "07:30-16:00",
        "day_5": "07:30-16:30",
        "day_6": "",
        "day_7": "",
    }
    data = nested_form_data(
        {
            "site": kominfo.site.pk,
            **week,
            "national_holidays": "on",
            "days_off": inline_formset(
                [{"date": "2026-12-24", "name": "Cuti bersama Hari Raya Natal"}]
            ),
        }
    )
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    calendar = WorkingCalendar.objects.get(site=kominfo.site)
    assert calendar.week["5"] == [["07:30", "16:30"]]
    assert "6" not in calendar.week
    assert [day.name for day in calendar.days_off.all()] == ["Cuti bersama Hari Raya Natal"]
    # Wednesday 23 December 15:00 + 2 h: 1 h on Wednesday, Thursday off, Friday Christmas,
    # the weekend, then Monday 28 December 07:30-08:30.
    due = workcalendar.due_at(kominfo.site.pk, wib(2026, 12, 23, 15), 2 * HOUR)
    assert due == wib(2026, 12, 28, 8, 30)


def test_the_calendar_admin_refuses_a_malformed_week(client, sop_newsroom):
    client.force_login(sop_newsroom.operator)
    data = nested_form_data(
        {
            "site": sop_newsroom.kominfo.site.pk,
            "day_1": "16:00-07:30",
            **{f"day_{number}": "" for number in range(2, 8)},
            "days_off": inline_formset([]),
        }
    )

    response = client.post(reverse("sop_working_calendar:add"), data)

    assert response.status_code == 200
    assert "berakhir sesudah mulai" in response.content.decode()
    assert not WorkingCalendar.objects.exists()


def test_an_agency_admin_cannot_set_another_agency_calendar(client, sop_newsroom):
    agency_admin = sop_newsroom.kominfo.approver(1)
    agency_admin.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="sop_audit", codename__endswith="_workingcalendar"
        )
    )
    other = WorkingCalendar.objects.create(site=sop_newsroom.dpkpp.site, week={"1": []})
    client.force_login(agency_admin)

    assert client.get(reverse("sop_working_calendar:edit", args=[other.pk])).status_code == 404
    listing = client.get(reverse("sop_working_calendar:index")).content.decode()
    assert "DPKPP" not in listing
