"""Both SOPs end to end through the real admin views, each person logged in as themselves.

The editor (SOP A) or the division's Kepala Bidang (SOP B) writes the item in the page editor
and submits it; each step's official approves from the workflow action modal (or the page
editor); only the last approval publishes. A rejection at any step needs a reason, returns the
item to its author, and resubmission resumes at the step that rejected it. SOP A's first step
needs a disposition; the four-eyes steps refuse whoever submitted or last edited the item.
"""

import json

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from .conftest import DISPOSITION, make_sop_user

pytestmark = pytest.mark.django_db

# Who submits, then who approves each workflow step (number as on the signed form) and with
# which note. SOP B's step 1 happens before submission: its Kepala Bidang drafts and submits.
ROUTES = {
    "kominfo": {
        "author": "editor.kominfo",
        "steps": [
            (1, "kabid.pip", DISPOSITION),
            (2, "kasi.lkip", "Sudah diperiksa."),
            (3, "pelaksana.kominfo", ""),
        ],
    },
    "dpkpp": {
        "author": "kabid.perumahan",
        "steps": [
            (2, "admin.dpkpp", "Foto dan naskah sudah disunting."),
            (3, "kadis.dpkpp", ""),
            (4, "admin.dpkpp", ""),
        ],
    },
}


def agency_of(newsroom, key):
    return getattr(newsroom, key)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def publications(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish")


def states_of(page, step):
    return TaskState.objects.filter(
        workflow_state__object_id=str(page.pk), task_id=step.pk
    ).order_by("pk")


def error_messages(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request) if "error" in m.tags)


def assert_refused(response, reason):
    """A refused workflow action says why: the modal shows the reason in place of its form; a
    plain request goes back (to the editor, or where it came from) with the reason as an error
    message, not to the dashboard with Wagtail's generic "no permission"."""
    if response["Content-Type"].startswith("application/json"):
        payload = response.json()
        assert payload["step"] == "refused"
        assert reason in " ".join(payload["html"].split())
    else:
        assert response.status_code == 302
        assert response["Location"] != reverse("wagtailadmin_home")
        assert reason in error_messages(response)


def assert_refused_in_editor(response, reason):
    """The editor's save-and-act refused: the editor again, with the reason."""
    assert response.status_code == 200
    assert reason in " ".join(response.content.decode().split())


def assert_not_published(sop_admin, page):
    page = sop_admin.fresh(page)
    assert not page.live
    assert page.first_published_at is None
    assert not publications(page).exists()


def submit(sop_admin, agency, title, **fields):
    author = agency.user(ROUTES[agency.key]["author"])
    response, page = sop_admin.create(author, agency, title, **fields)
    assert response.status_code == 302, (
        getattr(response, "context", None) and response.context["form"].errors
    )
    assert page is not None
    return page


def approve_steps(sop_admin, agency, page, numbers):
    """The officials of the given steps approve them in turn, each from the action modal."""
    for number, username, comment in ROUTES[agency.key]["steps"]:
        if number not in numbers:
            continue
        state = sop_admin.current_task_state(page)
        assert state.task.specific.number == number
        response = sop_admin.approve(agency.user(username), page, comment)
        assert response.status_code == 302
        assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED


def workflow_numbers(agency):
    return [number for number, _user, _comment in ROUTES[agency.key]["steps"]]


# The whole way --------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["kominfo", "dpkpp"])
def test_sop_runs_from_submission_to_publication(sop_newsroom, sop_admin, key):
    agency = agency_of(sop_newsroom, key)
    route = ROUTES[key]
    author = agency.user(route["author"])

    page = submit(sop_admin, agency, "Rapat koordinasi Wi-Fi publik dan CCTV")

    workflow_state = page.current_workflow_state
    assert workflow_state.workflow == agency.sop.workflow
    assert workflow_state.requested_by == author
    assert page.get_latest_revision().user == author
    *middle, last = route["steps"]
    for number, username, comment in middle:
        state = sop_admin.current_task_state(page)
        assert state.task.specific == agency.step(number)
        assert_not_published(sop_admin, page)

        response = sop_admin.approve(agency.user(username), page, comment)

        assert response.status_code == 302
        state.refresh_from_db()
        assert state.status == TaskState.STATUS_APPROVED
        assert state.finished_by == agency.user(username)
        assert state.comment == comment
    assert_not_published(sop_admin, page)

    number, username, _comment = last
    last_state = sop_admin.current_task_state(page)
    assert last_state.task.specific == agency.step(number)
    approver = agency.user(username)
    response = sop_admin.approve(approver, page)

    assert response.status_code == 302
    page = sop_admin.fresh(page)
    assert page.live
    assert not page.has_unpublished_changes
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    # Published once, by the last approver, on the SOP's authority (nobody holds publish).
    [publication] = publications(page)
    assert publication.user == approver
    assert publication.revision == page.live_revision
    # The revision stays the author's: the approver published it, they did not write it.
    assert page.live_revision.user == author
    # One approved task state per workflow step, in order, nothing else.
    states = TaskState.objects.filter(workflow_state=workflow_state).order_by("pk")
    assert [(s.task.specific.number, s.status) for s in states] == [
        (number, TaskState.STATUS_APPROVED) for number in workflow_numbers(agency)
    ]


def test_sop_b_first_step_is_not_a_workflow_task(sop_newsroom, sop_admin):
    """Step 1 (the division's report) happens before submission: the workflow starts at 2."""
    agency = sop_newsroom.dpkpp
    drafting = agency.step(1)
    assert drafting.before_submission
    assert [step.number for step in agency.steps] == [2, 3, 4]

    page = submit(sop_admin, agency, "Penataan kawasan permukiman Bekasi Utara")

    assert sop_admin.current_task_state(page).task.specific == agency.step(2)
    assert not TaskState.objects.filter(task_id=drafting.pk).exists()


@pytest.mark.parametrize("username", ["kadis.dpkpp", "sekretaris.dpkpp", "kasubag.tu"])
def test_any_one_of_three_officials_passes_sop_b_step_3(sop_newsroom, sop_admin, username):
    agency = sop_newsroom.dpkpp
    page = submit(sop_admin, agency, "Sertifikasi tanah warga")
    approve_steps(sop_admin, agency, page, {2})
    state = sop_admin.current_task_state(page)

    response = sop_admin.approve(agency.user(username), page)

    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.finished_by == agency.user(username)
    assert sop_admin.current_task_state(page).task.specific == agency.step(4)
    assert_not_published(sop_admin, page)


def test_sop_b_admin_edits_and_approves_from_the_page_editor(sop_newsroom, sop_admin):
    """Step 2 is the Admin's edit: a change saved with "Setujui" in the editor moves it on."""
    agency = sop_newsroom.dpkpp
    admin = agency.user("admin.dpkpp")
    page = submit(sop_admin, agency, "Bedah rumah tidak layak huni")

    response = sop_admin.edit(
        admin,
        page,
        summary="Ringkasan yang sudah disunting Admin.",
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "Disunting."}),
        },
    )

    assert response.status_code == 302
    page = sop_admin.fresh(page)
    assert page.get_latest_revision().user == admin
    assert page.get_latest_revision_as_object().summary == "Ringkasan yang sudah disunting Admin."
    assert states_of(page, agency.step(2)).get().status == TaskState.STATUS_APPROVED
    assert sop_admin.current_task_state(page).task.specific == agency.step(3)
    # Step 3 (four-eyes) is open to the Kepala Dinas: he neither submitted nor edited it.
    approve_steps(sop_admin, agency, page, {3, 4})
    page = sop_admin.fresh(page)
    assert page.live
    assert page.summary == "Ringkasan yang sudah disunting Admin."


# Rejection and resumption -------------------------------------------------------------------

REJECTIONS = [
    ("kominfo", 1),
    ("kominfo", 2),
    ("kominfo", 3),
    ("dpkpp", 2),
    ("dpkpp", 3),
    ("dpkpp", 4),
]


# Where a resubmission starts: at the rejecting step if the content is what it rejected; after
# a change, at the first step whose approval the change voids (SOP A: step 1, nothing edits;
# SOP B: step 2, the Admin's editing step).
RESTART = {"kominfo": 1, "dpkpp": 2}


@pytest.mark.parametrize("changed", [False, True], ids=["unchanged", "changed"])
@pytest.mark.parametrize(("key", "rejected_at"), REJECTIONS)
def test_a_rejected_item_returns_to_its_author_and_resumes_where_its_content_was_approved(
    sop_newsroom, sop_admin, key, rejected_at, changed
):
    agency = agency_of(sop_newsroom, key)
    route = ROUTES[key]
    author = agency.user(route["author"])
    numbers = workflow_numbers(agency)
    earlier = {n for n in numbers if n < rejected_at}
    page = submit(sop_admin, agency, "Pelayanan izin mendirikan bangunan")
    approve_steps(sop_admin, agency, page, earlier)
    rejecting_step = agency.step(rejected_at)
    rejected_state = sop_admin.current_task_state(page)
    assert rejected_state.task.specific == rejecting_step
    officer = agency.user({n: u for n, u, _c in route["steps"]}[rejected_at])

    response = sop_admin.reject(officer, page, "Foto kurang jelas; tambahkan sumber data.")

    assert response.status_code == 302
    rejected_state.refresh_from_db()
    assert rejected_state.status == TaskState.STATUS_REJECTED
    assert rejected_state.finished_by == officer
    assert rejected_state.comment == "Foto kurang jelas; tambahkan sumber data."
    workflow_state = rejected_state.workflow_state
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert sop_admin.fresh(page).current_workflow_task_state is None  # with its author now
    assert_not_published(sop_admin, page)

    # The author fixes it in the editor (or, convinced it was fine, changes nothing) and
    # submits it again.
    fix = {"summary": "Ringkasan diperbaiki."} if changed else {}
    response = sop_admin.edit(author, page, **fix, **{"action-submit": "1"})

    assert response.status_code == 302
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    resumed = sop_admin.current_task_state(page)
    assert resumed.pk != rejected_state.pk
    restart = min(RESTART[key], rejected_at) if changed else rejected_at
    assert resumed.task.specific == agency.step(restart)
    assert resumed.revision == sop_admin.fresh(page).get_latest_revision()
    # Approvals of the content as it still is stand; those of the old content are redone.
    for number in earlier:
        statuses = [s.status for s in states_of(page, agency.step(number))]
        again = [TaskState.STATUS_IN_PROGRESS] if number == restart else []
        assert statuses == [TaskState.STATUS_APPROVED, *again]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.resume").count() == 1
    assert_not_published(sop_admin, page)

    approve_steps(sop_admin, agency, page, {n for n in numbers if n >= restart})
    page = sop_admin.fresh(page)
    assert page.live
    assert page.summary == (
        "Ringkasan diperbaiki." if changed else "Ringkasan Pelayanan izin mendirikan bangunan."
    )
    assert publications(page).count() == 1
    for number in (n for n in numbers if restart <= n < rejected_at):
        statuses = [s.status for s in states_of(page, agency.step(number))]
        assert statuses == [TaskState.STATUS_APPROVED, TaskState.STATUS_APPROVED]


@pytest.mark.parametrize(("key", "rejected_at"), REJECTIONS)
@pytest.mark.parametrize("reason", ["", "   "])
def test_rejection_without_a_reason_is_refused(sop_newsroom, sop_admin, key, rejected_at, reason):
    agency = agency_of(sop_newsroom, key)
    route = ROUTES[key]
    page = submit(sop_admin, agency, "Sosialisasi rumah susun")
    approve_steps(sop_admin, agency, page, {n for n in workflow_numbers(agency) if n < rejected_at})
    state = sop_admin.current_task_state(page)
    officer = agency.user({n: u for n, u, _c in route["steps"]}[rejected_at])

    # From the modal: the form is shown again with the field's error, nothing is recorded.
    response = sop_admin.reject(officer, page, reason, xhr=True)

    assert response.status_code == 200
    payload = response.json()
    assert payload["step"] == "action"
    assert "Alasan dikembalikan" in payload["html"]
    assert "error" in payload["html"]
    # Without JavaScript the view sends them back to the editor, again recording nothing.
    assert sop_admin.reject(officer, page, reason).status_code == 302
    # The editor's combined path passes the modal's data unchecked: on_action refuses it.
    response = sop_admin.edit(
        officer,
        page,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": reason}),
        },
    )
    assert_refused_in_editor(response, "Alasan pengembalian wajib diisi.")
    # And the task itself, whoever calls it.
    with pytest.raises(PermissionDenied):
        state.task.specific.on_action(state, officer, "reject", comment=reason)

    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert state.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").exists()


# SOP A step 1: the disposition -------------------------------------------------------------


def test_step_1_is_refused_without_a_disposition_and_keeps_it_when_given(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    kabid = agency.user("kabid.pip")
    page = submit(sop_admin, agency, "Layanan aduan warga 24 jam")
    state = sop_admin.current_task_state(page)

    # The modal asks for the disposition.
    sop_admin.login(kabid)
    modal = sop_admin.client.get(sop_admin.action_url(page, "approve")).json()
    assert "Disposisi" in modal["html"]
    # The page editor offers only the approval with a disposition (a modal), not a plain one.
    html = sop_admin.client.get(edit_url(page)).content.decode()
    assert "Setujui dengan disposisi" in html
    assert html.count('data-workflow-action-name="approve"') == 1

    for blank in ("", "  \n "):
        response = sop_admin.approve(kabid, page, blank, xhr=True)
        assert response.json()["step"] == "action"  # the form again, with its error
        assert sop_admin.approve(kabid, page, blank).status_code == 302
        response = sop_admin.edit(
            kabid,
            page,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps({"comment": blank}),
            },
        )
        assert_refused_in_editor(response, "Langkah ini wajib disertai disposisi.")
        with pytest.raises(PermissionDenied):
            state.task.specific.on_action(state, kabid, "approve", comment=blank)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").exists()

    response = sop_admin.approve(kabid, page, f"  {DISPOSITION}\n")

    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.comment == DISPOSITION
    assert sop_admin.current_task_state(page).task.specific == agency.step(2)
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
    assert entry.user == kabid
    assert entry.data["comment"] == DISPOSITION


# Four eyes ------------------------------------------------------------------------------------


def second_member(agency, actor_key, username):
    user = make_sop_user(username)
    user.groups.add(agency.group(actor_key))
    return user


def editor_html(sop_admin, user, page):
    sop_admin.login(user)
    return " ".join(sop_admin.client.get(edit_url(page)).content.decode().split())


def approve_is_offered(sop_admin, user, page):
    return 'data-workflow-action-name="approve"' in editor_html(sop_admin, user, page)


SUBMITTED = "Anda mengajukan berita ini"
CHANGED = "Anda ikut mengubah isi berita ini"


def assert_cannot_approve(sop_admin, user, page, reason):
    """Approval is neither offered nor accepted, whichever way it is asked for; the editor
    says why (the SOP status line under its header)."""
    state = sop_admin.current_task_state(page)
    html = editor_html(sop_admin, user, page)
    assert 'data-workflow-action-name="approve"' not in html
    assert 'data-workflow-action-name="reject"' in html  # he may still send it back
    assert f"Prinsip empat mata: {reason}" in html
    assert "harus disetujui oleh pejabat lain" in html
    reason = f"Prinsip empat mata: {reason}"
    assert_refused(sop_admin.client.get(sop_admin.action_url(page, "approve")), reason)
    assert_refused(sop_admin.approve(user, page, "Setuju."), reason)
    assert_refused(sop_admin.approve(user, page, "Setuju.", xhr=True), reason)
    response = sop_admin.edit(
        user,
        page,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "Setuju."}),
        },
    )
    assert response.status_code in (200, 302)  # not a valid action: only saved as a draft
    with pytest.raises(PermissionDenied):
        state.task.specific.on_action(state, user, "approve", comment="Setuju.")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert_not_published(sop_admin, page)


def test_the_submitter_cannot_approve_a_four_eyes_step(sop_newsroom, sop_admin):
    """SOP A step 2: the Kasi who submitted the item cannot be the one who passes it."""
    agency = sop_newsroom.kominfo
    kasi = agency.user("kasi.lkip")
    _response, page = sop_admin.create(agency.editor, agency, "Pelatihan juru bicara", action=None)
    response = sop_admin.edit(kasi, page, summary="Dilengkapi Kasi.", **{"action-submit": "1"})
    assert response.status_code == 302
    assert sop_admin.fresh(page).current_workflow_state.requested_by == kasi
    # The Kabid touches up the text at step 1 (which starts again on it): the latest revision
    # is hers, the submission his.
    kabid = agency.user("kabid.pip")
    assert sop_admin.edit(kabid, page, paragraph="Disposisi dicatat.").status_code == 302
    approve_steps(sop_admin, agency, page, {1})
    assert sop_admin.fresh(page).get_latest_revision().user == kabid
    second_kasi = second_member(agency, "kepala-seksi-lkip", "kasi.kedua")

    assert_cannot_approve(sop_admin, kasi, page, SUBMITTED)
    sop_admin.login(kasi)
    assert sop_admin.client.get(sop_admin.action_url(page, "reject")).status_code == 200
    # Another member of the step's group may approve.
    assert approve_is_offered(sop_admin, second_kasi, page)
    assert sop_admin.approve(second_kasi, page, "Diperiksa pejabat lain.").status_code == 302
    assert sop_admin.current_task_state(page).task.specific == agency.step(3)


@pytest.mark.parametrize(
    ("key", "step", "editor_name", "actor_key", "other_name"),
    [
        ("kominfo", 2, "kasi.lkip", "kepala-seksi-lkip", "kasi.kedua"),
        ("dpkpp", 3, "kadis.dpkpp", "kepala-dinas", "sekretaris.dpkpp"),
    ],
)
def test_an_official_who_changed_the_content_cannot_approve_a_four_eyes_step(
    sop_newsroom, sop_admin, key, step, editor_name, actor_key, other_name
):
    agency = agency_of(sop_newsroom, key)
    page = submit(sop_admin, agency, "Rencana tata ruang kelurahan")
    approve_steps(sop_admin, agency, page, {n for n in workflow_numbers(agency) if n < step})
    official = agency.user(editor_name)
    other = agency.officials.get(other_name) or second_member(agency, actor_key, other_name)
    assert approve_is_offered(sop_admin, official, page)

    # The official fixes a sentence and saves: his step does not edit, so the item goes back
    # to the first step whose approval the change voids, and comes to him again.
    response = sop_admin.edit(official, page, paragraph="Kalimat diperbaiki pejabat.")
    assert response.status_code == 302
    assert sop_admin.current_task_state(page).task.specific == agency.step(RESTART[key])
    approve_steps(sop_admin, agency, page, {n for n in workflow_numbers(agency) if n < step})
    assert sop_admin.current_task_state(page).task.specific == agency.step(step)

    assert_cannot_approve(sop_admin, official, page, CHANGED)
    assert approve_is_offered(sop_admin, other, page)
    assert sop_admin.approve(other, page).status_code == 302


def test_a_step_without_four_eyes_lets_its_submitter_approve(sop_newsroom, sop_admin):
    """SOP B step 2: the Admin may pass an item he drafted and submitted himself."""
    agency = sop_newsroom.dpkpp
    admin = agency.user("admin.dpkpp")
    _response, page = sop_admin.create(
        agency.user("kabid.perumahan"), agency, "Program kampung tangguh", action=None
    )
    sop_admin.edit(admin, page, summary="Disusun Admin.", **{"action-submit": "1"})
    assert sop_admin.fresh(page).current_workflow_state.requested_by == admin

    assert approve_is_offered(sop_admin, admin, page)
    assert sop_admin.approve(admin, page).status_code == 302


@pytest.mark.parametrize(
    ("key", "step", "username", "reason"),
    [
        ("kominfo", 2, "kasi.lkip", "Langkah 2 tidak mengubah isi berita"),
        ("kominfo", 3, "pelaksana.kominfo", "Langkah 3 tidak mengubah isi berita"),
        ("dpkpp", 4, "admin.dpkpp", "Langkah 4 tidak mengubah isi berita"),
    ],
)
def test_a_step_that_does_not_edit_cannot_save_and_approve_in_the_editor(
    sop_newsroom, sop_admin, key, step, username, reason
):
    """The editor's "Setujui" saves the form first. At a step that does not edit, changed text
    approved in one go would be text no earlier step saw, so the action is refused; the
    refused request must not leave the edit behind (half an action done), and the editor shows
    why, with the text still in the form."""
    agency = agency_of(sop_newsroom, key)
    official = agency.user(username)
    page = submit(sop_admin, agency, "Penghargaan keterbukaan informasi")
    approve_steps(sop_admin, agency, page, {n for n in workflow_numbers(agency) if n < step})
    state = sop_admin.current_task_state(page)
    latest = sop_admin.fresh(page).get_latest_revision()

    response = sop_admin.edit(
        official,
        page,
        paragraph="Kalimat diubah sambil menyetujui.",
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "Setuju."}),
        },
    )

    assert_refused_in_editor(response, reason)
    html = response.content.decode()
    assert "Perubahan Anda belum disimpan." in html
    assert "Kalimat diubah sambil menyetujui." in html
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert sop_admin.fresh(page).get_latest_revision() == latest
    assert not PageLogEntry.objects.filter(page=page, user=official, action="wagtail.edit").exists()
    assert_not_published(sop_admin, page)


def test_a_refused_action_from_the_page_editor_keeps_nothing_of_its_save(sop_newsroom, sop_admin):
    """The editor saves the form before the step acts on it. When the step refuses (here the
    editing step of SOP B rejecting without a reason, which the editor's path does not check),
    the save goes too: no revision, no change to the item, and the editor shows the reason with
    the text."""
    agency = sop_newsroom.dpkpp
    admin = agency.user("admin.dpkpp")
    page = submit(sop_admin, agency, "Pelayanan KTP keliling")
    state = sop_admin.current_task_state(page)
    revisions_before = sop_admin.fresh(page).revisions.count()

    response = sop_admin.edit(
        admin,
        page,
        title="Judul diubah Admin",
        paragraph="Kalimat baru dari Admin.",
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": " "}),
        },
    )

    assert_refused_in_editor(
        response, "Alasan pengembalian wajib diisi. Perubahan Anda belum disimpan."
    )
    assert "Kalimat baru dari Admin." in response.content.decode()
    page = sop_admin.fresh(page)
    assert page.draft_title == "Pelayanan KTP keliling"
    assert page.revisions.count() == revisions_before
    assert page.get_latest_revision().user == agency.user("kabid.perumahan")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_a_four_eyes_official_approves_an_unchanged_item_from_the_page_editor(
    sop_newsroom, sop_admin
):
    """Without changes the editor's "Setujui" saves no revision: the four-eyes check passes."""
    agency = sop_newsroom.kominfo
    kasi = agency.user("kasi.lkip")
    page = submit(sop_admin, agency, "Penghargaan keterbukaan informasi")
    approve_steps(sop_admin, agency, page, {1})
    state = sop_admin.current_task_state(page)
    revisions_before = sop_admin.fresh(page).revisions.count()

    response = sop_admin.edit(
        kasi,
        page,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "Setuju."}),
        },
    )

    assert response.status_code == 302
    assert response["Location"] != reverse("wagtailadmin_home")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.finished_by == kasi
    assert sop_admin.fresh(page).revisions.count() == revisions_before


def test_a_refused_approval_says_why(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    kasi = agency.user("kasi.lkip")
    page = submit(sop_admin, agency, "Rapat evaluasi layanan")
    approve_steps(sop_admin, agency, page, {1})
    sop_admin.edit(kasi, page, paragraph="Kalimat diperbaiki Kasi.")  # back to step 1
    approve_steps(sop_admin, agency, page, {1})
    sop_admin.login(kasi)

    response = sop_admin.client.post(
        sop_admin.action_url(page, "approve"), {"comment": "Setuju."}, follow=True
    )

    assert response.redirect_chain[-1][0] == edit_url(page)
    shown = [str(message) for message in response.context["messages"]]
    assert any(CHANGED in message for message in shown)
    assert "empat mata" in response.content.decode()


@pytest.mark.parametrize("xhr", [False, True])
def test_an_approval_of_a_step_already_approved_by_another_official_says_why(
    sop_newsroom, sop_admin, xhr
):
    """SOP B step 3: any one of three officials. The Sekretaris approves from a dashboard that
    still lists the step the Kepala Dinas approved a moment earlier: the step refuses, and says
    so, instead of Wagtail's generic "no permission"."""
    agency = sop_newsroom.dpkpp
    page = submit(sop_admin, agency, "Pendataan rumah tidak layak huni")
    approve_steps(sop_admin, agency, page, {2})
    state = sop_admin.current_task_state(page)
    assert sop_admin.approve(agency.user("kadis.dpkpp"), page, task_state=state).status_code == 302

    response = sop_admin.approve(agency.user("sekretaris.dpkpp"), page, task_state=state, xhr=xhr)

    assert_refused(response, "Langkah ini sudah diproses oleh pengguna lain.")
    state.refresh_from_db()
    assert state.finished_by == agency.user("kadis.dpkpp")
    assert sop_admin.current_task_state(page).task.specific == agency.step(4)


# Nothing publishes before the last step --------------------------------------------------------


@pytest.mark.parametrize("key", ["kominfo", "dpkpp"])
def test_superuser_approvals_follow_the_same_steps(sop_newsroom, sop_admin, key):
    """Even the operator, approving every step, publishes only at the last one."""
    agency = agency_of(sop_newsroom, key)
    page = submit(sop_admin, agency, "Kunjungan kerja wali kota")
    numbers = workflow_numbers(agency)
    for number in numbers:
        assert_not_published(sop_admin, page)
        comment = DISPOSITION if agency.step(number).note_required else ""
        response = sop_admin.approve(sop_newsroom.operator, page, comment)
        assert response.status_code == 302
    page = sop_admin.fresh(page)
    assert page.live
    assert publications(page).get().user == sop_newsroom.operator
