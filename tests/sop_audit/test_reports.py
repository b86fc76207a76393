"""The SOP audit report's numbers, against answers computed independently of the code.

Each test writes finished step records directly (tests/sop_audit/records_factory.py) and
checks the per-step, per-actor, total and weekly figures with the statistics module or by hand.
On PostgreSQL the median and p90 come from percentile_cont in the database; on SQLite from
Python: the same numbers are expected from both.
"""

import datetime
import statistics

import pytest

from apps.sop_audit.aggregates import percentile_cont
from apps.sop_audit.reports import (
    ReportFilter,
    actor_summary,
    build_report,
    item_record,
    step_summary,
    total_summary,
    weekly_on_time,
)

from .records_factory import AGENCY_B, SOP_B, make_record, wib

pytestmark = pytest.mark.django_db

MARCH = {"date_from": datetime.date(2026, 3, 1), "date_to": datetime.date(2026, 3, 31)}
STEP1_SECONDS = [60, 120, 300, 480, 600, 900, 1500]  # baseline 10 minutes = 600 s
STEP2_SECONDS = [1000, 2000, 1800, 3600]  # baseline 30 minutes = 1800 s


def p90(values):
    """The 90th percentile by linear interpolation between closest ranks, as statistics does
    it with method="inclusive" (the definition of PostgreSQL's percentile_cont)."""
    return statistics.quantiles(values, n=10, method="inclusive")[8]


@pytest.fixture
def march(kominfo, dpkpp):
    """Diskominfostandi's March: step 1 by the Kabid, step 2 by the Kasi, on weekdays;
    around it, records that must not count."""
    site = kominfo.site
    for day, seconds in zip((2, 3, 4, 5, 9, 10, 11), STEP1_SECONDS, strict=True):
        make_record(site, finished=wib(2026, 3, day, 10), seconds=seconds, step=1)
    for day, seconds in zip((2, 3, 16, 17), STEP2_SECONDS, strict=True):
        make_record(
            site,
            finished=wib(2026, 3, day, 14),
            seconds=seconds,
            step=2,
            actor="kasi.lkip",
            actor_name="Siti Aminah",
        )
    # Still running: no duration, no verdict, not counted.
    make_record(site, finished=None, seconds=None, step=3)
    # Finished just after March in Jakarta (still 31 March in UTC): not counted.
    make_record(site, finished=wib(2026, 4, 1, 0, 10), seconds=99999, step=1)
    # Finished in the last minutes of February: not counted.
    make_record(site, finished=wib(2026, 2, 28, 23, 50), seconds=99999, step=1)
    # Another agency, same month: never in Diskominfostandi's report.
    make_record(
        dpkpp.site,
        finished=wib(2026, 3, 4, 10),
        seconds=77777,
        step=1,
        agency=AGENCY_B,
        sop_name=SOP_B,
        actor="admin.dpkpp",
    )
    return site


def test_percentile_cont_interpolates_between_closest_ranks():
    assert percentile_cont([], 0.5) is None
    assert percentile_cont([7], 0.9) == 7
    assert percentile_cont([1, 2, 3, 4], 0.5) == 2.5
    # 0.9 × 6 = 5.4: 900 + 0.4 × (1500 − 900)
    assert percentile_cont(sorted(STEP1_SECONDS), 0.9) == pytest.approx(1140)
    for values in ([3, 1, 4, 1, 5, 9, 2, 6], list(range(1, 101)), [10, 10, 10, 11]):
        ordered = sorted(values)
        assert percentile_cont(ordered, 0.5) == pytest.approx(statistics.median(values))
        assert percentile_cont(ordered, 0.9) == pytest.approx(p90(values))


def test_per_step_figures_match_independent_computation(march):
    rows = step_summary(ReportFilter(site=march, **MARCH))

    assert [(row.step_number, row.stats.count) for row in rows] == [(1, 7), (2, 4)]
    first, second = rows
    assert first.step_name == "Menerima dan mendisposisi bahan berita"
    assert first.baseline == datetime.timedelta(minutes=10)
    assert first.stats.median == pytest.approx(statistics.median(STEP1_SECONDS)) == 480
    assert first.stats.p90 == pytest.approx(p90(STEP1_SECONDS)) == pytest.approx(1140)
    assert first.stats.max == max(STEP1_SECONDS)
    on_time = sum(seconds <= 600 for seconds in STEP1_SECONDS)
    assert (first.stats.on_time, first.stats.late) == (on_time, 7 - on_time) == (5, 2)
    assert first.stats.on_time_share == pytest.approx(5 / 7)

    assert second.stats.median == pytest.approx(statistics.median(STEP2_SECONDS)) == 1900
    assert second.stats.p90 == pytest.approx(p90(STEP2_SECONDS)) == pytest.approx(3120)
    assert second.stats.max == 3600
    assert (second.stats.on_time, second.stats.late) == (2, 2)
    assert second.stats.on_time_share_display == "50,0 %"
    assert second.stats.median_display == "31 menit"


def test_per_actor_and_total_figures(march):
    filters = ReportFilter(site=march, **MARCH)
    actors = {row.actor_username: row for row in actor_summary(filters)}

    assert set(actors) == {"kabid.pip", "kasi.lkip"}
    assert actors["kasi.lkip"].actor_name == "Siti Aminah"
    assert actors["kabid.pip"].stats.count == 7
    assert actors["kabid.pip"].stats.median == pytest.approx(480)

    everything = STEP1_SECONDS + STEP2_SECONDS
    total = total_summary(filters)
    assert total.count == 11
    assert total.median == pytest.approx(statistics.median(everything))
    assert total.p90 == pytest.approx(p90(everything))
    assert total.max == 3600
    assert (total.on_time, total.late) == (7, 4)


def test_filters_by_step_actor_and_sop(march):
    step2 = step_summary(ReportFilter(site=march, step_number=2, **MARCH))
    assert [row.step_number for row in step2] == [2]

    by_actor = step_summary(ReportFilter(site=march, actor="kasi.lkip", **MARCH))
    assert [(row.step_number, row.stats.count) for row in by_actor] == [(2, 4)]

    assert step_summary(ReportFilter(site=march, sop_name=SOP_B, **MARCH)) == []


def test_period_is_counted_in_jakarta_days_both_ends_included(march):
    first_week = ReportFilter(
        site=march, date_from=datetime.date(2026, 3, 2), date_to=datetime.date(2026, 3, 5)
    )
    # Step 1 on 2, 3, 4 and 5 March; step 2 on 2 and 3 March.
    assert total_summary(first_week).count == 6
    # With no start, February's record counts; April's (00:10 WIB on 1 April) does not.
    until_march = ReportFilter(site=march, date_to=datetime.date(2026, 3, 31))
    assert total_summary(until_march).count == 12


def test_readers_agencies_limit_the_report(march, dpkpp):
    everyone = ReportFilter(**MARCH)
    assert total_summary(everyone).count == 12  # both agencies, for the operator
    assert total_summary(everyone, site_ids=[dpkpp.site.pk]).count == 1
    assert total_summary(everyone, site_ids=[]).count == 0
    # A site filter outside the reader's agencies gives nothing, not that site's records.
    assert total_summary(ReportFilter(site=march, **MARCH), site_ids=[dpkpp.site.pk]).count == 0


def test_weekly_on_time_share_lists_every_week_of_the_period(march):
    weeks = weekly_on_time(ReportFilter(site=march, **MARCH))

    # 1 March 2026 is a Sunday: its week starts on Monday 23 February; 31 March is a Tuesday.
    assert [week.week_start for week in weeks] == [
        datetime.date(2026, 2, 23),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 16),
        datetime.date(2026, 3, 23),
        datetime.date(2026, 3, 30),
    ]
    by_week = {week.week_start: week for week in weeks}
    # Week of 2 March: step 1 took 60, 120, 300, 480 s (all on time); step 2 1000 s (on time)
    # and 2000 s (late).
    assert (
        by_week[datetime.date(2026, 3, 2)].on_time,
        by_week[datetime.date(2026, 3, 2)].late,
    ) == (
        5,
        1,
    )
    # Week of 9 March: 600 (on time), 900 and 1500 (late).
    assert by_week[datetime.date(2026, 3, 9)].on_time_share == pytest.approx(1 / 3)
    # Week of 16 March: step 2 took 1800 (on time) and 3600 (late).
    assert by_week[datetime.date(2026, 3, 16)].on_time_share == pytest.approx(0.5)
    assert by_week[datetime.date(2026, 2, 23)].on_time_share is None
    assert by_week[datetime.date(2026, 3, 23)].count == 0


def test_a_late_night_record_belongs_to_its_jakarta_week(kominfo):
    # Sunday 8 March 23:30 WIB is Sunday 16:30 UTC: the week of 2 March, on either clock.
    # Monday 9 March 05:00 WIB is Sunday 22:00 UTC: the week of 9 March in Jakarta.
    make_record(kominfo.site, finished=wib(2026, 3, 8, 23, 30), seconds=60)
    make_record(kominfo.site, finished=wib(2026, 3, 9, 5, 0), seconds=6000)
    weeks = weekly_on_time(ReportFilter(site=kominfo.site))
    assert [(week.week_start, week.on_time, week.late) for week in weeks] == [
        (datetime.date(2026, 3, 2), 1, 0),
        (datetime.date(2026, 3, 9), 0, 1),
    ]


def test_a_changed_baseline_is_reported_on_its_own_line(kominfo):
    site = kominfo.site
    make_record(site, finished=wib(2026, 3, 2), seconds=500, step=1)
    changed = {1: ("Menerima dan mendisposisi bahan berita", "Kepala Bidang PIP", 15)}
    make_record(site, finished=wib(2026, 3, 3), seconds=800, step=1, steps=changed)

    rows = step_summary(ReportFilter(site=site))
    assert [(row.baseline, row.stats.count, row.stats.on_time) for row in rows] == [
        (datetime.timedelta(minutes=10), 1, 1),
        (datetime.timedelta(minutes=15), 1, 1),
    ]


def test_a_renamed_step_stays_one_line_under_its_latest_name(kominfo):
    site = kominfo.site
    make_record(site, finished=wib(2026, 3, 2), seconds=500, step=1)
    renamed = {1: ("Menerima bahan berita dan memberi disposisi", "Kepala Bidang PIP", 10)}
    make_record(site, finished=wib(2026, 3, 3), seconds=700, step=1, steps=renamed)

    (row,) = step_summary(ReportFilter(site=site))
    assert (row.step_name, row.stats.count, row.stats.median) == (
        "Menerima bahan berita dan memberi disposisi",
        2,
        600,
    )


def test_report_of_one_agency_carries_its_header(march):
    report = build_report(ReportFilter(**MARCH), site_ids=[march.pk])
    assert report.head.government == "Pemerintah Kota Bekasi"
    assert report.head.agency == "Diskominfostandi Kota Bekasi"  # its AgencySettings name
    assert report.total.count == 11


def test_item_record_lists_every_step_in_order_for_its_own_agency_only(kominfo, dpkpp):
    site = kominfo.site
    make_record(site, finished=wib(2026, 3, 2, 9, 30), seconds=300, step=2, page_id=7)
    make_record(site, finished=wib(2026, 3, 2, 9, 0), seconds=240, step=1, page_id=7)
    make_record(
        site, finished=None, seconds=None, step=3, page_id=7, started=wib(2026, 3, 2, 9, 30)
    )
    make_record(site, finished=wib(2026, 3, 2, 9, 0), seconds=60, step=1, page_id=8)

    item = item_record(7, site_ids=[site.pk])
    assert [record.step_number for record in item.records] == [1, 2, 3]
    assert item.records[-1].finished_at is None
    assert item_record(7, site_ids=[dpkpp.site.pk]) is None
    assert item_record(12345, site_ids=None) is None
