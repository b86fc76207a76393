"""Fixtures for the SOP acceptance tests: two agencies following their signed SOPs, their people,
and a driver for the Wagtail admin views they use.

``sop_newsroom`` builds on the ``agencies`` fixture of tests/conftest.py (Diskominfostandi at
localhost, DPKPP at dpkpp.localhost), loads SOP A on the first and SOP B on the second with
``load_sop``, and seats one official per SOP role in the actor group of their step, plus an
editor per agency in an "Editor <agency>" group with admin access and add + change on the news
section (the rights the demo loader gives, apps/demo/roles.py ``create_groups``). Nothing
of the demo itself is loaded.

``sop_admin`` drives the admin with the Django test client, as each person would: the add and
edit views (form data built with ``wagtail.test.utils.form_data``) and the workflow action view.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from apps.news.models import NewsPage
from apps.sop_audit.loading import load_sop_source

SOP_PASSWORD = "uji-sop-2026"  # every fixture user's; the browser test logs in with it

SOP_A_PRESET = "sop-a-pengelolaan-website"
SOP_B_PRESET = "sop-b-pengelolaan-website-medsos"

# Who plays which SOP role: username -> actor group key in the SOP file, after
# apps/demo/people.py. The editors are not SOP actors: they draft and submit.
SOP_A_OFFICIALS = {
    "kabid.pip": "kepala-bidang-pip",  # step 1, disposisi
    "kasi.lkip": "kepala-seksi-lkip",  # step 2, four-eyes
    "pelaksana.kominfo": "pelaksana",  # step 3, publishes
}
SOP_B_OFFICIALS = {
    "kabid.perumahan": "kepala-bidang",  # step 1, before submission: drafts and submits
    "admin.dpkpp": "admin",  # steps 2 and 4
    "kadis.dpkpp": "kepala-dinas",  # step 3, any one of three, four-eyes
    "sekretaris.dpkpp": "sekretaris",
    "kasubag.tu": "kasubag-tata-usaha",
}


# Who submits an agency's news, then who approves each workflow step (its number on the form).
AUTHORS = {"kominfo": "editor.kominfo", "dpkpp": "kabid.perumahan"}
APPROVERS = {
    "kominfo": {1: "kabid.pip", 2: "kasi.lkip", 3: "pelaksana.kominfo"},
    "dpkpp": {2: "admin.dpkpp", 3: "kadis.dpkpp", 4: "admin.dpkpp"},
}
DISPOSITION = "Disposisi: Kasi LKIP periksa dan tayangkan hari ini."


@dataclass
class SopAgency:
    """One agency of the fixture: its site, news section, SOP, steps and people.

    ``draft``, ``submit`` and ``approve_current`` move items through the workflow with the
    models' own API (Wagtail's ``Workflow.start`` and the task's ``on_action``), for tests
    whose subject is something else; the end-to-end tests use the admin views instead.
    """

    key: str
    site: object
    home: object
    index: object
    sop: object
    editor: object
    officials: dict = field(default_factory=dict)  # username -> user

    @property
    def author(self):
        return self.user(AUTHORS[self.key])

    def approver(self, number):
        return self.user(APPROVERS[self.key][number])

    def draft(self, title, *, user=None, **fields):
        fields.setdefault("summary", f"Ringkasan {title}.")
        fields.setdefault("body", [("paragraph", f"<p>Isi berita {title}.</p>")])
        page = self.index.add_child(
            instance=NewsPage(title=title, slug=slugify(title), live=False, **fields)
        )
        page.save_revision(user=user or self.author)
        return fresh(page)

    def submit(self, page, *, user=None):
        return self.sop.workflow.start(fresh(page), user or self.author)

    def approve_current(self, page, *, user=None, comment=None):
        """The running step's official (or `user`) approves it, with a disposition if needed."""
        state = current_task_state(page)
        task = state.task.specific
        if comment is None:
            comment = DISPOSITION if task.note_required else ""
        task.on_action(state, user or self.approver(task.number), "approve", comment=comment)
        return state

    def publish_through_sop(self, page):
        """Submit `page` and approve every step: it goes live as the SOP says."""
        self.submit(page)
        while current_task_state(page) is not None:
            self.approve_current(page)
        return fresh(page)

    @property
    def steps(self):
        """The workflow's steps, in order (SOP B's step 1 is not one of them)."""
        return [
            task.specific for task in self.sop.workflow.tasks.order_by("workflow_tasks__sort_order")
        ]

    def step(self, number):
        """The SOP step numbered as on the signed form."""
        return self.sop.steps.get(number=number)

    def group(self, actor_key):
        return self.sop.actor_groups.get(key=actor_key).group

    def user(self, username):
        return self.editor if username == self.editor.username else self.officials[username]

    @property
    def people(self):
        return {self.editor.username: self.editor, **self.officials}


def make_sop_user(username, **extra):
    return get_user_model().objects.create_user(
        username,
        email=f"{username}@uji.warta.test",
        password=SOP_PASSWORD,
        first_name=extra.pop("first_name", username.split(".")[0].title()),
        last_name=extra.pop("last_name", ""),
        **extra,
    )


def make_editor_group(short_name, index):
    """'Editor <agency>': admin access, add and change on the news section, nothing else."""
    group = Group.objects.create(name=f"Editor {short_name}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    page_type = ContentType.objects.get_for_model(Page)
    for action in ("add", "change"):
        GroupPagePermission.objects.create(
            group=group,
            page=index,
            permission=Permission.objects.get(content_type=page_type, codename=f"{action}_page"),
        )
    return group


def _sop_agency(key, agency, preset, officials, editor_name):
    _path, result = load_sop_source(preset, agency.site.hostname)
    sop = result.sop
    short_name = agency.site.agencysettings.short_name
    editor = make_sop_user(editor_name)
    editor.groups.add(make_editor_group(short_name, agency.index))
    seated = {}
    for username, actor_key in officials.items():
        user = make_sop_user(username)
        user.groups.add(sop.actor_groups.get(key=actor_key).group)
        seated[username] = user
    return SopAgency(
        key=key,
        site=agency.site,
        home=agency.home,
        index=agency.index,
        sop=sop,
        editor=editor,
        officials=seated,
    )


@pytest.fixture
def sop_newsroom(agencies):
    """Both agencies under their SOPs, with their people, an outsider and a superuser.

    ``kominfo`` follows SOP A, ``dpkpp`` SOP B. ``outsider`` is staff with admin access and
    no page rights; ``operator`` is a superuser.
    """
    kominfo, dpkpp = agencies
    newsroom = SimpleNamespace(
        kominfo=_sop_agency("kominfo", kominfo, SOP_A_PRESET, SOP_A_OFFICIALS, "editor.kominfo"),
        dpkpp=_sop_agency("dpkpp", dpkpp, SOP_B_PRESET, SOP_B_OFFICIALS, "editor.dpkpp"),
        outsider=make_sop_user("tamu", is_staff=True),
        operator=get_user_model().objects.create_superuser(
            "operator", "operator@uji.warta.test", SOP_PASSWORD
        ),
    )
    newsroom.outsider.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    newsroom.users = {
        **newsroom.kominfo.people,
        **newsroom.dpkpp.people,
        "tamu": newsroom.outsider,
        "operator": newsroom.operator,
    }
    return newsroom


# Reading the workflow back -----------------------------------------------------------------------


def fresh(page):
    """The page as the database has it now, with nothing cached from earlier reads."""
    return NewsPage.objects.get(pk=page.pk)


def current_task_state(page):
    state = fresh(page).current_workflow_task_state
    return state.specific if state is not None else None


SOCIAL_TEXT_FIELDS = (
    "social_hashtags",
    "social_caption_x",
    "social_caption_facebook",
    "social_caption_instagram",
    "social_caption_telegram",
)


def news_form_data(title, *, slug=None, summary=None, paragraph=None, date=None, **extra):
    """What the NewsPage add/edit form posts, for the fields the SOP tests care about."""
    # Like the browser, no "initial-date": Wagtail does not render the hidden initial value
    # Django asks for on a field with a callable default (NewsPage.date).
    data = {
        "title": title,
        "slug": slug or slugify(title),
        "date": (date or timezone.localtime()).strftime("%Y-%m-%d %H:%M"),
        "location": "Kota Bekasi",
        "summary": summary or f"Ringkasan {title}.",
        "hero_alt": "",
        "hero_caption": "",
        "body": streamfield([("paragraph", rich_text(f"<p>{paragraph or 'Isi ' + title}.</p>"))]),
        "tags": "",
        "reporter": "",
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def posted_back_body(item):
    """`item`'s body as the editor posts it back, block ids included: no change."""
    body = [("paragraph", rich_text(block.value.source)) for block in item.body]
    data = nested_form_data({"body": streamfield(body)})
    for position, block in enumerate(item.body):
        data[f"body-{position}-id"] = block.id
    return data


def posted_back_texts(item):
    """The "Media sosial" tab's texts of `item`, posted back as they are."""
    return {name: getattr(item, name) for name in SOCIAL_TEXT_FIELDS}


class SopAdmin:
    """The Wagtail admin as the SOP's people use it, through the test client."""

    fresh = staticmethod(fresh)
    current_task_state = staticmethod(current_task_state)

    def __init__(self, client):
        self.client = client

    def login(self, user):
        self.client.force_login(user)
        return self

    def add_url(self, agency):
        return reverse("wagtailadmin_pages:add", args=("news", "newspage", agency.index.pk))

    def create(self, user, agency, title, *, action="action-submit", **fields):
        """`user` writes a news item in the add view; by default submits it to the SOP.

        Returns (response, page); page is None when nothing was created.
        """
        self.login(user)
        data = news_form_data(title, **fields)
        if action:
            data[action] = "1"
        response = self.client.post(self.add_url(agency), data)
        page = NewsPage.objects.filter(slug=data["slug"], path__startswith=agency.index.path)
        return response, page.first()

    def edit(self, user, page, *, action=None, **changes):
        """`user` posts the edit view with the latest revision's content plus `changes`."""
        self.login(user)
        latest = fresh(page).get_latest_revision_as_object()
        paragraph = changes.pop("paragraph", None)
        data = news_form_data(
            changes.pop("title", latest.title),
            slug=latest.slug,
            summary=changes.pop("summary", latest.summary),
            date=timezone.localtime(latest.date),
        )
        if paragraph:
            body = [("paragraph", rich_text(f"<p>{paragraph}</p>"))]
            data.update(nested_form_data({"body": streamfield(body)}))
        else:
            data.update(posted_back_body(latest))
        data.update(posted_back_texts(latest))
        data.update(changes)
        if action:
            data[action] = "1"
        return self.client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    def action_url(self, page, action, task_state=None):
        task_state = task_state or current_task_state(page)
        return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))

    def act(self, user, page, action, comment="", *, task_state=None, xhr=False):
        """`user` approves or rejects the running step from the workflow action modal."""
        self.login(user)
        headers = {"x-requested-with": "XMLHttpRequest"} if xhr else {}
        return self.client.post(
            self.action_url(page, action, task_state), {"comment": comment}, headers=headers
        )

    def approve(self, user, page, comment="", **kwargs):
        return self.act(user, page, "approve", comment, **kwargs)

    def reject(self, user, page, comment="", **kwargs):
        return self.act(user, page, "reject", comment, **kwargs)


@pytest.fixture
def sop_admin(client):
    return SopAdmin(client)
