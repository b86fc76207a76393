"""The demo's people in the database: their logins, their agency's groups, their SOP seats.

Who the people are is plain data in `people`, which `demo_banner` reads without touching
these models; this module gives them accounts, groups and rights.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from apps.sop_audit.loading import load_sop, read_sop_file, resolve_source

from . import people


def create_people(say):
    """Every demo login, keeping a user who already has the username.

    Returns the users by username, and the usernames created and kept.
    """
    User = get_user_model()
    password = make_password(people.DEMO_PASSWORD)  # hashed once: the slow part
    users, created, kept = {}, [], []
    for person in people.PEOPLE:
        user = User.objects.filter(username=person.username).first()
        if user:
            kept.append(person.username)
            say(f"  kept existing user {person.username}", 2)
        else:
            user = User.objects.create(
                username=person.username,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                job_title=person.job_title,
                password=password,
                is_staff=person.is_superuser,
                is_superuser=person.is_superuser,
            )
            created.append(person.username)
            say(f"  user {person.username}: {person.job_title}", 2)
        users[person.username] = user
    say(f"Users: {len(created)} created" + (f", {len(kept)} kept" if kept else ""))
    return users, created, kept


def create_groups(agency, *, index, collection, users, say):
    """The agency's editor and moderator groups, with their members; returns their names."""
    short = agency.settings["short_name"]
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    page_type = ContentType.objects.get_for_model(Page)

    def page_permission(action):
        return Permission.objects.get(content_type=page_type, codename=f"{action}_page")

    def media_permissions(*actions):
        return [
            Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
            for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
            for action in actions
        ]

    # Least privilege. Editors draft news under this agency's index and upload media to its
    # collection; moderators review (change) and can pick existing media while fixing a
    # draft. Nobody gets publish, bulk_delete or lock: publishing is the SOP's last step.
    # Both read the social media delivery ledger of their agency and may retry a delivery.
    social = [
        Permission.objects.get(content_type__app_label="social_sync", codename=codename)
        for codename in ("view_delivery", "change_delivery", "view_socialaccount")
    ]
    rights = {
        people.EDITOR: (("add", "change"), ("add", "choose")),
        people.MODERATOR: (("change",), ("choose",)),
    }
    groups = {}
    for kind, (page_actions, media_actions) in rights.items():
        group, _ = Group.objects.get_or_create(name=people.group_name(kind, short))
        group.permissions.add(access_admin, *social)
        for action in page_actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=page_permission(action)
            )
        for permission in media_permissions(*media_actions):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
        groups[kind] = group

    members = {people.EDITOR: [], people.MODERATOR: []}
    for person in people.PEOPLE:
        if person.agency == agency.key and person.group:
            users[person.username].groups.add(groups[person.group])
            members[person.group].append(person.username)
    for kind, group in groups.items():
        say(f"  group {group.name}: {', '.join(members[kind])}")
    return [group.name for group in groups.values()]


def follow_sop(agency, site, *, users, say):
    """Load the agency's signed SOP and seat each official in the group of their step,
    and its supervisor in the SOP's supervisor group."""
    result = load_sop(read_sop_file(resolve_source(agency.sop_preset)), site)
    actor_groups = {actor.key: actor.group for actor in result.sop.actor_groups.all()}
    supervisors = result.sop.supervisor_group
    for person in people.PEOPLE:
        if person.agency == agency.key:
            for key in person.sop_actors:
                actor_groups[key].user_set.add(users[person.username])
            if person.supervises and supervisors is not None:
                supervisors.user_set.add(users[person.username])
    say(f"  SOP {result.sop.name}: {len(actor_groups)} pelaksana, alur kerja terpasang")
