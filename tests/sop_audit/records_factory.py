"""SOP step records made directly, for the report, export, API and command tests.

The reports read only the records' own snapshot fields, so these tests write rows as the audit
would leave them, with no workflow behind them: opened with create(), finished once with the
manager's finish() (a finished record cannot be saved). They are not chained: the reports do
not read the chain.
"""

import datetime
import itertools
import zoneinfo

from apps.sop_audit.models import StepRecord

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
SOP_A = "Pengelolaan Website"
SOP_B = "Pengelolaan Website dan Medsos"
AGENCY_A = "Dinas Komunikasi, Informatika, Statistik dan Persandian"
AGENCY_B = "Dinas Perumahan, Kawasan Permukiman dan Pertanahan"
STEPS_A = {
    1: ("Menerima dan mendisposisi bahan berita", "Kepala Bidang PIP", 10),
    2: ("Memeriksa dan menganalisa bahan berita", "Kepala Seksi LKIP", 30),
    3: ("Mempublikasi berita pada website", "Pelaksana", 5),
}
_pages = itertools.count(1000)


def wib(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def make_record(
    site,
    *,
    finished,
    seconds,
    step=1,
    steps=None,
    on_time=None,
    actor="kabid.pip",
    actor_name="Budi Santoso",
    agency=AGENCY_A,
    sop_name=SOP_A,
    page_id=None,
    page_title="Wi-Fi publik di 50 taman",
    outcome=StepRecord.OUTCOME_APPROVED,
    note="",
    wall_seconds=None,
    started=None,
):
    """A record of step `step` that finished at `finished` after `seconds` of working time
    (None: still running). on_time defaults to "within the step's baseline"."""
    name, group, minutes = (steps or STEPS_A)[step]
    baseline = datetime.timedelta(minutes=minutes)
    if on_time is None and seconds is not None:
        on_time = seconds <= baseline.total_seconds()
    if started is None:
        started = finished - datetime.timedelta(seconds=seconds) if finished else wib(2026, 3, 2)
    record = StepRecord.objects.create(
        site=site,
        agency=agency,
        chain=f"site-{site.pk if site else 0}",
        sop_name=sop_name,
        step_number=step,
        step_name=name,
        actor_group=group,
        baseline=baseline,
        page_id=page_id or next(_pages),
        page_title=page_title,
        started_at=started,
        due_at=started + baseline,
    )
    if finished:
        # A finished record is written once, the way the audit finishes one.
        StepRecord.objects.finish(
            record.pk,
            finished_at=finished,
            outcome=outcome,
            actor_username=actor,
            actor_name=actor_name,
            note=note,
            wall_seconds=wall_seconds or seconds,
            working_seconds=seconds,
            on_time=on_time,
        )
        record.refresh_from_db()
    return record


def make_sop_a(site):
    """SOP A's identity on `site`, as the signed form gives it (no workflow needed here)."""
    from apps.sop_audit.models import Sop

    return Sop.objects.create(
        site=site,
        key="sop-a-pengelolaan-website",
        name=SOP_A,
        number="800/015/Diskominfostandi",
        agency=AGENCY_A,
        approved_by="Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Bekasi",
        approver_name="ENCU HERMANA RADHMAN",
        signed_by="Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Bekasi",
    )


def make_staff(agency, username, *, password="uji-laporan-2026"):
    """An agency's editor: admin access and change on its news section, as the demo gives."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group, _ = Group.objects.get_or_create(name=f"Editor {agency.site.site_name}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    GroupPagePermission.objects.get_or_create(
        group=group,
        page=agency.index,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    user = get_user_model().objects.create_user(username=username, password=password)
    user.groups.add(group)
    return user
