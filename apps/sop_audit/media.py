"""Images and documents that SOP-governed news relies on change only through that news' SOP.

The officials of an SOP approve an item with its pictures and attachments. Wagtail lets
whoever may edit an image or document replace its file (or its title, alt text, credit, focal
point) in place, and the public site, API and feeds would serve the new version at once: a
change no step of the SOP saw. So, for anyone but a superuser (the operators' emergency
capability), an image or document in use by a live news item, or by an item the SOP is still
moving (a running workflow, or an approval waiting for its publication time), can be neither
edited nor deleted. The editor uploads a new one instead and puts it in the item, which is an
edit of the item and goes through its SOP. Media used only by plain drafts, or by nothing,
stays as free as Wagtail makes it.

Where the rule is enforced:
- the edit forms of images and documents (the edit pages and the multiple uploader's edit
  endpoint), through Wagtail's WAGTAILIMAGES_IMAGE_FORM_BASE and
  WAGTAILDOCS_DOCUMENT_FORM_BASE settings: the form is refused with a message naming the
  items and saying what to do;
- deletion (the delete page, the uploader's delete and the bulk delete action), through the
  permission policy Wagtail asks about each image or document.

Usage is read from Wagtail's reference index for live content (it indexes page rows, which for
a live page hold its live content) and from the revisions themselves for items the SOP is still
moving: a draft under review exists only as a revision, which the index never sees. Each
publication of a news item updates the index at once (index_live_references), so the live
content's media is protected from the moment it is live, not from when the worker gets to it.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page, ReferenceIndex, Revision, WorkflowState
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.signal_handlers import reference_index_auto_update_disabled

from apps.news.models import NewsPage

from .governance import is_governed, sop_workflow_ids


@dataclass
class NewsUse:
    """A news item that uses an image or document, and why that use is protected."""

    page_id: int
    title: str
    states: list = field(default_factory=list)  # why, in words: "sudah tayang"...

    def describe(self):
        states = gettext(" dan ").join(str(state) for state in self.states)
        return gettext("“%(title)s” (%(states)s)") % {"title": self.title, "states": states}


def is_operator(user):
    """Superusers keep the operators' emergency capability to fix or remove any media."""
    return user is not None and user.is_active and user.is_superuser


def _reference_key(obj):
    # ReferenceIndex keys targets by their base content type and the primary key as text.
    return ReferenceIndex._get_base_content_type(obj).pk, str(obj.pk)


def _references_of(instance):
    """The (content type, id) pairs `instance` refers to, read from the instance itself.

    Wagtail's own indexing reads the same generator (ReferenceIndex.create_or_update_for_object):
    foreign keys, chooser blocks at any depth of a StreamField, rich text links and embeds,
    and the item's child relations.
    """
    return {
        (content_type_id, object_id)
        for content_type_id, object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(instance)
        )
    }


def _page_ids(values):
    return {int(value) for value in values}


def _live_news_using(obj, workflow_ids):
    """Live SOP news whose live content (the page row, as indexed) refers to `obj`."""
    page_type = ContentType.objects.get_for_model(Page)
    referring = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    page_ids = _page_ids(referring.values_list("object_id", flat=True).distinct())
    if not page_ids:
        return []
    pages = NewsPage.objects.live().filter(pk__in=page_ids).order_by("pk")
    return [(page, page.title) for page in pages if is_governed(page, workflow_ids)]


def _news_in_sop_using(obj, workflow_ids):
    """News in a running SOP workflow whose latest revision refers to `obj`.

    A live item with a draft under review has its draft only in the revision; the page row
    still holds the live content. There are few items under review at any time.
    """
    page_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.active().filter(
        base_content_type=page_type, workflow_id__in=workflow_ids
    )
    page_ids = _page_ids(states.values_list("object_id", flat=True))
    if not page_ids:
        return []
    key = _reference_key(obj)
    used = []
    for page in NewsPage.objects.filter(pk__in=page_ids).order_by("pk"):
        latest = page.get_latest_revision_as_object()
        if key in _references_of(latest):
            used.append((page, latest.title))
    return used


def _scheduled_news_using(obj, workflow_ids):
    """SOP news whose approved revision waits for its publication time and refers to `obj`.

    The last step's approval only schedules such an item: its workflow is finished, it is not
    live yet, and what goes live later is the revision the officials approved.
    """
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.filter(
        base_content_type=page_type, approved_go_live_at__isnull=False
    ).order_by("pk")
    if not revisions.exists():
        return []
    key = _reference_key(obj)
    used = []
    for revision in revisions:
        item = revision.as_object()
        if not isinstance(item, NewsPage) or key not in _references_of(item):
            continue
        page = NewsPage.objects.get(pk=revision.object_id)
        if is_governed(page, workflow_ids):
            used.append((page, item.title))
    return used


def news_using(obj):
    """The SOP news items that rely on the image or document `obj`, in a stable order.

    Empty when nothing protects `obj`: it may be edited and deleted as Wagtail allows.
    """
    if obj.pk is None:
        return []
    workflow_ids = sop_workflow_ids()
    if not workflow_ids:
        return []
    uses = {}
    for state, finder in (
        (gettext_lazy("sudah tayang"), _live_news_using),
        (gettext_lazy("sedang dalam SOP"), _news_in_sop_using),
        (gettext_lazy("disetujui, menunggu jadwal tayang"), _scheduled_news_using),
    ):
        for page, title in finder(obj, workflow_ids):
            use = uses.setdefault(page.pk, NewsUse(page_id=page.pk, title=title))
            use.states.append(state)
    return [uses[page_id] for page_id in sorted(uses)]


# Editing: the forms refuse the change and say why. ------------------------------------------


class SopMediaFormMixin:
    """Refuses any change to an image or document that SOP news relies on (see news_using).

    The form is shown again with the message; nothing is saved. A new upload is never
    refused, and a form posted back unchanged is let through (it changes nothing).
    """

    refusal_message = None  # format string with %(items)s, set by the concrete forms

    def __init__(self, *args, **kwargs):
        # Wagtail's collection member forms take the user but do not keep it.
        self.editing_user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None or not self.changed_data or is_operator(self.editing_user):
            return cleaned_data
        uses = news_using(self.instance)
        if uses:
            self.refused = True
            items = gettext(", ").join(use.describe() for use in uses)
            raise ValidationError(
                self.refusal_message, code="used_by_sop_news", params={"items": items}
            )
        return cleaned_data

    def full_clean(self):
        self.refused = False
        super().full_clean()
        if self.refused:
            # Django's ModelForm copies the posted values onto the instance even when the
            # form is invalid; the edit page then renders that instance, and Wagtail would
            # make (and keep) renditions of the refused file under this image's id.
            self.instance.refresh_from_db()


class SopImageForm(SopMediaFormMixin, BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's image form with the SOP's rule."""

    refusal_message = gettext_lazy(
        "Gambar ini dipakai oleh berita %(items)s, sehingga berkas maupun datanya (judul, "
        "deskripsi, kredit foto, titik fokus, koleksi, penanda) tidak dapat diubah. Unggah "
        "gambar baru lalu pilih di berita; perubahan berita itu melalui SOP."
    )


class SopDocumentForm(SopMediaFormMixin, BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: Wagtail's document form with the SOP's rule."""

    refusal_message = gettext_lazy(
        "Dokumen ini dipakai oleh berita %(items)s, sehingga berkas maupun datanya (judul, "
        "koleksi, penanda) tidak dapat diubah. Unggah dokumen baru lalu pilih di berita; "
        "perubahan berita itu melalui SOP."
    )


# Deleting: the permission policy says no, so every delete view refuses. ---------------------


class SopMediaPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images and documents, without "delete" on media SOP news uses.

    "change" is left alone: the edit page must open, to show why a change is refused. The
    parent policy treats "delete" as "change", so "delete" is taken out of the actions before
    asking it. Listings ask about querysets, which this policy does not narrow: that would
    cost a usage query per image.
    """

    def user_has_any_permission_for_instance(self, user, actions, instance):
        allowed = super().user_has_any_permission_for_instance(user, actions, instance)
        if not allowed or "delete" not in actions or is_operator(user):
            return allowed
        others = [action for action in actions if action != "delete"]
        if others and super().user_has_any_permission_for_instance(user, others, instance):
            return True
        return not news_using(instance)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = super().users_with_any_permission_for_instance(actions, instance)
        if set(actions) != {"delete"} or not news_using(instance):
            return users
        return users.filter(is_active=True, is_superuser=True)


def _media_policy(model, auth_model):
    # The same arguments as wagtail.images/documents.get_permission_policy().
    return SopMediaPermissionPolicy(
        model, auth_model=auth_model, owner_field_name="uploaded_by_user"
    )


# Keeping the index current at publication. ---------------------------------------------------


def index_live_references(page):
    """A news item was published: record its live content's references now, in the
    publication (signal_handlers.news_published).

    Wagtail updates the reference index in a background task; until the worker runs it, a
    media file the new live content added would look unused. Wagtail's task still runs and
    finds nothing left to do.
    """
    # Whoever turned automatic indexing off (the demo loader) rebuilds the index afterwards.
    if getattr(reference_index_auto_update_disabled, "value", False):
        return
    # Part of the publication's transaction: no savepoint of its own.
    with transaction.atomic(savepoint=False):
        ReferenceIndex.create_or_update_for_object(page)


def register_permission_policies():
    """Put the rule on deletion in place: called once, from the app's ready()."""
    # Registered after wagtail.images and wagtail.documents (INSTALLED_APPS order), under the
    # same model, so this policy replaces theirs for every view that asks the registry.
    register_permission_policy(
        get_image_model(), _media_policy(get_image_model(), "wagtailimages.Image")
    )
    register_permission_policy(
        get_document_model(), _media_policy(get_document_model(), "wagtaildocs.Document")
    )
