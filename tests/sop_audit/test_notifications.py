"""SOP mails: sent in Indonesian by a task after the moderation commits, to the step's actors
when a step starts and to the submitter when a step passes, sends the item back or publishes it.
Wagtail's own (English, synchronous) notification mails are gone."""

import datetime
import io
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from django_tasks import TaskResultStatus
from wagtail import signals
from wagtail.models import Page, TaskState, WorkflowState

from apps.news.models import NewsPage
from apps.sop_audit import deadlines, notifications, tasks
from apps.sop_audit.models import Sop

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
MONDAY_1420 = datetime.datetime(2026, 11, 23, 14, 20, tzinfo=JAKARTA)


def make_user(username, *, group=None, **extra):
    user = get_user_model().objects.create_user(
        username,
        email=extra.pop("email", f"{username}@demo.warta.test"),
        password="x",
        first_name=extra.pop("first_name", username.title()),
        **extra,
    )
    if group is not None:
        user.groups.add(group)
    return user


@pytest.fixture
def sop_a(kominfo):
    """Diskominfostandi (tests/conftest.py) following SOP A, its officials and a draft."""
    call_command("load_sop", "sop-a", "--site", kominfo.host, stdout=io.StringIO())
    sop = Sop.objects.get(site=kominfo.site)
    groups = {actor.key: actor.group for actor in sop.actor_groups.all()}
    editor = make_user("editor", first_name="Nur Aini", last_name="Rahmawati")
    page = kominfo.index.add_child(
        instance=NewsPage(
            title="Rapat koordinasi Wi-Fi publik & CCTV",
            slug="rapat",
            summary="Ringkas.",
            live=False,
        )
    )
    page.save_revision(user=editor)
    return SimpleNamespace(
        site=kominfo.site,
        index=kominfo.index,
        sop=sop,
        page=page,
        editor=editor,
        kabid=make_user(
            "kabid",
            group=groups["kepala-bidang-pip"],
            first_name="Rina",
            last_name="Marlina",
            job_title="Kepala Bidang Pengelolaan Informasi Publik",
        ),
        kasi=make_user("kasi", group=groups["kepala-seksi-lkip"]),
        pelaksana=make_user("pelaksana", group=groups["pelaksana"]),
        # Members who must not be mailed.
        former=make_user("former", group=groups["kepala-bidang-pip"], is_active=False),
        no_address=make_user("noaddress", group=groups["kepala-bidang-pip"], email=""),
        # Wagtail would mail superusers on every submission.
        operator=get_user_model().objects.create_superuser("operator", "op@demo.warta.test", "x"),
    )


def current_task_state(page):
    return Page.objects.get(pk=page.pk).specific.current_workflow_task_state


def act(page, user, action, comment=""):
    task_state = current_task_state(page)
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


def submit(a, capture):
    with capture(execute=True):
        a.sop.workflow.start(a.page, a.editor)


def test_step_start_mails_the_step_group_with_its_baseline_and_due_time(
    sop_a, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY_1420, tick=False):
        submit(sop_a, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kabid@demo.warta.test"]  # not the inactive or address-less member
    assert message.subject == (
        '[Warta] Langkah 1: "Rapat koordinasi Wi-Fi publik & CCTV", '
        "tenggat Senin, 23 November 2026 14:30 WIB"
    )
    body = message.body
    assert body.startswith("Yth. Rina Marlina (Kepala Bidang Pengelolaan Informasi Publik),")
    assert "Berita: Rapat koordinasi Wi-Fi publik & CCTV" in body  # not HTML-escaped
    assert f"http://localhost/admin/pages/{sop_a.page.pk}/edit/" in body
    assert "Langkah 1 dari 3: a. Menerima dan mendisposisi bahan berita" in body
    assert "Mutu baku waktu: 10 menit" in body
    assert "Tenggat: Senin, 23 November 2026 14:30 WIB" in body
    assert "Diajukan oleh: Nur Aini Rahmawati" in body
    assert "Kelengkapan: Bahan Berita/ Narasi" in body
    assert "hanya dapat disetujui dengan catatan (disposisi)" in body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_nothing_is_mailed_before_the_moderation_commits(sop_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            sop_a.sop.workflow.start(sop_a.page, sop_a.editor)
            assert mail.outbox == []
        assert mail.outbox == []  # the test's own transaction has not committed either

    assert len(callbacks) == 1
    callbacks[0]()
    assert [message.to for message in mail.outbox] == [["kabid@demo.warta.test"]]


def test_a_rolled_back_action_mails_nobody(sop_a, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        sop_a.sop.workflow.start(sop_a.page, sop_a.editor)
        raise RuntimeError("the request failed after the submission")

    assert callbacks == []
    assert mail.outbox == []
    assert not WorkflowState.objects.exists()


def test_wagtail_own_notification_mails_are_no_longer_sent(
    sop_a, django_capture_on_commit_callbacks
):
    receivers = {
        signal: [key[0] for key, *_ in signal.receivers]
        for signal in (signals.task_submitted, signals.workflow_submitted)
    }
    assert (
        "group_approval_task_submitted_email_notification" not in receivers[signals.task_submitted]
    )
    assert (
        "workflow_state_submitted_email_notification" not in receivers[signals.workflow_submitted]
    )

    submit(sop_a, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(sop_a.page, sop_a.kabid, "reject", "Foto belum ada.")

    texts = [message.subject + message.body for message in mail.outbox]
    assert texts, "our own mails are sent"
    assert all(message.subject.startswith("[Warta]") for message in mail.outbox)
    assert not any("submitted for moderation" in text for text in texts)
    assert not any("has been rejected" in text for text in texts)
    assert "op@demo.warta.test" not in {address for m in mail.outbox for address in m.to}


def test_approval_tells_the_submitter_and_passes_the_disposition_to_the_next_step(
    sop_a, django_capture_on_commit_callbacks
):
    submit(sop_a, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with (
        time_machine.travel(MONDAY_1420, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        act(sop_a.page, sop_a.kabid, "approve", "Cek foto, tayangkan sebelum pukul 15.00.")

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"kasi@demo.warta.test", "editor@demo.warta.test"}

    step_two = by_recipient["kasi@demo.warta.test"]
    assert "Langkah 2 dari 3: a. Memeriksa dan menganalisa bahan berita" in step_two.body
    assert "Mutu baku waktu: 30 menit" in step_two.body
    assert "Tenggat: Senin, 23 November 2026 14:50 WIB" in step_two.body
    assert "Catatan langkah 1 (Disposisi) dari Rina Marlina" in step_two.body
    assert "Cek foto, tayangkan sebelum pukul 15.00." in step_two.body

    approved = by_recipient["editor@demo.warta.test"]
    assert approved.subject == (
        '[Warta] Langkah 1 disetujui: "Rapat koordinasi Wi-Fi publik & CCTV"'
    )
    assert "telah melewati langkah 1 dari 3 SOP Pengelolaan Website" in approved.body
    assert "Disetujui oleh: Rina Marlina (Kepala Bidang Pengelolaan Informasi Publik)" in (
        approved.body
    )
    assert "Catatan:\nCek foto, tayangkan sebelum pukul 15.00." in approved.body
    assert "Berikutnya, langkah 2: a. Memeriksa" in approved.body


def test_rejection_tells_the_submitter_which_step_and_why(
    sop_a, django_capture_on_commit_callbacks
):
    submit(sop_a, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(sop_a.page, sop_a.kabid, "approve", "Tayangkan.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(sop_a.page, sop_a.kasi, "reject", "Judul terlalu panjang; sumber foto belum ditulis.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@demo.warta.test"]
    assert message.subject == (
        '[Warta] Dikembalikan pada langkah 2: "Rapat koordinasi Wi-Fi publik & CCTV"'
    )
    assert "Langkah 2: a. Memeriksa dan menganalisa" in message.body
    assert "Alasan:\nJudul terlalu panjang; sumber foto belum ditulis." in message.body
    assert "dilanjutkan dari langkah 2" in message.body


def test_resubmission_after_rejection_mails_the_same_step_again(
    sop_a, django_capture_on_commit_callbacks
):
    submit(sop_a, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(sop_a.page, sop_a.kabid, "reject", "Bahan kurang.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        WorkflowState.objects.get().resume(sop_a.editor)

    assert [message.to for message in mail.outbox] == [["kabid@demo.warta.test"]]
    assert "Langkah 1 dari 3" in mail.outbox[0].body


def test_last_approval_publishes_and_tells_the_submitter_once(
    sop_a, django_capture_on_commit_callbacks
):
    submit(sop_a, django_capture_on_commit_callbacks)
    for user, note in (
        (sop_a.kabid, "Tayangkan."),
        (sop_a.kasi, ""),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            act(sop_a.page, user, "approve", note)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(sop_a.page, sop_a.pelaksana, "approve")

    page = NewsPage.objects.get(pk=sop_a.page.pk)
    assert page.live
    assert len(mail.outbox) == 1  # the publication, not also "step 3 approved"
    message = mail.outbox[0]
    assert message.to == ["editor@demo.warta.test"]
    assert message.subject == '[Warta] Berita telah tayang: "Rapat koordinasi Wi-Fi publik & CCTV"'
    assert "disetujui pada semua langkah SOP Pengelolaan Website" in message.body
    assert "kini tayang" in message.body
    assert page.full_url in message.body
    assert message.body.count("- Langkah ") == 3


def test_nobody_is_told_of_their_own_action(sop_a, django_capture_on_commit_callbacks):
    sop_a.kabid.groups.add(*sop_a.kasi.groups.all())
    submit(sop_a, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    # The Kepala Bidang is the submitter this time, and also an actor of step 2.
    WorkflowState.objects.update(requested_by=sop_a.kabid)

    with django_capture_on_commit_callbacks(execute=True):
        act(sop_a.page, sop_a.kabid, "approve", "Tayangkan.")

    # Both actors of step 2 are told it started; nobody is told that step 1 passed: the
    # submitter approved it.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "kabid@demo.warta.test",
        "kasi@demo.warta.test",
    ]
    assert all("Langkah 2 dari 3" in message.body for message in mail.outbox)


def test_tasks_survive_a_deleted_item_and_can_run_again(sop_a, django_capture_on_commit_callbacks):
    submit(sop_a, django_capture_on_commit_callbacks)
    task_state = TaskState.objects.get()
    workflow_state = WorkflowState.objects.get()
    mail.outbox.clear()

    # Running a task again sends the mail again: harmless.
    result = tasks.notify_step_started.enqueue(task_state.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert len(mail.outbox) == 1

    Page.objects.get(pk=sop_a.page.pk).delete()
    for result in (
        tasks.notify_step_started.enqueue(task_state.pk),
        tasks.notify_step_approved.enqueue(task_state.pk, None),
        tasks.notify_step_rejected.enqueue(task_state.pk, None),
        tasks.notify_published.enqueue(workflow_state.pk, None),
    ):
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == 0
    assert len(mail.outbox) == 1


def test_a_mail_is_written_in_indonesian_whatever_the_active_language(sop_a):
    with time_machine.travel(MONDAY_1420, tick=False):
        sop_a.sop.workflow.start(sop_a.page, sop_a.editor)  # not captured: nothing sent yet
    assert mail.outbox == []

    with translation.override("en"):
        sent = notifications.step_started(TaskState.objects.get().pk)

    assert sent == 1
    assert "Tenggat: Senin, 23 November 2026 14:30 WIB" in mail.outbox[0].body


# Deadlines -------------------------------------------------------------------------------------


def test_due_time_and_time_left_follow_the_baseline(sop_a):
    with time_machine.travel(MONDAY_1420, tick=False):
        sop_a.sop.workflow.start(sop_a.page, sop_a.editor)
    task_state = TaskState.objects.get()

    assert deadlines.due_at(task_state) == MONDAY_1420 + datetime.timedelta(minutes=10)
    at_1428 = MONDAY_1420 + datetime.timedelta(minutes=8)
    assert deadlines.time_left(task_state, now=at_1428) == datetime.timedelta(minutes=2)

    with time_machine.travel(MONDAY_1420 + datetime.timedelta(minutes=15), tick=False):
        assert deadlines.time_left(task_state) == datetime.timedelta(minutes=-5)
        page = Page.objects.get(pk=sop_a.page.pk).specific
        status = deadlines.step_status(page.current_workflow_task_state)
    assert (status.number, status.total) == (1, 3)
    assert status.baseline_display == "10 menit"
    assert status.late
    assert status.time_left_display == "terlambat 5 menit"
    assert status.due_display == "Senin, 23 November 2026 14:30 WIB"


def test_a_page_outside_any_sop_has_no_current_step(sop_a):
    assert deadlines.step_status(sop_a.page.current_workflow_task_state) is None
    assert deadlines.step_status(sop_a.index.current_workflow_task_state) is None


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (datetime.timedelta(minutes=12, seconds=40), "sisa 12 menit"),
        (datetime.timedelta(seconds=30), "sisa kurang dari 1 menit"),
        (datetime.timedelta(hours=2, minutes=5), "sisa 2 jam 5 menit"),
        (datetime.timedelta(days=1, hours=3, minutes=4), "sisa 1 hari 3 jam"),
        (-datetime.timedelta(minutes=5), "terlambat 5 menit"),
        (-datetime.timedelta(hours=1), "terlambat 1 jam"),
    ],
)
def test_time_left_is_written_in_indonesian(delta, text):
    assert deadlines.format_time_left(delta) == text


def test_the_step_count_is_read_once_per_sop_in_a_listing(sop_a, django_assert_num_queries):
    sop_a.sop.workflow.start(sop_a.page, sop_a.editor)
    task_state = TaskState.objects.select_related("task").get()
    task_state.task.specific  # noqa: B018 - loaded, as the inbox has it
    totals = {}
    deadlines.step_status(task_state, totals=totals)
    with django_assert_num_queries(0):
        for _ in range(5):
            deadlines.step_status(task_state, totals=totals)
