"""Which news an SOP governs: the news items under the news section its workflow is attached to.

Only an SOP's last step, or a superuser's emergency publication, may put such an item live
(publishing.py, emergency.py), and the media it relies on change only through it (media.py).
"""

from wagtail.models import WorkflowPage

from apps.news.models import NewsPage

from .models import Sop


def sop_of(page):
    """The SOP whose workflow governs `page`, or None."""
    workflow = page.get_workflow()
    if workflow is None:
        return None
    return Sop.objects.filter(workflow=workflow).first()


def is_sop_news(page, page_class=None):
    """Whether `page` is a news item under an SOP: only its SOP may publish it.

    For an item not yet created, `page` is its parent and `page_class` its type.
    """
    page_class = page_class or page.specific_class or type(page)
    return issubclass(page_class, NewsPage) and sop_of(page) is not None


def has_sop_news_drafts_below(page):
    """Whether a bulk publication of `page` with its unpublished descendants would publish SOP
    news."""
    drafts = NewsPage.objects.descendant_of(page).not_live()
    return any(sop_of(draft) is not None for draft in drafts.iterator())


def sop_workflow_ids():
    """The ids of the workflows that are some SOP's."""
    return set(Sop.objects.filter(workflow__isnull=False).values_list("workflow_id", flat=True))


def is_governed(page, workflow_ids):
    """Whether `page`'s workflow is one of `workflow_ids` (sop_workflow_ids(), read once for
    many pages)."""
    workflow = page.get_workflow()
    return workflow is not None and workflow.pk in workflow_ids


def governed_news(sop):
    """The news items under `sop`'s workflow (the news sections it is attached to)."""
    sections = WorkflowPage.objects.filter(workflow_id=sop.workflow_id).values_list(
        "page__path", flat=True
    )
    items = NewsPage.objects.none()
    for path in sections:
        items = items | NewsPage.objects.filter(path__startswith=path)
    return items
