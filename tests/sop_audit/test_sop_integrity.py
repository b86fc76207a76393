"""What goes live is exactly what every step of the SOP approved.

The attacks a security audit of the running product found, replayed as the same roles through
the admin views, each now refused or sent back:

1. the last step changes the text (or reverts to a never-submitted version, or lets autosave
   do it) and approves: refused in one request; saved on its own, the item goes back to the
   first step whose approval the change voids;
3. an official's own text submitted under the editor's name, then approved by that official
   at a four-eyes step: refused, because four-eyes looks at who changed the content;
5. the editor's save-and-approve with forged action data (``"update": false``, not JSON, a
   list): a 400 with the reason, no step half done.

The media (2), scheduled publishing (4) and the superuser's Publish (6) have files of their
own: test_media_integrity.py, test_scheduled_publication.py, test_emergency_publication.py.
"""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState

from apps.sop_audit.approvals import SENT_BACK_ACTION
from apps.sop_audit.content import revision_hash
from apps.sop_audit.loading import load_sop_source
from apps.sop_audit.models import StepRecord

from .conftest import (
    DISPOSITION,
    current_task_state,
    make_sop_user,
    news_form_data,
    posted_back_body,
    posted_back_texts,
)
from .test_sop_end_to_end import (
    RESTART,
    approve_steps,
    assert_not_published,
    assert_refused,
    edit_url,
    submit,
    workflow_numbers,
)

pytestmark = pytest.mark.django_db

SUBMITTED_TEXT = "Isi yang diajukan editor."
CHANGED_TEXT = "Isi yang tidak pernah diperiksa."
LAST_STEP = {"kominfo": (3, "pelaksana.kominfo"), "dpkpp": (4, "admin.dpkpp")}


def up_to(sop_admin, agency, number, title="Peresmian taman kota"):
    """An item submitted through the editor and approved by every step before `number`."""
    page = submit(sop_admin, agency, title, paragraph=SUBMITTED_TEXT)
    approve_steps(sop_admin, agency, page, {n for n in workflow_numbers(agency) if n < number})
    assert sop_admin.current_task_state(page).task.specific == agency.step(number)
    return page


def approve_from(sop_admin, agency, page, number):
    approve_steps(sop_admin, agency, page, {n for n in workflow_numbers(agency) if n >= number})


def body_text(page):
    return " ".join(block.value.source for block in page.body)


def approve_in_editor(extra_data):
    return {
        "action-workflow-action": "1",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": extra_data,
    }


# 1. The last step publishes only what the steps before it approved ------------------------------


@pytest.mark.parametrize("key", ["kominfo", "dpkpp"])
def test_the_last_step_cannot_change_the_text_and_publish_it_in_one_request(
    sop_newsroom, sop_admin, key
):
    """The audit's request: the last step's official posts the editor with a new body and
    "approve". Refused, nothing saved; approving without the change publishes what the
    earlier steps approved."""
    agency = getattr(sop_newsroom, key)
    number, username = LAST_STEP[key]
    official = agency.user(username)
    page = up_to(sop_admin, agency, number)

    response = sop_admin.edit(
        official, page, paragraph=CHANGED_TEXT, **approve_in_editor(json.dumps({"comment": ""}))
    )

    assert response.status_code == 200
    assert f"Langkah {number} tidak mengubah isi berita" in response.content.decode()
    assert_not_published(sop_admin, page)
    assert sop_admin.current_task_state(page).task.specific == agency.step(number)
    assert CHANGED_TEXT not in body_text(sop_admin.fresh(page).get_latest_revision_as_object())

    assert sop_admin.approve(official, page).status_code == 302
    page = sop_admin.fresh(page)
    assert page.live
    assert SUBMITTED_TEXT in body_text(page)


@pytest.mark.parametrize("key", ["kominfo", "dpkpp"])
def test_a_change_saved_at_the_last_step_goes_back_to_the_first_step_whose_approval_it_voids(
    sop_newsroom, sop_admin, mailoutbox, django_capture_on_commit_callbacks, key
):
    """SOP A has no editing step: back to step 1. SOP B's Admin edits at step 2: back there,
    and the leadership screens the change at step 3 before anything goes live."""
    agency = getattr(sop_newsroom, key)
    number, username = LAST_STEP[key]
    official = agency.user(username)
    page = up_to(sop_admin, agency, number)
    running = sop_admin.current_task_state(page)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = sop_admin.edit(official, page, paragraph=CHANGED_TEXT)

    assert response.status_code == 302
    restart = agency.step(RESTART[key])
    assert sop_admin.current_task_state(page).task.specific == restart
    assert_not_published(sop_admin, page)
    running.refresh_from_db()
    assert running.status == TaskState.STATUS_CANCELLED
    # The record of the stopped step says why; the page's history too.
    stopped = StepRecord.objects.get(task_state_id=running.pk)
    assert stopped.outcome == StepRecord.OUTCOME_CANCELLED
    assert f"persetujuan diulang mulai Langkah {restart.number}" in stopped.note
    entry = PageLogEntry.objects.get(page=page, action=SENT_BACK_ACTION)
    assert entry.user == official
    # The editor who saved is told where the item went; so are the submitter and the
    # restarted step's officials, who get a link to what changed.
    follow = sop_admin.client.get(response["Location"])
    assert f"persetujuan diulang mulai Langkah {restart.number}" in follow.content.decode()
    subjects = {mail.subject: mail for mail in mailoutbox}
    assert any(f"kembali ke langkah {restart.number}" in subject for subject in subjects)
    started = next(mail for mail in mailoutbox if agency.approver(restart.number).email in mail.to)
    assert "/revisions/compare/" in started.body

    approve_from(sop_admin, agency, page, restart.number)
    page = sop_admin.fresh(page)
    assert page.live
    assert CHANGED_TEXT in body_text(page)
    # Every step after the change approved exactly what went live.
    live_hash = revision_hash(page.live_revision)
    redone = StepRecord.objects.filter(
        page_id=page.pk, started_at__gte=stopped.finished_at, before_submission=False
    )
    assert {record.content_hash for record in redone} == {live_hash}
    assert {record.step_number for record in redone} == {
        n for n in workflow_numbers(agency) if n >= restart.number
    }
    # The item's SOP record shows which version each step approved, linked.
    sop_admin.login(sop_newsroom.operator)
    record_page = sop_admin.client.get(reverse("sop_reports:item", args=[page.pk]))
    html = record_page.content.decode()
    assert "Versi yang disetujui" in html
    view = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, page.live_revision_id])
    assert view in html


def revert_data(revision, **extra):
    """What the revert view's form posts: the old revision's content, as the editor shows it."""
    old = revision.as_object()
    data = news_form_data(old.title, slug=old.slug, summary=old.summary, date=old.date)
    data.update(posted_back_body(old))
    data.update(posted_back_texts(old))
    data.update(extra)
    return data


def test_reverting_to_a_never_submitted_version_at_the_last_step(sop_newsroom, sop_admin):
    """The editor drafts text A, rewrites it as B and submits B. At step 3 the Pelaksana
    reverts to A and approves: refused. Reverting alone sends the item back to step 1."""
    agency = sop_newsroom.kominfo
    pelaksana = agency.user("pelaksana.kominfo")
    _response, page = sop_admin.create(
        agency.editor,
        agency,
        "Festival kuliner",
        paragraph="Teks A yang tidak diajukan",
        action=None,
    )
    never_submitted = sop_admin.fresh(page).get_latest_revision()
    sop_admin.edit(agency.editor, page, paragraph="Teks B yang diajukan", **{"action-submit": "1"})
    approve_steps(sop_admin, agency, page, {1, 2})
    url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, never_submitted.pk))
    sop_admin.login(pelaksana)

    response = sop_admin.client.post(
        url, revert_data(never_submitted, **approve_in_editor(json.dumps({"comment": ""})))
    )

    assert response.status_code == 200
    assert "Langkah 3 tidak mengubah isi berita" in response.content.decode()
    assert_not_published(sop_admin, page)
    assert sop_admin.current_task_state(page).task.specific == agency.step(3)

    response = sop_admin.client.post(url, revert_data(never_submitted))

    assert response.status_code == 302
    assert sop_admin.current_task_state(page).task.specific == agency.step(1)
    assert_not_published(sop_admin, page)
    approve_steps(sop_admin, agency, page, {1, 2, 3})
    assert "Teks A yang tidak diajukan" in body_text(sop_admin.fresh(page))


def test_autosave_at_a_step_that_does_not_edit_sends_the_item_back_and_overwrites_nothing(
    sop_newsroom, sop_admin
):
    """A crafted autosave that names the approved revision to overwrite: a new revision is
    saved instead (what step 1 approved stays as it was), and the item goes back."""
    agency = sop_newsroom.kominfo
    kasi = agency.user("kasi.lkip")
    page = up_to(sop_admin, agency, 2)
    approved = sop_admin.fresh(page).get_latest_revision()
    approved_hash = revision_hash(approved)
    sop_admin.login(kasi)
    data = news_form_data(page.title, slug=page.slug, paragraph=CHANGED_TEXT)
    data["overwrite_revision_id"] = str(approved.pk)

    response = sop_admin.client.post(edit_url(page), data, headers={"accept": "application/json"})

    assert response.status_code == 200
    assert response.json()["success"] is True
    assert response.json()["revision_id"] != approved.pk
    assert revision_hash(Revision.objects.get(pk=approved.pk)) == approved_hash
    assert sop_admin.current_task_state(page).task.specific == agency.step(1)
    assert_not_published(sop_admin, page)


def test_the_editor_autosaves_only_for_the_officials_of_an_editing_step(sop_newsroom, sop_admin):
    kominfo, dpkpp = sop_newsroom.kominfo, sop_newsroom.dpkpp
    screening = up_to(sop_admin, kominfo, 2)
    editing = up_to(sop_admin, dpkpp, 2, title="Bedah rumah")

    sop_admin.login(kominfo.user("kasi.lkip"))
    html = " ".join(sop_admin.client.get(edit_url(screening)).content.decode().split())
    assert "data-w-autosave-interval-value" not in html
    assert "Langkah 2 tidak mengubah isi berita. Perubahan isi yang Anda simpan" in html
    assert "mengembalikan berita ke Langkah 1" in html

    sop_admin.login(dpkpp.user("admin.dpkpp"))
    html = " ".join(sop_admin.client.get(edit_url(editing)).content.decode().split())
    assert "data-w-autosave-interval-value" in html
    assert "tidak mengubah isi berita" not in html


def test_a_caption_changed_at_the_last_step_sends_the_item_back(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    page = up_to(sop_admin, agency, 3)

    response = sop_admin.edit(
        agency.user("pelaksana.kominfo"), page, social_caption_x="Teks X yang belum disetujui."
    )

    assert response.status_code == 302
    assert sop_admin.current_task_state(page).task.specific == agency.step(1)
    assert_not_published(sop_admin, page)


def test_a_save_without_changes_or_a_review_comment_changes_nothing_in_the_sop(
    sop_newsroom, sop_admin
):
    """Reviewers press Save by habit and comment in the editor: neither is a change of content,
    so the item stays at its step and the four-eyes official may still approve it."""
    agency = sop_newsroom.kominfo
    kasi = agency.user("kasi.lkip")
    page = up_to(sop_admin, agency, 2)
    running = sop_admin.current_task_state(page)

    assert sop_admin.edit(kasi, page).status_code == 302
    comment = {
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "",
        "comments-0-id": "",
        "comments-0-contentpath": "title",
        "comments-0-text": "Judulnya sudah tepat?",
        "comments-0-position": "",
        "comments-0-resolved": "",
        "comments-0-replies-TOTAL_FORMS": "0",
        "comments-0-replies-INITIAL_FORMS": "0",
        "comments-0-replies-MIN_NUM_FORMS": "0",
        "comments-0-replies-MAX_NUM_FORMS": "",
    }
    assert sop_admin.edit(kasi, page, **comment).status_code == 302
    assert sop_admin.fresh(page).get_latest_revision().user == kasi

    assert sop_admin.current_task_state(page).pk == running.pk
    assert sop_admin.approve(kasi, page, "Diperiksa.").status_code == 302
    assert sop_admin.current_task_state(page).task.specific == agency.step(3)


def test_content_altered_behind_the_sop_is_not_approved(sop_newsroom, sop_admin):
    """A revision's content changed in the database, where no save is seen: the step's record
    still holds the hash it started on, and the approval is refused."""
    agency = sop_newsroom.kominfo
    page = up_to(sop_admin, agency, 3)
    latest = sop_admin.fresh(page).get_latest_revision()
    content = dict(latest.content, title="Judul yang disisipkan")
    Revision.objects.filter(pk=latest.pk).update(content=content)

    response = sop_admin.approve(agency.user("pelaksana.kominfo"), page)

    assert_refused(response, "Isi berita berubah sejak langkah ini dimulai")
    assert_not_published(sop_admin, page)


# 3. Four eyes over the content, not the last save ------------------------------------------------


@pytest.mark.parametrize("live", [True, False], ids=["update of a live item", "new item"])
def test_an_official_cannot_approve_his_own_text_submitted_under_the_editors_name(
    sop_newsroom, sop_admin, live
):
    """The audit's evasion: the Kasi saves his own text as a draft, the editor submits it
    unchanged (a revision in the editor's name), the Kabid approves step 1, and the Kasi would
    approve step 2, his own text."""
    agency = sop_newsroom.kominfo
    kasi = agency.user("kasi.lkip")
    if live:
        page = agency.publish_through_sop(agency.draft("Layanan perizinan daring"))
    else:
        _response, page = sop_admin.create(
            agency.editor, agency, "Layanan perizinan daring", action=None
        )
    assert (
        sop_admin.edit(kasi, page, paragraph="Teks yang ditulis Kasi sendiri.").status_code == 302
    )
    assert sop_admin.edit(agency.editor, page, **{"action-submit": "1"}).status_code == 302
    assert sop_admin.fresh(page).get_latest_revision().user == agency.editor
    approve_steps(sop_admin, agency, page, {1})

    response = sop_admin.approve(kasi, page, "Setuju.")

    assert_refused(response, "Prinsip empat mata: Anda ikut mengubah isi berita ini")
    assert sop_admin.current_task_state(page).task.specific == agency.step(2)
    second_kasi = make_sop_user("kasi.kedua")
    second_kasi.groups.add(agency.group("kepala-seksi-lkip"))
    assert sop_admin.approve(second_kasi, page, "Diperiksa pejabat lain.").status_code == 302
    assert sop_admin.current_task_state(page).task.specific == agency.step(3)


def test_content_approved_for_publication_earlier_makes_nobody_an_author_now(
    sop_newsroom, sop_admin
):
    """The Kasi wrote an item that went live through the whole SOP (another Kasi passed it);
    a later correction by the editor can be passed by him: his text was approved before."""
    agency = sop_newsroom.kominfo
    kasi = agency.user("kasi.lkip")
    second_kasi = make_sop_user("kasi.kedua")
    second_kasi.groups.add(agency.group("kepala-seksi-lkip"))
    _response, page = sop_admin.create(agency.editor, agency, "Jadwal layanan", action=None)
    sop_admin.edit(kasi, page, paragraph="Teks yang ditulis Kasi.")
    sop_admin.edit(agency.editor, page, **{"action-submit": "1"})
    approve_steps(sop_admin, agency, page, {1})
    assert sop_admin.approve(second_kasi, page, "Diperiksa.").status_code == 302
    approve_steps(sop_admin, agency, page, {3})
    assert sop_admin.fresh(page).live

    sop_admin.edit(agency.editor, page, summary="Jadwal diperbarui.", **{"action-submit": "1"})
    approve_steps(sop_admin, agency, page, {1, 2, 3})

    assert sop_admin.fresh(page).summary == "Jadwal diperbarui."


# 5. The editor's action data is checked ------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ('{"comment": "Disposisi.", "update": false}', "isian tidak dikenal update"),
        ("not json", "bukan JSON"),
        ("[1, 2]", "harus berupa objek JSON"),
        ('{"comment": 5}', "setiap isian harus berupa teks"),
        ('{"comment": "Disposisi.", "user": 1}', "isian tidak dikenal user"),
    ],
)
def test_forged_action_data_is_a_400_with_the_reason_and_no_step_moves(
    sop_newsroom, sop_admin, payload, reason
):
    agency = sop_newsroom.kominfo
    page = submit(sop_admin, agency, "Rapat koordinasi")
    state = sop_admin.current_task_state(page)
    revisions = sop_admin.fresh(page).revisions.count()

    response = sop_admin.edit(agency.user("kabid.pip"), page, **approve_in_editor(payload))

    assert response.status_code == 400
    assert reason in response.content.decode()
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert sop_admin.fresh(page).revisions.count() == revisions
    assert_not_published(sop_admin, page)
    # A well-formed disposition still works from the editor.
    response = sop_admin.edit(
        agency.user("kabid.pip"), page, **approve_in_editor(json.dumps({"comment": DISPOSITION}))
    )
    assert response.status_code == 302
    assert sop_admin.current_task_state(page).task.specific == agency.step(2)


def test_the_step_itself_refuses_arguments_its_form_does_not_post(sop_newsroom):
    agency = sop_newsroom.kominfo
    page = agency.draft("Berita uji")
    agency.submit(page)
    state = current_task_state(page)

    with pytest.raises(PermissionDenied, match="update"):
        state.task.specific.on_action(
            state, agency.approver(1), "approve", comment=DISPOSITION, update=False
        )
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


# An SOP whose editing step is in the middle -----------------------------------------------------

MIDDLE_EDITOR_SOP = """
key: sop-uji-penyunting-di-tengah
name: Uji Penyunting di Tengah
agency: Dinas Komunikasi, Informatika, Statistik dan Persandian
groups:
  - {key: kepala-bidang, name: Kepala Bidang Uji}
  - {key: admin, name: Admin Uji}
  - {key: kepala-dinas, name: Kepala Dinas Uji}
steps:
  - {key: terima, number: 1, name: Menerima bahan, actor: kepala-bidang, baseline: 10m,
     note_required: true}
  - {key: sunting, number: 2, name: Menyunting bahan, actor: admin, baseline: 2h, may_edit: true}
  - {key: saring, number: 3, name: Menyaring, actor: kepala-dinas, baseline: 2h, four_eyes: true}
  - {key: tayang, number: 4, name: Menayangkan, actor: admin, baseline: 30m}
"""


@pytest.fixture
def middle_editor(sop_newsroom, tmp_path):
    """Diskominfostandi's news under an SOP whose step 2 edits, with its three officials."""
    path = tmp_path / "sop-uji.yaml"
    path.write_text(MIDDLE_EDITOR_SOP)
    agency = sop_newsroom.kominfo
    sop = load_sop_source(str(path), agency.site.hostname)[1].sop
    people = {}
    for username, group in (
        ("kabid.uji", "kepala-bidang"),
        ("admin.uji", "admin"),
        ("kadis.uji", "kepala-dinas"),
    ):
        people[username] = make_sop_user(username)
        people[username].groups.add(sop.actor_groups.get(key=group).group)
    return agency, sop, people


def test_a_change_goes_back_no_further_than_the_editing_step_before_it(middle_editor, sop_admin):
    """At step 4 the Admin changes the text: step 2 (the Admin's editing step) starts again and
    step 1's disposition stands, since step 2 may rework the material anyway."""
    agency, sop, people = middle_editor
    _response, page = sop_admin.create(agency.editor, agency, "Uji penyunting")
    steps = {step.number: step for step in sop.current_steps()}

    def act(username, comment=""):
        assert sop_admin.approve(people[username], page, comment).status_code == 302

    act("kabid.uji", "Disposisi uji.")
    response = sop_admin.edit(
        people["admin.uji"], page, paragraph="Disunting Admin.", **approve_in_editor("{}")
    )
    assert response.status_code == 302  # step 2 edits and approves in one go
    act("kadis.uji")
    assert sop_admin.current_task_state(page).task.specific == steps[4]

    assert sop_admin.edit(people["admin.uji"], page, paragraph="Diubah lagi.").status_code == 302

    assert sop_admin.current_task_state(page).task.specific == steps[2]
    assert [s.status for s in TaskState.objects.filter(task=steps[1])] == ["approved"]
    act("admin.uji")
    act("kadis.uji")
    act("admin.uji")
    page = sop_admin.fresh(page)
    assert page.live
    assert "Diubah lagi." in body_text(page)
    assert page.last_published_at <= timezone.now()


def test_a_step_is_acted_on_only_through_its_own_items_url(sop_newsroom, sop_admin):
    """The action URL names an item and a step: a step of another item is not found there."""
    agency = sop_newsroom.kominfo
    mine = submit(sop_admin, agency, "Berita pertama")
    other = submit(sop_admin, agency, "Berita kedua")
    other_state = current_task_state(other)
    sop_admin.login(agency.user("kabid.pip"))

    url = reverse("wagtailadmin_pages:workflow_action", args=(mine.pk, "approve", other_state.pk))
    response = sop_admin.client.post(url, {"comment": DISPOSITION})

    assert response.status_code == 404
    other_state.refresh_from_db()
    assert other_state.status == TaskState.STATUS_IN_PROGRESS


def test_the_kepala_dinas_cannot_screen_his_own_text_submitted_by_the_division(
    sop_newsroom, sop_admin
):
    """SOP B's variant: the Kepala Dinas saves his text in a live item, the division submits
    it unchanged, the Admin passes it on without editing; at step 3 the Kepala Dinas may not
    screen it, the Sekretaris may."""
    agency = sop_newsroom.dpkpp
    kadis = agency.user("kadis.dpkpp")
    page = agency.publish_through_sop(agency.draft("Program rumah layak huni"))
    assert sop_admin.edit(kadis, page, paragraph="Teks dari Kepala Dinas.").status_code == 302
    author = agency.user("kabid.perumahan")
    assert sop_admin.edit(author, page, **{"action-submit": "1"}).status_code == 302
    approve_steps(sop_admin, agency, page, {2})

    response = sop_admin.approve(kadis, page)

    assert_refused(response, "Prinsip empat mata: Anda ikut mengubah isi berita ini")
    assert sop_admin.approve(agency.user("sekretaris.dpkpp"), page).status_code == 302
    assert sop_admin.current_task_state(page).task.specific == agency.step(4)
