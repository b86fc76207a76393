"""The superuser's way round the SOP is explicit (the audit's attack 6), and the record says
whether what is live is what the SOP approved.

Wagtail offers a superuser Publish one confirm away, even mid-workflow, even at a step whose
four-eyes rule refuses them; on SOP news it is gone from every route (editor, add view, bulk
action, copy, move). What remains is "Terbitkan darurat (di luar SOP)": superusers only, a
reason required, recorded in the audit chain as its own outcome, in the page's history, mailed
to the SOP's supervisor and listed in the SOP report. ``sop_audit_verify`` checks every live
item against its SOP's approvals.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from apps.news.models import NewsIndexPage, NewsPage
from apps.sop_audit import chain
from apps.sop_audit.emergency import EMERGENCY_ACTION
from apps.sop_audit.models import StepRecord
from apps.sop_audit.publications import OUTSIDE_SOP_ACTION

from .conftest import make_sop_user, news_form_data
from .test_sop_end_to_end import approve_steps, assert_not_published, edit_url, submit

pytestmark = pytest.mark.django_db

REASON = "Peringatan dini banjir harus segera diketahui warga."


def emergency_url(page):
    return reverse("sop_audit:emergency_publish", args=[page.pk])


def verify():
    out = io.StringIO()
    call_command("sop_audit_verify", stdout=out)
    return out.getvalue()


def supervisor(agency):
    user = make_sop_user("kadis.kominfo", first_name="Kepala", last_name="Dinas")
    user.groups.add(agency.sop.supervisor_group)
    return user


# No Publish on SOP news, by any route ----------------------------------------------------------


def test_a_superuser_creating_news_cannot_publish_it_from_the_add_view(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    sop_admin.login(sop_newsroom.operator)
    add = sop_admin.client.get(sop_admin.add_url(agency))
    assert 'name="action-publish"' not in add.content.decode()

    response, page = sop_admin.create(
        sop_newsroom.operator, agency, "Terbit langsung", action="action-publish"
    )

    assert response.status_code == 200
    assert "hanya terbit melalui SOP-nya" in response.content.decode()
    assert page is None
    assert not NewsPage.objects.live().filter(title="Terbit langsung").exists()


def test_bulk_publish_of_sop_news_is_refused(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    draft = agency.draft("Draf untuk terbit massal")
    sop_admin.login(sop_newsroom.operator)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    for target, extra in ((draft, {}), (agency.index, {"include_descendants": "on"})):
        response = sop_admin.client.post(f"{url}?id={target.pk}", extra)
        assert response.status_code == 302
        assert not sop_admin.fresh(draft).live


def test_a_copy_of_sop_news_cannot_go_live_at_once(sop_newsroom, sop_admin):
    agency = sop_newsroom.kominfo
    live = agency.publish_through_sop(agency.draft("Berita asli"))
    sop_admin.login(sop_newsroom.operator)

    response = sop_admin.client.post(
        reverse("wagtailadmin_pages:copy", args=[live.pk]),
        {
            "new_title": "Salinan",
            "new_slug": "salinan",
            "new_parent_page": agency.index.pk,
            "publish_copies": "on",
        },
    )

    assert response.status_code == 302
    assert not NewsPage.objects.filter(slug="salinan", live=True).exists()


def test_live_news_cannot_be_moved_under_another_agencys_sop(sop_newsroom, sop_admin):
    kominfo, dpkpp = sop_newsroom.kominfo, sop_newsroom.dpkpp
    live = kominfo.publish_through_sop(kominfo.draft("Berita Diskominfostandi"))
    sop_admin.login(sop_newsroom.operator)

    response = sop_admin.client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[live.pk, dpkpp.index.pk])
    )

    assert response.status_code == 302
    assert sop_admin.fresh(live).get_parent().pk == kominfo.index.pk


def test_sop_news_cannot_be_moved_where_no_sop_governs(sop_newsroom, sop_admin):
    """A news section without an SOP (a superuser could add one) would let a plain Publish
    through: SOP news, draft or live, is not moved there."""
    agency = sop_newsroom.kominfo
    loose = agency.home.add_child(instance=NewsIndexPage(title="Arsip", slug="arsip"))
    draft = agency.draft("Draf yang dipindahkan")
    sop_admin.login(sop_newsroom.operator)

    response = sop_admin.client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, loose.pk])
    )

    assert response.status_code == 302
    assert sop_admin.fresh(draft).get_parent().pk == agency.index.pk


# The emergency publication ---------------------------------------------------------------------


@pytest.mark.parametrize("in_moderation", [True, False], ids=["mid-SOP", "draft"])
def test_an_emergency_publication_needs_a_reason_and_is_on_every_record(
    sop_newsroom, sop_admin, mailoutbox, django_capture_on_commit_callbacks, in_moderation
):
    agency = sop_newsroom.kominfo
    operator = sop_newsroom.operator
    head = supervisor(agency)
    if in_moderation:
        page = submit(sop_admin, agency, "Banjir di Bekasi Utara")
        approve_steps(sop_admin, agency, page, {1})
    else:
        page = agency.draft("Banjir di Bekasi Utara")
    sop_admin.login(operator)
    editor = sop_admin.client.get(edit_url(page)).content.decode()
    assert emergency_url(page) in editor

    page_html = sop_admin.client.get(emergency_url(page)).content.decode()
    assert "Terbitkan darurat (di luar SOP)" in page_html
    refused = sop_admin.client.post(emergency_url(page), {"reason": "   "})
    assert refused.status_code == 200
    assert "Alasan wajib diisi" in refused.content.decode()
    assert_not_published(sop_admin, page)

    with django_capture_on_commit_callbacks(execute=True):
        response = sop_admin.client.post(emergency_url(page), {"reason": REASON})

    assert response.status_code == 302
    page = sop_admin.fresh(page)
    assert page.live
    # The audit chain has it as its own outcome, with the reason and the revision published.
    record = StepRecord.objects.get(page_id=page.pk, outcome=StepRecord.OUTCOME_EMERGENCY)
    assert (record.note, record.actor, record.revision_id) == (
        REASON,
        operator,
        page.live_revision_id,
    )
    assert record.step_number == (2 if in_moderation else 3)
    assert chain.verify() is None
    # The running SOP stopped; the history names the emergency, not "outside the SOP".
    if in_moderation:
        assert WorkflowState.objects.for_instance(page).get().status == "cancelled"
    entry = PageLogEntry.objects.get(page=page, action=EMERGENCY_ACTION)
    assert (entry.user, entry.data["reason"]) == (operator, REASON)
    assert not PageLogEntry.objects.filter(page=page, action=OUTSIDE_SOP_ACTION).exists()
    history = sop_admin.client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert REASON in history.content.decode()
    # The supervisor is told, and the report lists it apart from the steps' figures.
    (mail,) = [mail for mail in mailoutbox if head.email in mail.to]
    assert "Terbit darurat di luar SOP" in mail.subject
    assert REASON in mail.body
    report = sop_admin.client.get(reverse("sop_reports:index")).content.decode()
    assert REASON in report
    assert "1 terbit darurat dengan alasan" in verify()


@pytest.mark.parametrize(
    "username", ["editor.kominfo", "kabid.pip", "kasi.lkip", "pelaksana.kominfo", "admin.dpkpp"]
)
def test_only_a_superuser_reaches_the_emergency_publication(sop_newsroom, sop_admin, username):
    agency = sop_newsroom.kominfo
    page = submit(sop_admin, agency, "Berita mendesak")
    sop_admin.login(sop_newsroom.users[username])

    assert sop_admin.client.get(emergency_url(page)).status_code in (302, 403)
    response = sop_admin.client.post(emergency_url(page), {"reason": REASON})

    assert response.status_code in (302, 403)
    assert_not_published(sop_admin, page)
    assert not StepRecord.objects.filter(outcome=StepRecord.OUTCOME_EMERGENCY).exists()
    editor = sop_admin.client.get(edit_url(page)).content.decode()
    assert emergency_url(page) not in editor


def test_the_emergency_publication_is_for_sop_news_only(sop_newsroom, sop_admin):
    sop_admin.login(sop_newsroom.operator)
    home = sop_newsroom.kominfo.home
    assert sop_admin.client.get(emergency_url(home)).status_code == 404


# What verify says of what is live ------------------------------------------------------------


def test_verify_names_an_item_published_without_its_sops_approval(sop_newsroom):
    agency = sop_newsroom.kominfo
    agency.publish_through_sop(agency.draft("Sesuai SOP"))
    assert "1 berita tayang sesuai persetujuan SOP" in verify()
    bypassed = agency.draft("Terbit lewat kode")
    bypassed.get_latest_revision().publish()  # what a script with database access could do

    with pytest.raises(CommandError, match="“Terbit lewat kode”.*tidak disetujui SOP"):
        verify()
    assert PageLogEntry.objects.filter(page=bypassed, action=OUTSIDE_SOP_ACTION).exists()


def test_verify_names_a_published_revision_altered_after_its_approval(sop_newsroom):
    agency = sop_newsroom.kominfo
    page = agency.publish_through_sop(agency.draft("Berita yang diubah diam-diam"))
    revision = page.live_revision
    Revision.objects.filter(pk=revision.pk).update(
        content=dict(revision.content, summary="Ringkasan sisipan.")
    )

    with pytest.raises(CommandError, match="berubah sejak disetujui"):
        verify()


def test_verify_names_public_content_that_is_not_the_approved_revision(sop_newsroom):
    agency = sop_newsroom.kominfo
    page = agency.publish_through_sop(agency.draft("Judul asli"))
    Page.objects.filter(pk=page.pk).update(title="Judul sisipan")

    with pytest.raises(CommandError, match="isi yang tayang tidak sama"):
        verify()


def test_items_published_before_approvals_named_their_revision_are_counted_apart(sop_newsroom):
    agency = sop_newsroom.kominfo
    old = agency.draft("Berita lama")
    revision = old.get_latest_revision()
    revision.publish()
    Revision.objects.filter(pk=revision.pk).update(
        created_at=agency.sop.approvals_bound_since.replace(year=2025)
    )

    assert "1 tayang sebelum persetujuan terikat revisi" in verify()


def test_the_editors_publish_is_refused_even_with_a_forged_form(sop_newsroom, sop_admin):
    """No role below superuser holds publish; a forged "action-publish" only saves a draft."""
    agency = sop_newsroom.kominfo
    page = agency.draft("Draf editor")
    sop_admin.login(agency.editor)

    data = news_form_data(page.title, slug=page.slug, **{"action-publish": "1"})
    response = sop_admin.client.post(edit_url(page), data)

    assert response.status_code in (200, 302)
    assert_not_published(sop_admin, page)
