"""Migration sop_audit 0005: an installation that loaded SOP B before steps could say
``may_edit`` gets it on the Admin's editing step, as loading the preset again would; otherwise
the Admin could no longer edit and approve at step 2. Other steps and other SOPs keep none."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.sop_audit.loading import load_sop_source
from apps.sop_audit.models import SopStepTask

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("sop_audit", "0004_step_posts_to_social_media")
AFTER = ("sop_audit", "0005_approvals_bind_revisions")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])


@pytest.fixture
def back_to_latest():
    """Whatever the test migrates to, the database ends at the latest migrations."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_sop_bs_editing_step_may_edit_after_the_upgrade(back_to_latest, kominfo, dpkpp):
    load_sop_source("sop-a", kominfo.host)
    load_sop_source("sop-b", dpkpp.host)
    migrate(BEFORE)

    migrate(AFTER)

    editing = {
        (step.sop.key, step.key)
        for step in SopStepTask.objects.select_related("sop").filter(may_edit=True)
    }
    assert editing == {("sop-b-pengelolaan-website-medsos", "penyuntingan")}
