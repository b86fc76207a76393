"""The SOP's moderators approve the social media texts together with the article.

The captions and hashtags are fields of the news item, so they are in the revision each step
approves: the moderators read them in the editor's "Media sosial" tab and its preview, the
last approval sends exactly what was approved, and a text changed afterwards goes out only
once the SOP has approved it again. Everyone acts through the admin views; dry runs of X and
Facebook record the text each would post.
"""

import pytest
from django.urls import reverse

from apps.social_sync.models import Delivery, PageSocialSettings, SocialAccount

from .conftest import fresh

pytestmark = pytest.mark.django_db

CAPTION = "Wi-Fi publik kini menjangkau 30 taman kota."
NEW_CAPTION = "Wi-Fi publik kini menjangkau 42 taman kota."


def approve_all(sop_admin, agency, page):
    """Each step's official approves it in turn, from the workflow action modal."""
    while (state := sop_admin.current_task_state(page)) is not None:
        task = state.task.specific
        comment = "Disposisi: terbitkan." if task.note_required else ""
        response = sop_admin.approve(agency.approver(task.number), page, comment)
        assert response.status_code == 302


@pytest.fixture
def newsroom(sop_newsroom):
    agency = sop_newsroom.kominfo
    for network in ("x", "facebook"):
        SocialAccount.objects.create(
            site=agency.site, network="dry_run", name=f"Uji {network}", simulates=network
        )
    return agency


def sent_text(network):
    return Delivery.objects.get(account__simulates=network).payload["text"]


def test_the_moderators_approve_the_captions_and_exactly_those_are_posted(
    sop_admin, newsroom, django_capture_on_commit_callbacks
):
    agency = newsroom
    response, page = sop_admin.create(
        agency.editor,
        agency,
        "Wi-Fi publik di taman kota",
        social_caption_x=CAPTION,
        social_hashtags="#KotaBekasi",
    )
    assert response.status_code == 302
    assert not fresh(page).live

    # The first step's official reads the texts in the editor's "Media sosial" tab.
    state = sop_admin.current_task_state(page)
    sop_admin.login(agency.approver(state.task.specific.number))
    html = sop_admin.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    assert CAPTION in html.decode()

    with django_capture_on_commit_callbacks(execute=True):
        approve_all(sop_admin, agency, page)

    page = fresh(page)
    assert page.live
    link = page.get_full_url()
    assert sent_text("x") == f"{CAPTION} {link} #KotaBekasi"
    # No caption was written for Facebook: the text is made from the approved item.
    assert sent_text("facebook") == (
        f"Wi-Fi publik di taman kota\n\nRingkasan Wi-Fi publik di taman kota.\n\n{link}"
        "\n\n#KotaBekasi"
    )
    assert set(Delivery.objects.values_list("publication", flat=True)) == {page.live_revision_id}
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_a_caption_changed_after_publication_goes_out_only_once_approved_again(
    sop_admin, newsroom, django_capture_on_commit_callbacks
):
    agency = newsroom
    _response, page = sop_admin.create(
        agency.editor, agency, "Wi-Fi publik di taman kota", social_caption_x=CAPTION
    )
    with django_capture_on_commit_callbacks(execute=True):
        approve_all(sop_admin, agency, page)
    assert sent_text("x").startswith(CAPTION)

    # The editor changes the caption and asks for a new post: a draft, nothing goes out.
    PageSocialSettings.objects.create(page=page, repost_requested=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = sop_admin.edit(agency.editor, page, social_caption_x=NEW_CAPTION)
    assert response.status_code == 302
    assert Delivery.objects.count() == 2
    assert fresh(page).live_revision.as_object().social_caption_x == CAPTION

    # Submitted, it waits for the SOP; approved, the new text is what the new post says.
    with django_capture_on_commit_callbacks(execute=True):
        sop_admin.edit(agency.editor, page, action="action-submit")
    assert Delivery.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        approve_all(sop_admin, agency, page)
    page = fresh(page)
    assert page.live_revision.as_object().social_caption_x == NEW_CAPTION
    latest = Delivery.objects.filter(account__simulates="x").latest("created_at")
    assert latest.publication == page.live_revision_id
    assert latest.payload["text"].startswith(NEW_CAPTION)
    assert Delivery.objects.count() == 4  # one more post per account, as the editor asked
