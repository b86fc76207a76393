"""``manage.py sop_audit_verify``: tamper evidence of the step records.

Records are finished the normal way (items taken through their SOP), then altered the only
way left once the model refuses: raw SQL, as someone with database access would. The command
says "all intact" and exits 0, or names the first altered or missing record and exits 1.
"""

import io

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connection

from apps.sop_audit import chain
from apps.sop_audit.models import StepRecord

pytestmark = pytest.mark.django_db

TABLE = StepRecord._meta.db_table


@pytest.fixture
def published(sop_newsroom):
    """Two items through SOP A (3 records each) and one through SOP B (4 records)."""
    kominfo, dpkpp = sop_newsroom.kominfo, sop_newsroom.dpkpp
    for title in ("Rapat koordinasi CCTV", "Pelatihan juru bicara"):
        kominfo.publish_through_sop(kominfo.draft(title))
    dpkpp.publish_through_sop(dpkpp.draft("Sertifikasi tanah warga"))
    return sop_newsroom


def kominfo_chain(newsroom):
    return f"site:{newsroom.kominfo.site.pk}"


def record_at(newsroom, sequence):
    return StepRecord.objects.get(chain=kominfo_chain(newsroom), sequence=sequence)


def run_sql(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify_output(*args):
    out = io.StringIO()
    call_command("sop_audit_verify", *args, stdout=out)
    return out.getvalue()


def exit_status(*args):
    """The process exit status of ``manage.py sop_audit_verify``."""
    try:
        execute_from_command_line(["manage.py", "sop_audit_verify", *args])
    except SystemExit as exit:
        return exit.code
    return 0


def test_intact_records_are_reported_as_such(published):
    assert StepRecord.objects.finished().count() == 10
    assert verify_output().splitlines() == [
        "Semua 10 catatan utuh.",
        "3 berita tayang sesuai persetujuan SOP, 0 terbit darurat dengan alasan, 0 dijadwalkan "
        "tayang setelah disetujui; 0 tayang sebelum persetujuan terikat revisi (tidak diperiksa).",
    ]
    assert exit_status() == 0


def test_a_row_edited_behind_the_guard_is_named(published, capsys):
    record = record_at(published, 2)
    run_sql(f"UPDATE {TABLE} SET note = %s WHERE id = %s", ["Disposisi dipalsukan.", record.pk])

    with pytest.raises(CommandError) as refused:
        verify_output()

    assert f"catatan nomor 2 (id {record.pk}, {record.page_title}" in str(refused.value)
    assert "telah diubah" in str(refused.value)
    assert exit_status() == 1
    assert f"id {record.pk}" in capsys.readouterr().err


def test_a_row_rewritten_with_a_fresh_hash_is_named(published):
    """Recomputing the altered row's own hash does not help: the next record links to the
    hash it had."""
    record = record_at(published, 4)
    record.actor_username = "orang.lain"
    run_sql(
        f"UPDATE {TABLE} SET actor_username = %s, hash = %s WHERE id = %s",
        [record.actor_username, chain.record_hash(record), record.pk],
    )

    problem = chain.verify()

    assert (problem.sequence, problem.record_id) == (4, record.pk)
    with pytest.raises(CommandError, match=f"catatan nomor 4 \\(id {record.pk}"):
        verify_output()


def test_a_deleted_row_is_named_by_its_missing_sequence(published):
    run_sql(f"DELETE FROM {TABLE} WHERE id = %s", [record_at(published, 3).pk])

    with pytest.raises(CommandError) as refused:
        verify_output()

    assert str(refused.value) == f"Rantai {kominfo_chain(published)}: catatan nomor 3 hilang."
    assert exit_status() == 1


def test_a_deleted_last_row_is_caught_by_the_chain_head(published):
    run_sql(f"DELETE FROM {TABLE} WHERE id = %s", [record_at(published, 6).pk])

    with pytest.raises(CommandError) as refused:
        verify_output()

    assert str(refused.value) == (
        f"Rantai {kominfo_chain(published)}: catatan nomor 6 hilang (kepala rantai mencatat "
        "6 catatan, yang ada 5)."
    )


def test_one_chain_can_be_checked_alone(published):
    """Each agency has its own chain: damage in one does not hide the others' state."""
    dpkpp_chain = f"site:{published.dpkpp.site.pk}"
    run_sql(f"UPDATE {TABLE} SET page_title = %s WHERE chain = %s", ["Diubah", dpkpp_chain])

    assert verify_output("--chain", kominfo_chain(published)).strip() == "Semua 6 catatan utuh."
    with pytest.raises(CommandError, match=f"Rantai {dpkpp_chain}: catatan nomor 1 "):
        verify_output()
