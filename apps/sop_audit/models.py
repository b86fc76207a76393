"""The app's models, where Django looks for them; each is defined in the module of its job.

- sops.py: Sop and SopGroup, a signed SOP's identity and actors;
- steps.py: SopStepTask, one Wagtail task per step, with the SOP's moderation rules;
- calendars.py: WorkingCalendar and DayOff, an agency's office week and days off;
- ledger.py: StepRecord and RecordChain, the audit records and each agency's chain head.

The step task type is at the top of them: Wagtail calls the SOP's rules on the task itself
(moderation.py), and those rules read the step records and the working calendar. So the rules
and what they use (approvals.py, recording.py, workcalendar.py, chain.py) import the models
from their own modules, never from this one; everything above imports them from here.
"""

from .calendars import DayOff, WorkingCalendar
from .ledger import FinishedRecordError, RecordChain, StepRecord, StepRecordQuerySet
from .sops import Sop, SopGroup
from .steps import SopStepTask, sop_step_of, task_name

__all__ = [
    "DayOff",
    "FinishedRecordError",
    "RecordChain",
    "Sop",
    "SopGroup",
    "SopStepTask",
    "StepRecord",
    "StepRecordQuerySet",
    "WorkingCalendar",
    "sop_step_of",
    "task_name",
]
