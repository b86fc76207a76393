"""load_sop: the two presets become workflows, reloading is idempotent, edits keep history,
and an invalid file is refused before anything is saved."""

import datetime
import io
import re

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.admin.forms.workflows import get_task_form_class
from wagtail.models import (
    GroupPagePermission,
    Page,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from apps.core.models import AgencySettings
from apps.news.models import HomePage, NewsIndexPage, NewsPage
from apps.sop_audit.baselines import describe_baseline, format_baseline, parse_baseline
from apps.sop_audit.loading import PRESETS_DIR, load_sop_source
from apps.sop_audit.management.commands.load_sop import Command as LoadSopCommand
from apps.sop_audit.models import Sop, SopGroup, SopStepTask
from apps.sop_audit.sopfile import SopFileError, parse_sop, read_sop_file

pytestmark = pytest.mark.django_db

SOP_A = PRESETS_DIR / "sop-a-pengelolaan-website.yaml"
SOP_B = PRESETS_DIR / "sop-b-pengelolaan-website-medsos.yaml"


def build_agency(hostname, short_name, full_name, *, with_index=True):
    """An agency's site as the project shapes it: HomePage root, one NewsIndexPage child."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title=f"Beranda {short_name}", slug=hostname.replace(".", "-"))
    )
    index = None
    if with_index:
        index = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    site, _ = Site.objects.update_or_create(
        hostname=hostname,
        port=80,
        defaults={"root_page": home, "site_name": short_name},
    )
    AgencySettings.objects.create(site=site, full_name=full_name, short_name=short_name)
    return site, index


@pytest.fixture
def kominfo():
    return build_agency(
        "localhost", "Diskominfostandi", "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    )


@pytest.fixture
def dpkpp():
    return build_agency(
        "dpkpp.localhost", "DPKPP", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan"
    )


def run(source, hostname, *extra):
    out = io.StringIO()
    call_command("load_sop", str(source), "--site", hostname, *extra, stdout=out, stderr=out)
    return out.getvalue()


def workflow_steps(sop):
    return [task.specific for task in sop.workflow.tasks]


def counts():
    return {
        "groups": Group.objects.count(),
        "tasks": Task.objects.count(),
        "workflows": Workflow.objects.count(),
        "workflow_tasks": WorkflowTask.objects.count(),
        "workflow_pages": WorkflowPage.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "sops": Sop.objects.count(),
    }


def preset_data(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(tmp_path, data, name="sop.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# The presets ---------------------------------------------------------------------------------


def test_sop_a_becomes_a_three_step_workflow_on_the_news_index(kominfo):
    site, index = kominfo

    output = run("sop-a-pengelolaan-website", "localhost")

    sop = Sop.objects.get(site=site, key="sop-a-pengelolaan-website")
    assert WorkflowPage.objects.get(page=index).workflow == sop.workflow
    assert sop.workflow.name == "SOP Pengelolaan Website — Diskominfostandi"
    assert sop.workflow.active
    steps = workflow_steps(sop)
    assert [step.key for step in steps] == ["disposisi", "periksa", "tayang"]
    assert [step.number for step in steps] == [1, 2, 3]
    assert steps[0].name.startswith("a. Menerima dan mendisposisi bahan berita")
    assert "b. Memerintahkan Kepala Seksi untuk menganalisa dan menayangkan" in steps[0].name
    assert steps[2].name == "Mempublikasi/ menayangkan berita pada website Pemerintah Kota Bekasi"
    assert all(step.description == step.name for step in steps)  # all short enough
    assert [step.baseline_display for step in steps] == ["10 menit", "30 menit", "5 menit"]
    assert [step.baseline for step in steps] == [
        datetime.timedelta(minutes=10),
        datetime.timedelta(minutes=30),
        datetime.timedelta(minutes=5),
    ]
    assert [[group.name for group in step.groups.all()] for step in steps] == [
        ["Kepala Bidang Pengelolaan Informasi Publik — Diskominfostandi"],
        ["Kepala Seksi Layanan Komunikasi dan Informasi Publik — Diskominfostandi"],
        ["Pelaksana — Diskominfostandi"],
    ]
    assert [(step.input, step.output) for step in steps] == [
        ("Bahan Berita/ Narasi", "Disposisi"),
        ("Berita/ Artikel", "Berita/ Artikel siap ditayangkan"),
        ("Berita/ Artikel", "Berita/ Artikel telah ditayangkan"),
    ]
    assert [step.note_required for step in steps] == [True, False, False]
    assert [step.four_eyes for step in steps] == [False, True, False]
    assert not any(step.may_edit for step in steps)
    assert not any(step.before_submission for step in steps)
    assert sop.steps.count() == 3

    assert sop.name == "Pengelolaan Website"
    assert sop.agency == "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    assert sop.government == "Pemerintah Kota Bekasi"
    assert sop.approved_by == (
        "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Bekasi"
    )
    assert sop.approver_name == "ENCU HERMANA RADHMAN"
    assert (sop.number, sop.made_on, sop.revised_on, sop.approved_on) == ("", "", "", "")
    assert len(sop.legal_basis) == 6
    assert sop.legal_basis[2].endswith("Tambahan Lembaran Negara Republik Indonesia Nomor 5679);")
    assert sop.qualifications == [
        "Pendidikan minimal D-3",
        "Mampu mengoperasikan komputer",
        "Mampu mengelola website",
    ]
    assert len(sop.related_sops) == 2
    assert sop.equipment == ["Komputer/ Laptop", "Internet", "Printer", "Scanner"]
    assert sop.warning.startswith("Apabila SOP ini tidak berjalan dengan baik")
    assert sop.records == "Disimpan dalam bentuk Softcopy dan Hardcopy"

    assert "created SOP" in output
    assert "attached workflow" in output


def test_sop_b_keeps_its_first_step_out_of_the_workflow(dpkpp):
    site, index = dpkpp

    run("sop-b", "dpkpp.localhost")

    sop = Sop.objects.get(site=site)
    assert sop.key == "sop-b-pengelolaan-website-medsos"
    assert WorkflowPage.objects.get(page=index).workflow == sop.workflow
    steps = workflow_steps(sop)
    assert [step.key for step in steps] == ["penyuntingan", "penyaringan", "unggah"]
    assert [step.number for step in steps] == [2, 3, 4]
    assert [step.baseline_display for step in steps] == ["2 jam", "2 jam", "30 menit"]
    assert [step.four_eyes for step in steps] == [False, True, False]
    # The Admin compiles and edits at step 2 ("menyusun serta mengedit"): the only step that
    # may change the item's content.
    assert [step.may_edit for step in steps] == [True, False, False]
    assert not any(step.note_required for step in steps)

    first = sop.steps.get(number=1)
    assert first.before_submission
    assert first.active
    assert not WorkflowTask.objects.filter(task=first).exists()
    assert first.baseline == datetime.timedelta(days=1)
    assert first.baseline_display == "1 hari"
    assert [group.name for group in first.groups.all()] == ["Kepala Bidang — DPKPP"]
    assert first.input == "Kamera, Handycam, Voice Recording, Laptop"
    assert first.output == "Data informasi/berita"

    screening = steps[1]
    assert sorted(group.name for group in screening.groups.all()) == [
        "Kasubag Tata Usaha — DPKPP",
        "Kepala Dinas — DPKPP",
        "Sekretaris — DPKPP",
    ]
    assert steps[0].groups.get() == steps[2].groups.get()  # Admin/User edits and publishes
    assert steps[0].groups.get().name == "Admin/User — DPKPP"

    assert (sop.made_on, sop.revised_on, sop.effective_on) == (
        "Januari 2019",
        "Januari 2026",
        "Januari 2026",
    )
    assert sop.approved_by == "Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan"
    assert sop.signed_by.startswith("Sekretaris Dinas")
    assert sop.number.endswith("/DPKPP.SET")
    assert len(sop.legal_basis) == 3
    assert sop.qualifications == ["SLTA/Diploma", "Sarjana"]
    assert sop.equipment == [
        "Komputer, printer, ATK, MAP",
        "Formulir Permohonan",
        "Buku Agenda",
        "Internet",
    ]


@pytest.mark.parametrize("path", [SOP_A, SOP_B], ids=["sop-a", "sop-b"])
def test_a_preset_is_keyed_by_its_file_name(path):
    assert read_sop_file(path).key == path.stem


def test_the_example_in_the_format_doc_is_valid():
    text = (settings.BASE_DIR / "docs" / "sop-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.DOTALL).group(1)
    spec = parse_sop(yaml.safe_load(example))
    assert [step.before_submission for step in spec.steps] == [True, False, False]


def test_both_agencies_get_their_own_groups_and_workflow(kominfo, dpkpp):
    run("sop-a", "localhost")
    run("sop-b", "dpkpp.localhost")

    a = Sop.objects.get(site=kominfo[0])
    b = Sop.objects.get(site=dpkpp[0])
    assert a.workflow != b.workflow
    a_groups = set(SopGroup.objects.filter(sop=a).values_list("group", flat=True))
    b_groups = set(SopGroup.objects.filter(sop=b).values_list("group", flat=True))
    assert len(a_groups) == 3
    assert len(b_groups) == 5
    assert not a_groups & b_groups


# Permissions ---------------------------------------------------------------------------------


def test_groups_get_admin_access_and_only_add_or_change_on_their_news_index(kominfo, dpkpp):
    run("sop-a", "localhost")
    run("sop-b", "dpkpp.localhost")

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    expected = {
        "Kepala Bidang Pengelolaan Informasi Publik — Diskominfostandi": {"change_page"},
        "Kepala Seksi Layanan Komunikasi dan Informasi Publik — Diskominfostandi": {"change_page"},
        "Pelaksana — Diskominfostandi": {"change_page"},
        # Drafts the material before submission: may create pages.
        "Kepala Bidang — DPKPP": {"add_page", "change_page"},
        "Admin/User — DPKPP": {"change_page"},
        "Kepala Dinas — DPKPP": {"change_page"},
        "Sekretaris — DPKPP": {"change_page"},
        "Kasubag Tata Usaha — DPKPP": {"change_page"},
    }
    indexes = {"DPKPP": dpkpp[1], "Diskominfostandi": kominfo[1]}
    for name, codenames in expected.items():
        group = Group.objects.get(name=name)
        assert list(group.permissions.all()) == [access_admin]
        grants = GroupPagePermission.objects.filter(group=group)
        index = indexes[name.rsplit(" — ", 1)[1]]
        assert {grant.page_id for grant in grants} == {index.pk}
        assert {grant.permission.codename for grant in grants} == codenames

    sop_groups = Group.objects.filter(sop_actors__isnull=False)
    assert sop_groups.count() == len(expected)
    assert not GroupPagePermission.objects.filter(
        group__in=sop_groups,
        permission__codename__in=["publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    ).exists()


def test_a_bypass_permission_granted_by_hand_is_reported(kominfo):
    run("sop-a", "localhost")
    group = Group.objects.get(name="Pelaksana — Diskominfostandi")
    GroupPagePermission.objects.create(group=group, page=kominfo[1], permission_type="publish")

    output = run("sop-a", "localhost")

    assert 'warning: group "Pelaksana — Diskominfostandi" holds publish_page' in output
    assert "no changes" in output


def test_an_existing_group_is_adopted_and_a_renamed_actor_keeps_its_group(kominfo, tmp_path):
    user = get_user_model().objects.create_user("pelaksana", "p@example.test", "x")
    existing = Group.objects.create(name="Pelaksana — Diskominfostandi")
    user.groups.add(existing)

    output = run("sop-a", "localhost")
    assert 'adopted existing group "Pelaksana — Diskominfostandi"' in output
    assert SopStepTask.objects.get(key="tayang").groups.get() == existing

    data = preset_data(SOP_A)
    data["groups"][2]["name"] = "Pelaksana Pengelolaan Website"
    output = run(write(tmp_path, data), "localhost")

    existing.refresh_from_db()
    assert existing.name == "Pelaksana Pengelolaan Website — Diskominfostandi"
    assert list(existing.user_set.all()) == [user]
    assert SopStepTask.objects.get(key="tayang").groups.get() == existing
    assert 'renamed group "Pelaksana — Diskominfostandi"' in output


# Idempotency ---------------------------------------------------------------------------------


def snapshot(sop):
    sop.refresh_from_db()
    return {
        "sop": (sop.pk, sop.updated_at),
        "workflow": sop.workflow_id,
        "tasks": sorted(SopStepTask.objects.filter(sop=sop).values_list("pk", "key", "number")),
        "links": sorted(
            WorkflowTask.objects.filter(workflow=sop.workflow).values_list(
                "pk", "task", "sort_order"
            )
        ),
        "groups": sorted(SopGroup.objects.filter(sop=sop).values_list("pk", "group", "key")),
        "counts": counts(),
    }


def test_loading_twice_changes_nothing(kominfo, dpkpp):
    run("sop-a", "localhost")
    run("sop-b", "dpkpp.localhost")
    a = Sop.objects.get(key="sop-a-pengelolaan-website")
    b = Sop.objects.get(key="sop-b-pengelolaan-website-medsos")
    before = (snapshot(a), snapshot(b))

    output_a = run("sop-a-pengelolaan-website", "localhost")
    _, result = load_sop_source(str(SOP_B), "dpkpp.localhost")

    assert "no changes" in output_a
    assert result.changes == []
    assert (snapshot(a), snapshot(b)) == before


def test_dry_run_reports_the_plan_and_saves_nothing(kominfo):
    before = counts()

    output = run("sop-a", "localhost", "--dry-run")

    assert "dry run" in output
    assert 'created workflow "SOP Pengelolaan Website — Diskominfostandi"' in output
    assert "created step 1" in output
    assert counts() == before


# Editing a loaded SOP ----------------------------------------------------------------------------


def test_changed_baseline_name_and_identity_update_the_same_rows(dpkpp, tmp_path):
    run("sop-b", "dpkpp.localhost")
    sop = Sop.objects.get()
    screening = sop.steps.get(key="penyaringan")
    before = counts()

    data = preset_data(SOP_B)
    data["steps"][2]["baseline"] = "3h"
    data["steps"][2]["name"] = "Penyaringan data informasi sebelum dipublikasi"
    data["revised_on"] = "Juli 2026"
    output = run(write(tmp_path, data), "dpkpp.localhost")

    screening.refresh_from_db()
    sop.refresh_from_db()
    assert screening.baseline == datetime.timedelta(hours=3)
    assert screening.baseline_display == "3 jam"
    assert screening.name == "Penyaringan data informasi sebelum dipublikasi"
    assert screening.description == screening.name
    assert screening.number == 3
    assert sop.revised_on == "Juli 2026"
    assert counts() == before
    assert [step.key for step in workflow_steps(sop)] == ["penyuntingan", "penyaringan", "unggah"]
    assert "baseline 2 jam → 3 jam" in output
    assert "updated SOP" in output


def test_a_long_step_name_is_cut_for_the_task_and_kept_whole(kominfo, tmp_path):
    data = preset_data(SOP_A)
    long_name = "Memeriksa dan menganalisa bahan berita " * 10
    data["steps"][1]["name"] = long_name
    run(write(tmp_path, data), "localhost")

    step = SopStepTask.objects.get(key="periksa")
    assert len(step.name) <= 255
    assert step.name.endswith("…")
    assert step.description == long_name.strip()


def test_removed_step_with_history_is_retired_and_one_without_is_deleted(kominfo, tmp_path):
    site, index = kominfo
    run("sop-a", "localhost")
    sop = Sop.objects.get()
    disposition = sop.steps.get(key="disposisi")
    publishing = sop.steps.get(key="tayang")
    review = sop.steps.get(key="periksa")

    # An item enters the workflow: step 1 now has a task state.
    user = get_user_model().objects.create_superuser("operator", "op@example.test", "x")
    page = index.add_child(
        instance=NewsPage(title="Rapat koordinasi", slug="rapat", summary="Ringkas.", live=False)
    )
    page.save_revision(user=user)
    sop.workflow.start(page, user)
    assert TaskState.objects.filter(task=disposition).count() == 1

    data = preset_data(SOP_A)
    data["steps"] = [data["steps"][1]]
    data["steps"][0]["number"] = 1
    data["groups"] = [data["groups"][1]]
    output = run(write(tmp_path, data), "localhost")

    disposition.refresh_from_db()
    assert not disposition.active
    assert disposition.number is None
    assert TaskState.objects.filter(task=disposition).count() == 1
    assert not SopStepTask.objects.filter(pk=publishing.pk).exists()
    review.refresh_from_db()
    assert review.number == 1
    assert [step.pk for step in workflow_steps(sop)] == [review.pk]
    assert list(sop.current_steps()) == [review]
    assert "retired step" in output
    assert "deleted step" in output
    # The groups that left the SOP keep their members but lose their rights on the index.
    released = Group.objects.get(name="Pelaksana — Diskominfostandi")
    assert not GroupPagePermission.objects.filter(group=released).exists()

    # Loading the original again brings the retired step back as the same task.
    run("sop-a", "localhost")
    disposition.refresh_from_db()
    assert disposition.active
    assert disposition.number == 1
    assert [step.key for step in workflow_steps(sop)] == ["disposisi", "periksa", "tayang"]
    assert [step.pk for step in workflow_steps(sop)][:2] == [disposition.pk, review.pk]
    assert GroupPagePermission.objects.filter(group=released, page=index).exists()


def test_reordered_steps_keep_their_tasks_and_the_workflow_follows_the_file(dpkpp, tmp_path):
    run("sop-b", "dpkpp.localhost")
    sop = Sop.objects.get()
    ids = dict(sop.steps.values_list("key", "pk"))

    data = preset_data(SOP_B)
    data["steps"][2], data["steps"][3] = data["steps"][3], data["steps"][2]
    data["steps"][2]["number"], data["steps"][3]["number"] = 3, 4
    # Only the last step may include the social media posts: the flag follows the position.
    data["steps"][2].pop("posts_to_social_media")
    data["steps"][3]["posts_to_social_media"] = True
    run(write(tmp_path, data), "dpkpp.localhost")

    steps = workflow_steps(sop)
    assert [step.key for step in steps] == ["penyuntingan", "unggah", "penyaringan"]
    assert [step.number for step in steps] == [2, 3, 4]
    assert dict(sop.steps.values_list("key", "pk")) == ids
    assert [step.posts_to_social_media for step in steps] == [False, False, True]


# Invalid files -----------------------------------------------------------------------------------


def _set(path, value):
    def mutate(data):
        target = data
        *parents, last = path
        for part in parents:
            target = target[part]
        target[last] = value
        return data

    return mutate


def _delete(name):
    def mutate(data):
        del data[name]
        return data

    return mutate


def _add_unused_group(data):
    data["groups"].append({"key": "kasubag", "name": "Kasubag"})
    return data


def _unknown_key_in_actors(data):
    del data["steps"][2]["actor"]
    data["steps"][2]["actors"] = ["pelaksana", "kabid"]
    return data


def _editing_before_submission(data):
    data = preset_data(SOP_B)
    data["steps"][0]["may_edit"] = True
    return data


def _only_first_step_of_sop_b(data):
    data = preset_data(SOP_B)
    data["steps"] = data["steps"][:1]
    return data


INVALID = [
    # (id, mutation of SOP A, field named, words of the problem)
    ("missing-field", _delete("agency"), "agency", "missing"),
    (
        "bad-baseline",
        _set(("steps", 1, "baseline"), "2 jam"),
        "steps[2].baseline",
        '"2 jam" is not a duration like 10m, 2h or 1d',
    ),
    ("baseline-seconds", _set(("steps", 0, "baseline"), "90s"), "steps[1].baseline", "90s"),
    ("baseline-number", _set(("steps", 0, "baseline"), 10), "steps[1].baseline", "10 is not"),
    ("unknown-actor", _set(("steps", 0, "actor"), "kabid"), "steps[1].actor", '"kabid"'),
    (
        "unknown-actor-in-list",
        _unknown_key_in_actors,
        "steps[3].actors[2]",
        '"kabid" is not a key defined under groups',
    ),
    ("number-gap", _set(("steps", 2, "number"), 4), "steps[3].number", "should be 3"),
    ("number-text", _set(("steps", 0, "number"), "1"), "steps[1].number", "should be 1"),
    (
        "late-before-submission",
        _set(("steps", 1, "before_submission"), True),
        "steps[2].before_submission",
        "must come before every workflow step",
    ),
    ("no-workflow-step", _only_first_step_of_sop_b, "steps", "at least one step"),
    ("list-expected", _set(("legal_basis",), "UU 14/2008"), "legal_basis", "must be a list"),
    (
        "bool-expected",
        _set(("steps", 0, "note_required"), "ya"),
        "steps[1].note_required",
        "true or false",
    ),
    ("text-expected", _set(("number",), 12), "number", "put it in quotes"),
    ("unknown-field", _set(("steps", 0, "baselin"), "10m"), "steps[1].baselin", "unknown field"),
    ("duplicate-key", _set(("steps", 1, "key"), "disposisi"), "steps[2].key", "already the key"),
    ("bad-key", _set(("key",), "SOP A"), "key", "is not a key"),
    ("unused-group", _add_unused_group, "groups[4]", "not the actor"),
    ("too-long", _set(("steps", 0, "input"), "x" * 501), "steps[1].input", "at most 500"),
    ("empty-name", _set(("name",), ""), "name", "must not be empty"),
    (
        "may-edit-before-submission",
        _editing_before_submission,
        "steps[1].may_edit",
        "cannot have this check",
    ),
    (
        "may-edit-not-boolean",
        _set(("steps", 1, "may_edit"), "boleh"),
        "steps[2].may_edit",
        "true or false",
    ),
    (
        "social-media-not-last",
        _set(("steps", 0, "posts_to_social_media"), True),
        "steps[1].posts_to_social_media",
        "only the last step publishes",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "field", "problem"),
    [case[1:] for case in INVALID],
    ids=[case[0] for case in INVALID],
)
def test_an_invalid_file_is_refused_naming_the_field_and_nothing_is_created(
    kominfo, tmp_path, mutate, field, problem
):
    path = write(tmp_path, mutate(preset_data(SOP_A)))
    before = counts()

    with pytest.raises(CommandError) as caught:
        run(path, "localhost")

    message = str(caught.value)
    assert f"{field}: " in message
    assert problem in message
    assert "\n" not in message
    assert counts() == before
    with pytest.raises(SopFileError) as parsed:
        read_sop_file(path)
    assert parsed.value.field == field


def test_a_yaml_syntax_error_is_refused_with_its_line(kominfo, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("key: sop-x\nname: Pengelolaan\nsteps: [\n  - key: a\n", encoding="utf-8")
    before = counts()

    with pytest.raises(CommandError, match=r"broken\.yaml: YAML syntax error at line \d+"):
        run(path, "localhost")

    assert counts() == before


def test_python_tags_are_not_executed(tmp_path):
    path = tmp_path / "tag.yaml"
    path.write_text("key: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(Exception, match="YAML syntax error at line 1"):
        read_sop_file(path)


def test_an_empty_file_is_refused():
    with pytest.raises(SopFileError, match="is empty"):
        parse_sop(None)


# Command errors ---------------------------------------------------------------------------------


def test_unknown_site_is_one_line_error(kominfo):
    with pytest.raises(CommandError, match='no site has the hostname "nowhere.localhost"'):
        run("sop-a", "nowhere.localhost")


def test_site_without_news_index_is_refused(db):
    build_agency("kosong.localhost", "Kosong", "Dinas Kosong", with_index=False)
    before = counts()
    with pytest.raises(CommandError, match="has no news section"):
        run("sop-a", "kosong.localhost")
    assert counts() == before


def test_unknown_preset_lists_the_presets(kominfo):
    with pytest.raises(CommandError, match=r'unknown preset "sop-z".*sop-a-pengelolaan-website'):
        run("sop-z", "localhost")


def test_unreadable_file_is_refused(kominfo, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(tmp_path / "missing.yaml", "localhost")


def test_help_explains_each_option():
    parser = LoadSopCommand().create_parser("manage.py", "load_sop")
    text = " ".join(parser.format_help().split())
    assert "--site HOSTNAME Hostname of the agency's Wagtail site" in text
    assert "--dry-run Check the file and the site and print what would change" in text
    # argparse wraps at hyphens: compare without the white space.
    assert "sop-a-pengelolaan-website(sop-a)" in "".join(text.split())


# Admin and helpers ---------------------------------------------------------------------------


def test_admin_task_form_shows_the_step_fields_in_indonesian():
    form_class = get_task_form_class(SopStepTask)
    fields = form_class.base_fields
    for name in (
        "name",
        "groups",
        "sop",
        "key",
        "number",
        "description",
        "baseline",
        "input",
        "output",
        "note_required",
        "four_eyes",
        "may_edit",
        "before_submission",
    ):
        assert name in fields
    assert fields["baseline"].label == "Mutu baku waktu"
    assert fields["groups"].label == "Grup pelaksana"
    assert fields["input"].label == "Kelengkapan"
    assert fields["baseline"].clean("2h") == datetime.timedelta(hours=2)
    assert fields["baseline"].prepare_value(datetime.timedelta(days=1)) == "1d"
    with pytest.raises(Exception, match="10m, 2h atau 1d"):
        fields["baseline"].clean("2 jam")
    edit_fields = get_task_form_class(SopStepTask, for_edit=True).base_fields
    assert edit_fields["number"].disabled
    assert edit_fields["may_edit"].disabled  # from the SOP file, as the steps' order
    assert not edit_fields["baseline"].disabled


def test_admin_offers_the_sop_step_task_type(client, kominfo):
    user = get_user_model().objects.create_superuser("operator", "op@example.test", "x")
    client.force_login(user)
    response = client.get(
        reverse("wagtailadmin_workflows:add_task", args=["sop_audit", "sopsteptask"])
    )
    assert response.status_code == 200
    assert "Mutu baku waktu" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "value", "display"),
    [
        ("10m", datetime.timedelta(minutes=10), "10 menit"),
        ("90m", datetime.timedelta(minutes=90), "1 jam 30 menit"),
        ("2h", datetime.timedelta(hours=2), "2 jam"),
        ("1d", datetime.timedelta(hours=24), "1 hari"),
    ],
)
def test_baselines_read_write_and_display(text, value, display):
    assert parse_baseline(text) == value
    assert format_baseline(value) == text
    assert describe_baseline(value) == display


@pytest.mark.parametrize("text", ["90s", "2 jam", "0m", "1.5h", "h", "", "1w", "10M"])
def test_baselines_outside_minutes_hours_days_are_refused(text):
    with pytest.raises(ValueError):
        parse_baseline(text)


# The supervisor ------------------------------------------------------------------------------


def test_the_supervisor_gets_a_group_with_the_actors_least_privilege(kominfo):
    output = run("sop-a", "localhost")

    sop = Sop.objects.get(key="sop-a-pengelolaan-website")
    group = sop.supervisor_group
    assert group.name == "Kepala Dinas — Diskominfostandi"
    assert 'created supervisor group "Kepala Dinas — Diskominfostandi"' in output
    assert [permission.codename for permission in group.permissions.all()] == ["access_admin"]
    grants = GroupPagePermission.objects.filter(group=group)
    assert [(grant.page_id, grant.permission.codename) for grant in grants] == [
        (kominfo[1].pk, "change_page")
    ]
    assert "supervisor" not in run("sop-a", "localhost")  # reloading changes nothing


def test_a_supervisor_named_like_an_actor_is_that_actor_group(dpkpp):
    run("sop-b", "dpkpp.localhost")

    sop = Sop.objects.get(key="sop-b-pengelolaan-website-medsos")
    assert sop.supervisor_group == sop.actor_groups.get(key="kepala-dinas").group
    assert sop.supervisor_group.name == "Kepala Dinas — DPKPP"


def test_a_supervisor_left_out_of_the_file_is_unset_and_its_group_kept(kominfo, tmp_path):
    run("sop-a", "localhost")
    group = Sop.objects.get().supervisor_group
    data = preset_data(SOP_A)
    del data["supervisor"]

    output = run(write(tmp_path, data), "localhost")

    assert Sop.objects.get().supervisor_group is None
    assert 'unset supervisor group "Kepala Dinas — Diskominfostandi"' in output
    assert Group.objects.filter(pk=group.pk).exists()


def test_a_renamed_supervisor_keeps_its_group_and_members(kominfo, tmp_path):
    run("sop-a", "localhost")
    group = Sop.objects.get().supervisor_group
    kadis = get_user_model().objects.create_user("kadis.kominfo", "k@uji.warta.test", "x")
    kadis.groups.add(group)
    data = preset_data(SOP_A)
    data["supervisor"] = "Kepala Dinas Kominfostandi"

    run(write(tmp_path, data), "localhost")

    group.refresh_from_db()
    assert Sop.objects.get().supervisor_group == group
    assert group.name == "Kepala Dinas Kominfostandi — Diskominfostandi"
    assert list(group.user_set.all()) == [kadis]


@pytest.mark.parametrize(
    ("value", "problem"),
    [(12, "must be text"), ("x" * 101, "at most 100"), (["Kepala Dinas"], "must be text")],
)
def test_an_invalid_supervisor_is_refused(kominfo, tmp_path, value, problem):
    data = preset_data(SOP_A)
    data["supervisor"] = value

    with pytest.raises(SopFileError) as caught:
        read_sop_file(write(tmp_path, data))

    assert caught.value.field == "supervisor"
    assert problem in caught.value.problem
