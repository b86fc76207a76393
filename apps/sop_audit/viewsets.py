"""The working calendar in the admin: an agency's office week and its days off (cuti bersama).

The week is edited as one line per weekday ("07:30-16:00", periods separated by commas, empty
for a day off) rather than as the JSON it is stored in. Who holds the model permissions on
WorkingCalendar (given to an agency's administrator group) edits the calendars of the sites
whose SOPs they can see (access.visible_sops); superusers edit all.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site

from .access import visible_sops
from .models import WorkingCalendar
from .workcalendar import DEFAULT_WEEK

WEEKDAYS = (
    (1, _("Senin")),
    (2, _("Selasa")),
    (3, _("Rabu")),
    (4, _("Kamis")),
    (5, _("Jumat")),
    (6, _("Sabtu")),
    (7, _("Minggu")),
)
PERIOD_RE = re.compile(r"^([01]\d|2[0-3])[:.]([0-5]\d)\s*-\s*([01]\d|2[0-3])[:.]([0-5]\d)$")


def sites_for(user):
    """The sites whose calendar `user` may manage."""
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(pk__in=visible_sops(user).values("site_id"))


def format_periods(periods):
    return ", ".join(f"{start}-{end}" for start, end in periods or ())


def parse_periods(text):
    """'07:30-12:00, 13:00-16:00' -> [["07:30", "12:00"], ["13:00", "16:00"]]."""
    periods = []
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        match = PERIOD_RE.match(part)
        if match is None:
            raise ValidationError(
                _("Tulis jam kerja seperti 07:30-16:00; beberapa periode dipisah koma.")
            )
        start = f"{match.group(1)}:{match.group(2)}"
        end = f"{match.group(3)}:{match.group(4)}"
        if end <= start or (periods and start < periods[-1][1]):
            raise ValidationError(
                _(
                    "Setiap periode harus berakhir sesudah mulai, berurutan dan tidak tumpang tindih."
                )
            )
        periods.append([start, end])
    return periods


def day_field(label):
    return forms.CharField(
        label=label,
        required=False,
        help_text=_("Mis. 07:30-16:00 atau 07:30-12:00, 13:00-16:00; kosongkan bila hari libur."),
    )


class WorkingCalendarForm(WagtailAdminModelForm):
    """The week as seven text fields (declared here, so the panels may name them), stored as
    WorkingCalendar.week."""

    day_1 = day_field(WEEKDAYS[0][1])
    day_2 = day_field(WEEKDAYS[1][1])
    day_3 = day_field(WEEKDAYS[2][1])
    day_4 = day_field(WEEKDAYS[3][1])
    day_5 = day_field(WEEKDAYS[4][1])
    day_6 = day_field(WEEKDAYS[5][1])
    day_7 = day_field(WEEKDAYS[6][1])

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        week = self.instance.week if self.instance.pk and self.instance.week else DEFAULT_WEEK
        for number, _label in WEEKDAYS:
            self.fields[f"day_{number}"].initial = format_periods(week.get(str(number)))
        if for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = sites_for(for_user)

    def clean(self):
        cleaned = super().clean()
        week = {}
        for number, _label in WEEKDAYS:
            try:
                periods = parse_periods(cleaned.get(f"day_{number}") or "")
            except ValidationError as error:
                self.add_error(f"day_{number}", error)
                continue
            if periods:
                week[str(number)] = periods
        if not self.errors and not week:
            raise ValidationError(_("Isi jam kerja untuk sedikitnya satu hari."))
        self.instance.week = week
        return cleaned


def week_panels():
    return [FieldPanel(f"day_{number}") for number, _label in WEEKDAYS]


class ScopedQuerysetMixin:
    def get_queryset(self):
        return WorkingCalendar.objects.filter(site__in=sites_for(self.request.user))


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(site__in=sites_for(self.request.user))


class EditView(ScopedQuerysetMixin, generic.EditView):
    pass


class DeleteView(ScopedQuerysetMixin, generic.DeleteView):
    pass


class WorkingCalendarViewSet(ModelViewSet):
    model = WorkingCalendar
    icon = "date"
    menu_label = _("Kalender kerja")
    add_to_settings_menu = True
    url_prefix = "sop/kalender-kerja"
    name = "sop_working_calendar"
    list_display = ["site", "national_holidays"]
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            MultiFieldPanel(week_panels(), heading=_("Jam kerja mingguan (WIB)")),
            FieldPanel("national_holidays"),
            InlinePanel(
                "days_off",
                heading=_("Hari libur instansi"),
                label=_("Hari libur (mis. cuti bersama)"),
                panels=[FieldPanel("date"), FieldPanel("name")],
            ),
        ],
        base_form_class=WorkingCalendarForm,
    )


working_calendar_viewset = WorkingCalendarViewSet()
