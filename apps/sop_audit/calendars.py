"""An agency's working calendar as it edits it: its office week and its own days off.

workcalendar.py counts working time with them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class WorkingCalendar(ClusterableModel):
    """An agency's office week, used to measure steps in working time.

    ``week`` maps ISO weekday numbers (1 = Monday ... 7 = Sunday, as strings because it is
    JSON) to a list of ``["HH:MM", "HH:MM"]`` office periods; a day that is absent or empty
    is a day off. The default is the Kota Bekasi government office week (see workcalendar.py).
    Indonesian national holidays come from the ``holidays`` package; the agency adds its own
    days off (cuti bersama, local holidays) as DayOff rows.
    """

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("situs"),
        on_delete=models.CASCADE,
        related_name="working_calendar",
    )
    week = models.JSONField(_("jam kerja mingguan"))
    national_holidays = models.BooleanField(
        _("libur nasional"),
        default=True,
        help_text=_("Hari libur nasional Indonesia tidak dihitung sebagai waktu kerja."),
    )

    class Meta:
        verbose_name = _("kalender kerja")
        verbose_name_plural = _("kalender kerja")

    def __str__(self):
        return str(self.site)


class DayOff(models.Model):
    """A day the agency does not work besides national holidays: cuti bersama and the like."""

    calendar = ParentalKey(
        WorkingCalendar,
        verbose_name=_("kalender kerja"),
        on_delete=models.CASCADE,
        related_name="days_off",
    )
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=150)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="sop_audit_day_off_unique"),
        ]
        ordering = ["date"]
        verbose_name = _("hari libur instansi")
        verbose_name_plural = _("hari libur instansi")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
