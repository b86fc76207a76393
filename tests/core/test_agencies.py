"""Which agencies a user belongs to (apps/core/agencies.py): a page permission in an agency's
site or above it, by one of the user's groups; all for a superuser; none for the public."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

from apps.core.agencies import agency_sites

pytestmark = pytest.mark.django_db


def user_with_permission_on(page, name="pengguna", active=True):
    user = get_user_model().objects.create_user(name, f"{name}@example.test", "x", is_active=active)
    group = Group.objects.create(name=f"Grup {name}")
    GroupPagePermission.objects.create(
        group=group,
        page=page,
        permission=Permission.objects.get(
            content_type=ContentType.objects.get_for_model(Page), codename="change_page"
        ),
    )
    user.groups.add(group)
    return user


def hosts(user):
    return [site.hostname for site in agency_sites(user)]


def test_a_permission_inside_a_site_makes_a_member_of_that_agency_only(kominfo, dpkpp):
    assert hosts(user_with_permission_on(kominfo.index, "editor")) == ["localhost"]
    assert hosts(user_with_permission_on(dpkpp.home, "admin")) == ["dpkpp.localhost"]
    item = kominfo.publish_news("Satu berita")
    assert hosts(user_with_permission_on(item, "penulis")) == ["localhost"]


def test_a_permission_above_the_sites_makes_a_member_of_every_agency_below(kominfo, dpkpp):
    root = Page.get_first_root_node()

    assert hosts(user_with_permission_on(root, "kota")) == ["dpkpp.localhost", "localhost"]


def test_superusers_belong_everywhere_and_the_rest_nowhere(kominfo, dpkpp, django_user_model):
    operator = django_user_model.objects.create_superuser("operator", "op@example.test", "x")
    nobody = django_user_model.objects.create_user("tamu", "tamu@example.test", "x")

    assert hosts(operator) == ["dpkpp.localhost", "localhost"]
    assert hosts(nobody) == []
    assert hosts(AnonymousUser()) == []
    assert hosts(user_with_permission_on(kominfo.index, "keluar", active=False)) == []
