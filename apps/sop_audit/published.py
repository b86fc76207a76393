"""Is every live SOP news item what its SOP approved? The check ``sop_audit_verify`` runs
besides the hash chain (chain.py).

For each live news item under an SOP, and each revision scheduled to go live:

- the revision is the one its SOP's last step approved, with the same content hash now, or
  one a superuser published in an emergency, with its reason (approvals.publication_approval);
- the item's public content (its page row) is that revision's content.

An item whose published revision predates the moment its SOP's approvals started naming their
revision (``Sop.approvals_bound_since``: the upgrade, or the SOP's loading) is counted apart:
nothing on record can vouch for it either way.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext
from wagtail.models import Page, Revision

from .approvals import publication_approval
from .content import content_hash, revision_hash
from .governance import governed_news
from .models import Sop, StepRecord


@dataclass
class Result:
    problem: str | None = None
    approved: int = 0  # live items their SOP approved
    emergencies: int = 0  # live items published in an emergency
    earlier: int = 0  # live items published before approvals were bound to revisions
    scheduled: int = 0  # revisions approved and waiting for their go-live time

    @property
    def intact(self):
        return self.problem is None


def _describe(page):
    return f"“{page.title}” (id {page.pk})"


def _check_live(page, sop, result):
    revision = page.live_revision
    if revision is None or revision.created_at < sop.approvals_bound_since:
        if (
            revision is None
            and page.last_published_at
            and (page.last_published_at >= sop.approvals_bound_since)
        ):
            return gettext("Berita %(item)s tayang tanpa revisi yang terbit.") % {
                "item": _describe(page)
            }
        result.earlier += 1
        return None
    approval = publication_approval(page, revision)
    if approval is None:
        if StepRecord.objects.filter(page_id=page.pk, revision_id=revision.pk).exists():
            return gettext(
                "Berita %(item)s: isi revisi %(revision)d yang tayang berubah sejak disetujui."
            ) % {"item": _describe(page), "revision": revision.pk}
        return gettext(
            "Berita %(item)s tayang dengan revisi %(revision)d yang tidak disetujui SOP "
            "%(sop)s dan bukan penerbitan darurat."
        ) % {"item": _describe(page), "revision": revision.pk, "sop": sop.name}
    if content_hash(page.serializable_data()) != revision_hash(revision):
        return gettext(
            "Berita %(item)s: isi yang tayang tidak sama dengan revisi %(revision)d yang disetujui."
        ) % {"item": _describe(page), "revision": revision.pk}
    if approval.outcome == StepRecord.OUTCOME_EMERGENCY:
        result.emergencies += 1
    else:
        result.approved += 1
    return None


def _check_scheduled(page, revision, sop, result):
    if revision.created_at < sop.approvals_bound_since:
        return None
    if publication_approval(page, revision) is None:
        return gettext(
            "Berita %(item)s: revisi %(revision)d dijadwalkan tayang tanpa persetujuan SOP %(sop)s."
        ) % {"item": _describe(page), "revision": revision.pk, "sop": sop.name}
    result.scheduled += 1
    return None


def check():
    """Check every SOP's news; the first problem found, with counts, as a Result."""
    result = Result()
    page_type = ContentType.objects.get_for_model(Page)
    for sop in Sop.objects.filter(workflow__isnull=False).order_by("pk"):
        items = governed_news(sop)
        live = items.filter(live=True).select_related("live_revision").order_by("pk")
        for page in live.iterator(chunk_size=500):
            problem = _check_live(page, sop, result)
            if problem:
                result.problem = problem
                return result
        # Few revisions wait for a go-live time: each is looked up among the SOP's news.
        scheduled = Revision.objects.filter(
            base_content_type=page_type, approved_go_live_at__isnull=False
        ).order_by("pk")
        for revision in scheduled:
            page = items.filter(pk=int(revision.object_id)).first()
            if page is None:
                continue
            problem = _check_scheduled(page, revision, sop, result)
            if problem:
                result.problem = problem
                return result
    return result
