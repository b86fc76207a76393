"""The people who use the social sync admin, made as the demo makes them: a group per agency
with admin access, page permissions on the agency's news section and, for the ledger, the
social_sync model permissions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

LEDGER = ("view_delivery", "change_delivery", "view_socialaccount")
PASSWORD = "rahasia-uji"


def make_user(username, *, agency=None, codenames=LEDGER, superuser=False):
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.go.id",
        password=PASSWORD,
        is_superuser=superuser,
        is_staff=superuser,
    )
    if superuser:
        return user
    group = Group.objects.create(name=f"Kelompok {username}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="social_sync", codename__in=codenames),
    )
    if agency is not None:
        page_type = ContentType.objects.get_for_model(Page)
        for action in ("add", "change"):
            GroupPagePermission.objects.create(
                group=group,
                page=agency.index,
                permission=Permission.objects.get(
                    content_type=page_type, codename=f"{action}_page"
                ),
            )
    user.groups.add(group)
    return user
