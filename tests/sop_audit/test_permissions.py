"""Who may do what to an agency's news: every role against its own agency and the other one.

Each row of the matrix is one person (an SOP official, an editor, a staff member with admin
access and no rights on any news section, an anonymous visitor) acting on one agency's items
through the admin views: see the news section, open an item in the editor, find it in the
admin search, submit it, approve each workflow step when it is running, publish directly,
unpublish a live item. Only the SOP's steps move an item, and only the last one publishes:
nobody but a superuser publishes or unpublishes outside it.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry, TaskState, WorkflowState

from .conftest import APPROVERS, DISPOSITION, news_form_data

pytestmark = pytest.mark.django_db

# username -> (their agency, the workflow steps they approve there). "tamu" is staff with
# admin access but no group; "anonim" is not logged in.
ROLES = {
    "editor.kominfo": ("kominfo", set()),
    "kabid.pip": ("kominfo", {1}),
    "kasi.lkip": ("kominfo", {2}),
    "pelaksana.kominfo": ("kominfo", {3}),
    "editor.dpkpp": ("dpkpp", set()),
    "kabid.perumahan": ("dpkpp", set()),
    "admin.dpkpp": ("dpkpp", {2, 4}),
    "kadis.dpkpp": ("dpkpp", {3}),
    "sekretaris.dpkpp": ("dpkpp", {3}),
    "kasubag.tu": ("dpkpp", {3}),
    "tamu": (None, set()),
    "anonim": (None, set()),
}


def expected_row(username, target):
    agency, steps = ROLES[username]
    own = agency == target
    return {
        "view": own,
        "edit": own,
        "find": own,
        "submit": own,  # anyone who may edit the item may submit it to the SOP
        "inbox": steps if own else set(),
        "approve": steps if own else set(),
        "publish": False,
        "unpublish": False,
    }


def allowed(response):
    """An admin page was shown (not a redirect to the login or the dashboard, not a 403)."""
    return response.status_code == 200


def inbox_titles(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = BeautifulSoup(html, "html.parser").find(id="awaiting-review-section")
    return panel.get_text(" ") if panel else ""


def build_items(agency):
    """A draft to edit and submit, one to publish directly, one live, one entering the SOP."""
    tag = agency.key.upper()
    return {
        "draft": agency.draft(f"Draf {tag} untuk diajukan"),
        "direct": agency.draft(f"Draf {tag} untuk terbit langsung"),
        "live": agency.publish_through_sop(agency.draft(f"Berita {tag} yang sudah tayang")),
        "moving": agency.draft(f"Berita {tag} dalam alur SOP"),
    }


def act_as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("target", ["kominfo", "dpkpp"])
@pytest.mark.parametrize("username", list(ROLES))
def test_permission_matrix(sop_newsroom, sop_admin, client, username, target):
    agency = getattr(sop_newsroom, target)
    items = build_items(agency)
    user = sop_newsroom.users.get(username)
    act_as(client, user)
    actual = {}

    response = client.get(reverse("wagtailadmin_explore", args=(agency.index.pk,)))
    actual["view"] = allowed(response) and items["draft"].title in response.content.decode()
    actual["edit"] = allowed(
        client.get(reverse("wagtailadmin_pages:edit", args=(items["draft"].pk,)))
    )
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Draf"})
    actual["find"] = allowed(response) and items["draft"].title in response.content.decode()

    if user is not None:
        sop_admin.edit(user, items["draft"], **{"action-submit": "1"})
    actual["submit"] = WorkflowState.objects.for_instance(items["draft"]).exists()

    # The item goes through the SOP; at each step this person tries to approve it (from the
    # action modal), and the step's own official approves it when they could not.
    moving = items["moving"]
    agency.submit(moving)
    actual["inbox"], actual["approve"] = set(), set()
    for number in APPROVERS[agency.key]:
        state = sop_admin.current_task_state(moving)
        assert state.task.specific.number == number
        if user is not None and moving.title in inbox_titles(client):
            actual["inbox"].add(number)
        client.post(sop_admin.action_url(moving, "approve", state), {"comment": DISPOSITION})
        state.refresh_from_db()
        if state.status == TaskState.STATUS_APPROVED and state.finished_by == user:
            actual["approve"].add(number)
        else:
            assert state.status == TaskState.STATUS_IN_PROGRESS
            agency.approve_current(moving)
    assert sop_admin.fresh(moving).live  # the SOP itself still publishes

    direct = items["direct"]
    client.post(
        reverse("wagtailadmin_pages:edit", args=(direct.pk,)),
        _edit_data(direct, **{"action-publish": "1"}),
    )
    actual["publish"] = sop_admin.fresh(direct).live

    live = items["live"]
    client.post(reverse("wagtailadmin_pages:unpublish", args=(live.pk,)))
    actual["unpublish"] = not sop_admin.fresh(live).live

    assert actual == expected_row(username, target)
    # What this person published, they published as the SOP's last step, nothing else.
    published = PageLogEntry.objects.filter(user__username=username, action="wagtail.publish")
    assert set(published.values_list("page_id", flat=True)) <= {items["live"].pk, moving.pk}
    assert not PageLogEntry.objects.filter(action="wagtail.unpublish").exists()


def _edit_data(page, **extra):
    data = news_form_data(page.title, slug=page.slug, summary=page.summary)
    data.update(extra)
    return data


# Nothing outside the SOP publishes -------------------------------------------------------------


def news_pages(newsroom):
    """Every page an agency's news lives in or under, ancestors included (their rights apply)."""
    pages = set()
    for agency in (newsroom.kominfo, newsroom.dpkpp):
        pages.update(agency.index.get_ancestors(inclusive=True).values_list("pk", flat=True))
        pages.update(agency.index.get_descendants().values_list("pk", flat=True))
    return pages


def test_only_superusers_can_publish_or_unpublish_news(sop_newsroom):
    items = [
        sop_newsroom.kominfo.draft("Draf Kominfo"),
        sop_newsroom.dpkpp.publish_through_sop(sop_newsroom.dpkpp.draft("Berita DPKPP")),
    ]
    for user in sop_newsroom.users.values():
        for page in items:
            tester = page.permissions_for_user(user)
            can = tester.can_publish() or tester.can_unpublish() or tester.can_publish_subpage()
            assert can == user.is_superuser, (user.username, page.title)


def test_sop_and_editor_groups_hold_only_add_and_change_on_their_own_news_section(
    sop_newsroom,
):
    for agency in (sop_newsroom.kominfo, sop_newsroom.dpkpp):
        groups = [actor.group for actor in agency.sop.actor_groups.all()]
        groups.append(Group.objects.get(name=f"Editor {agency.site.agencysettings.short_name}"))
        grants = GroupPagePermission.objects.filter(group__in=groups)
        assert {grant.page_id for grant in grants} == {agency.index.pk}
        by_group = {}
        for grant in grants.select_related("permission", "group"):
            by_group.setdefault(grant.group.name, set()).add(grant.permission.codename)
        drafters = {
            actor.group.name
            for step in agency.sop.steps.filter(before_submission=True)
            for actor in agency.sop.actor_groups.filter(group__in=step.groups.all())
        }
        for name, codenames in by_group.items():
            if name.startswith("Editor ") or name in drafters:
                assert codenames == {"add_page", "change_page"}, name
            else:
                assert codenames == {"change_page"}, name


def test_no_group_holds_publish_over_the_news(sop_newsroom):
    """No group, ours or Wagtail's, may publish news: only the SOP's last step does.

    Wagtail's migrations create "Moderators" (add, change, publish, lock, unlock on the root
    page, so over every agency's news) and "Editors"; the demo loader removes them, load_sop
    does not, so an installation without the demo keeps a way around the SOP that anyone
    with access to the groups admin can hand out.
    """
    bypass = GroupPagePermission.objects.filter(
        page_id__in=news_pages(sop_newsroom),
        permission__codename__in=["publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    ).select_related("group", "permission", "page")

    assert [
        f"{grant.group.name}: {grant.permission.codename} on {grant.page.title}" for grant in bypass
    ] == []


# A superuser goes around the SOP only by the emergency publication ---------------------------


def test_a_superusers_publish_is_refused_on_sop_news_draft_or_in_moderation(
    sop_newsroom, sop_admin
):
    """Wagtail lets a superuser publish from the editor, even mid-SOP, one confirm away; on SOP
    news it is neither offered nor accepted (the emergency publication is the way round,
    tests/sop_audit/test_sop_integrity.py)."""
    agency = sop_newsroom.kominfo
    operator = sop_newsroom.operator
    draft = agency.draft("Pengumuman mendesak")
    in_moderation = agency.draft("Berita yang sedang dimoderasi")
    agency.submit(in_moderation)

    for page in (draft, in_moderation):
        sop_admin.login(operator)
        editor = sop_admin.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert 'name="action-publish"' not in editor.content.decode()
        assert "Terbitkan darurat (di luar SOP)" in editor.content.decode()
        response = sop_admin.client.post(
            reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            _edit_data(page, **{"action-publish": "1"}),
        )
        assert response.status_code == 200
        assert "hanya terbit melalui SOP-nya" in response.content.decode()
        page = sop_admin.fresh(page)
        assert not page.live
        assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
    # The running SOP goes on.
    workflow_state = WorkflowState.objects.for_instance(in_moderation).get()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_superuser_can_unpublish_and_it_is_logged(sop_newsroom, sop_admin):
    agency = sop_newsroom.dpkpp
    live = agency.publish_through_sop(agency.draft("Berita yang ditarik"))
    sop_admin.login(sop_newsroom.operator)

    response = sop_admin.client.post(reverse("wagtailadmin_pages:unpublish", args=(live.pk,)))

    assert response.status_code == 302
    assert not sop_admin.fresh(live).live
    assert PageLogEntry.objects.get(page=live, action="wagtail.unpublish").user == (
        sop_newsroom.operator
    )


def test_the_explorer_of_the_root_shows_an_official_only_their_agency(sop_newsroom, client):
    kominfo_item = sop_newsroom.kominfo.draft("Kabar Diskominfostandi")
    dpkpp_item = sop_newsroom.dpkpp.draft("Kabar DPKPP")
    client.force_login(sop_newsroom.dpkpp.user("kadis.dpkpp"))

    html = client.get(reverse("wagtailadmin_explore_root"), follow=True).content.decode()
    listing = client.get(
        reverse("wagtailadmin_explore", args=(sop_newsroom.dpkpp.index.pk,))
    ).content.decode()
    other = client.get(reverse("wagtailadmin_explore", args=(sop_newsroom.kominfo.index.pk,)))

    assert kominfo_item.title not in html
    assert dpkpp_item.title in listing
    assert kominfo_item.title not in listing
    # Asking for the other agency's section lands on their own.
    assert other.status_code == 302
    assert other["Location"] == reverse("wagtailadmin_explore", args=(sop_newsroom.dpkpp.index.pk,))
