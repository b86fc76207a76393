"""The SOP audit report: how long each step took against its baseline, per step and per actor.

Only finished records count (``finished_at`` set); a record belongs to the period in which it
finished, in Asia/Jakarta dates. An emergency publication outside the SOP is a record too, but
measures no step: it is listed on its own, with its reason, and left out of the figures. A
step's duration is its working time (``working_seconds``), because the baseline is measured in
working time. The figures themselves (median, p90, share on time) are aggregates.py's.

The report reads the snapshot fields of the records, never the SOP configuration: a step shows
the name and baseline it ran under. A step's rows are grouped by the baseline it ran against,
so a changed baseline is never averaged into one line with the old one; a renamed step stays
one line, under its latest name.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Count, Max, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import Site

from apps.core.models import AgencySettings

from . import aggregates
from .models import Sop, StepRecord
from .wording import day_text, format_duration, format_moment

# A step is grouped by what identifies it and the baseline it ran against, in the order of the
# index sop_audit_rec_step_report: PostgreSQL reads an agency-year from that index alone, already
# grouped and sorted by duration, with no sort of its own. Its name, agency and SOP are then
# read from its latest record.
STEP_KEYS = ("site_id", "sop_id", "step_number", "baseline")
ACTOR_KEYS = ("agency", "actor_username")


# The filter ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilter:
    """What the report covers. Dates are Asia/Jakarta calendar days, both ends included."""

    site: object = None  # a wagtail Site, or None for every site the reader may see
    sop_name: str = ""
    step_number: int | None = None
    actor: str = ""  # the actor's username as recorded
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def as_query(self):
        """The filter as URL parameters (the admin's report form and download links)."""
        params = {}
        if self.site is not None:
            params["site"] = str(self.site.pk)
        if self.sop_name:
            params["sop"] = self.sop_name
        if self.step_number is not None:
            params["langkah"] = str(self.step_number)
        if self.actor:
            params["pelaksana"] = self.actor
        if self.date_from:
            params["dari"] = self.date_from.isoformat()
        if self.date_to:
            params["sampai"] = self.date_to.isoformat()
        return params


def local_midnight(day):
    """The first moment of `day` in the project's time zone (Asia/Jakarta)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time()), timezone.get_default_timezone()
    )


def finished_records(filters, site_ids=None):
    """The finished records `filters` selects, limited to `site_ids` when given (a reader's
    agencies; None means every site: the operator's command)."""
    records = StepRecord.objects.filter(finished_at__isnull=False)
    if site_ids is not None:
        records = records.filter(site_id__in=site_ids)
    if filters.site is not None:
        records = records.filter(site_id=filters.site.pk)
    if filters.sop_name:
        records = records.filter(sop_name=filters.sop_name)
    if filters.step_number is not None:
        records = records.filter(step_number=filters.step_number)
    if filters.actor:
        records = records.filter(actor_username=filters.actor)
    # Half-open ranges on finished_at itself (not a date cast) so the (site, finished_at)
    # index serves the period.
    if filters.date_from:
        records = records.filter(finished_at__gte=local_midnight(filters.date_from))
    if filters.date_to:
        next_day = filters.date_to + datetime.timedelta(days=1)
        records = records.filter(finished_at__lt=local_midnight(next_day))
    return records


def measured_records(filters, site_ids=None):
    """The finished records whose duration the figures measure: not emergency publications."""
    return finished_records(filters, site_ids).exclude(outcome=StepRecord.OUTCOME_EMERGENCY)


def emergency_publications(filters, site_ids=None):
    """The emergency publications outside the SOP in the period, newest first."""
    return list(
        finished_records(filters, site_ids)
        .filter(outcome=StepRecord.OUTCOME_EMERGENCY)
        .order_by("-finished_at", "-pk")
    )


# Per step, per actor, per week ----------------------------------------------------------------


@dataclass
class StepRow:
    agency: str
    sop_name: str
    step_number: int | None
    step_name: str
    baseline: datetime.timedelta
    stats: aggregates.Stats

    @property
    def baseline_display(self):
        return format_duration(self.baseline)


@dataclass
class ActorRow:
    agency: str
    actor_username: str
    actor_name: str
    stats: aggregates.Stats


@dataclass
class WeekRow(aggregates.OnTimeShare):
    week_start: datetime.date  # a Monday, Asia/Jakarta
    count: int = 0
    on_time: int = 0
    late: int = 0


def step_summary(filters, site_ids=None):
    """Per step and baseline it ran against: the count, median, p90, max, on time, late.

    Records whose SOP row is gone (``sop_id`` null) are grouped by site, step number and
    baseline. The labels are the snapshot of the group's latest record: a renamed step shows
    its latest name.
    """
    records = measured_records(filters, site_ids)
    rows = []
    for row, stats in aggregates.grouped(records, STEP_KEYS):
        key = {name: row[name] for name in STEP_KEYS}
        label = (
            records.filter(**key)
            .order_by("-finished_at", "-pk")
            .values("agency", "sop_name", "step_name")
            .first()
        )
        rows.append(
            StepRow(
                agency=label["agency"],
                sop_name=label["sop_name"],
                step_number=row["step_number"],
                step_name=label["step_name"],
                baseline=row["baseline"],
                stats=stats,
            )
        )
    rows.sort(key=lambda r: (r.agency, r.sop_name, r.step_number or 0, r.baseline))
    return rows


def actor_summary(filters, site_ids=None):
    """Per actor (by recorded username), the count, median, p90, max, on time, late."""
    return [
        ActorRow(
            agency=row["agency"],
            actor_username=row["actor_username"],
            actor_name=row["latest_name"] or row["actor_username"],
            stats=stats,
        )
        for row, stats in aggregates.grouped(
            measured_records(filters, site_ids), ACTOR_KEYS, {"latest_name": Max("actor_name")}
        )
    ]


def total_summary(filters, site_ids=None):
    """The same figures over every record the filter selects."""
    return aggregates.total(measured_records(filters, site_ids))


def week_start(moment):
    local = timezone.localtime(moment, timezone.get_default_timezone()).date()
    return local - datetime.timedelta(days=local.weekday())


def weekly_on_time(filters, site_ids=None):
    """On-time and late counts per week (Monday to Sunday, Asia/Jakarta), every week of the
    period listed, empty weeks included, so a chart shows the gaps."""
    rows = (
        measured_records(filters, site_ids)
        .order_by()
        .annotate(week=TruncWeek("finished_at", tzinfo=timezone.get_default_timezone()))
        .values("week")
        .annotate(
            count=Count("*"),
            on_time_count=Count("on_time", filter=Q(on_time=True)),
            late_count=Count("on_time", filter=Q(on_time=False)),
        )
        .order_by("week")
    )
    with aggregates.tuned():
        counted = {week_start(row["week"]): row for row in rows}
    first = week_start(local_midnight(filters.date_from)) if filters.date_from else None
    last = week_start(local_midnight(filters.date_to)) if filters.date_to else None
    if counted:
        first = first or min(counted)
        last = last or max(counted)
    if first is None or last is None:
        return []
    weeks = []
    monday = first
    while monday <= last:
        row = counted.get(monday)
        weeks.append(
            WeekRow(
                week_start=monday,
                count=row["count"] if row else 0,
                on_time=row["on_time_count"] if row else 0,
                late=row["late_count"] if row else 0,
            )
        )
        monday += datetime.timedelta(days=7)
    return weeks


# The report as a whole -------------------------------------------------------------------------


@dataclass
class Letterhead:
    """The header and signature block of a printed report, after the signed SOP form."""

    government: str = "Pemerintah Kota Bekasi"
    agency: str = ""
    sop_name: str = ""
    sop_number: str = ""
    signer: str = ""  # the approving official's title
    signer_name: str = ""  # blank on the form when the SOP names nobody


def letterhead(site=None, sop_name="", sop=None, agency=""):
    """The header for one agency (and one SOP, if the report or record is about one)."""
    if sop is None and site is not None:
        sops = Sop.objects.filter(site=site)
        if sop_name:
            sops = sops.filter(name=sop_name)
        candidates = list(sops.order_by("pk")[:2])
        if len(candidates) == 1:
            sop = candidates[0]
    head = Letterhead(agency=agency, sop_name=sop_name)
    if site is not None:
        settings = AgencySettings.objects.filter(site=site).first()
        if settings:
            head.government = settings.government or head.government
            head.agency = head.agency or settings.full_name
        head.agency = head.agency or site.site_name or site.hostname
    if sop is not None:
        head = replace(
            head,
            government=sop.government or head.government,
            agency=sop.agency or head.agency,
            sop_name=sop.name,
            sop_number=sop.number,
            signer=sop.signed_by or sop.approved_by,
            signer_name=(
                sop.approver_name if not sop.signed_by or sop.signed_by == sop.approved_by else ""
            ),
        )
    return head


@dataclass
class Report:
    filters: ReportFilter
    steps: list
    actors: list
    weeks: list
    total: aggregates.Stats
    head: Letterhead
    emergencies: list = field(default_factory=list)  # StepRecords, outcome "emergency"
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    def description(self):
        """(label, text) lines saying what the report covers, for the XLSX and the PDF."""
        filters = self.filters
        period = gettext("%(start)s s.d. %(end)s") % {
            "start": day_text(filters.date_from) or gettext("awal"),
            "end": day_text(filters.date_to) or gettext("sekarang"),
        }
        lines = [
            (gettext("Pemerintah daerah"), self.head.government),
            (gettext("Instansi"), self.head.agency),
            (gettext("SOP"), self.head.sop_name or gettext("Semua SOP")),
            (gettext("Nomor SOP"), self.head.sop_number),
            (gettext("Periode"), period),
        ]
        if filters.step_number is not None:
            lines.append((gettext("Langkah"), str(filters.step_number)))
        if filters.actor:
            lines.append((gettext("Pelaksana"), filters.actor))
        lines.append((gettext("Dibuat"), format_moment(self.generated_at)))
        return lines


def build_report(filters, site_ids=None):
    """Everything the report page, its exports and the command show, for `filters`."""
    agency = ""
    if filters.site is None and site_ids is not None and len(site_ids) == 1:
        filters = replace(filters, site=Site.objects.get(pk=site_ids[0]))
    if filters.site is None:
        agencies = sorted(
            set(finished_records(filters, site_ids).values_list("agency", flat=True).distinct())
        )
        agency = "; ".join(agencies)
    return Report(
        filters=filters,
        steps=step_summary(filters, site_ids),
        actors=actor_summary(filters, site_ids),
        weeks=weekly_on_time(filters, site_ids),
        total=total_summary(filters, site_ids),
        head=letterhead(filters.site, filters.sop_name, agency=agency),
        emergencies=emergency_publications(filters, site_ids),
    )


def recent_items(filters, site_ids=None, limit=20):
    """The news items whose steps finished last in the period: links to their SOP record."""
    return list(
        finished_records(filters, site_ids)
        .order_by()
        .values("page_id")
        .annotate(title=Max("page_title"), last_finished=Max("finished_at"), steps=Count("pk"))
        .order_by("-last_finished", "-page_id")[:limit]
    )


# One item's SOP record -------------------------------------------------------------------------


@dataclass
class ItemRecord:
    page_id: int
    page_title: str
    site: object
    records: list  # every StepRecord of the item, open ones included, in the order they ran
    head: Letterhead

    @property
    def sop_names(self):
        return list(dict.fromkeys(record.sop_name for record in self.records))


def item_record(page_id, site_ids=None):
    """Every step record of one news item (None when there is none the reader may see)."""
    records = StepRecord.objects.filter(page_id=page_id).select_related("site", "sop")
    if site_ids is not None:
        records = records.filter(site_id__in=site_ids)
    records = list(records.order_by("started_at", "pk"))
    if not records:
        return None
    last = records[-1]
    sop = next((record.sop for record in reversed(records) if record.sop_id), None)
    head = letterhead(last.site, last.sop_name, sop=sop, agency=last.agency)
    return ItemRecord(
        page_id=page_id, page_title=last.page_title, site=last.site, records=records, head=head
    )
