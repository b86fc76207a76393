"""Take the publish permission away from Wagtail's starter groups.

Wagtail's own migrations give its "Moderators" group publish, lock and unlock rights on the
whole tree. In Warta news goes live only through an agency's SOP, so no group may publish,
and no group may lock an item away from the step that holds it.
"""

from django.db import migrations


def remove_publish(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        permission__codename__in=["publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_images_and_agency_settings"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_publish, migrations.RunPython.noop)]
