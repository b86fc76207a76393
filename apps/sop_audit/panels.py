"""The "Langkah saya" dashboard panel: a moderator's open SOP steps, and for an SOP's supervisor
the agency's late steps, each with its due time, time left and status colour.

What is listed comes from deadlines.dashboard_steps (open StepRecords, a constant number of
queries); this module only renders it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .deadlines import dashboard_steps


class MyStepsPanel(Component):
    name = "sop_my_steps"
    template_name = "sop_audit/dashboard/my_steps.html"
    order = 100  # before Wagtail's own panels (110 and up): what is due comes first

    def __init__(self, mine, late):
        self.mine = mine
        self.late = late

    @classmethod
    def for_user(cls, user):
        """The panel for `user`, or None if they have no part in any SOP."""
        steps = dashboard_steps(user)
        return None if steps is None else cls(*steps)

    def get_context_data(self, parent_context):
        return {
            "mine": self.mine,
            "late": self.late,
            "heading": _("Langkah saya"),
            "late_heading": _("Langkah terlambat di instansi Anda"),
        }
