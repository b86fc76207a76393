from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Wagtail's notification receivers (wagtail/admin/signal_handlers.py): signal name, sender
# model and dispatch_uid. They send English mails inside the moderation transaction; the SOP
# sends its own, in Indonesian, from the worker after commit (see notifications.py).
WAGTAIL_NOTIFICATION_RECEIVERS = (
    ("task_submitted", "TaskState", "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", "WorkflowState", "workflow_state_submitted_email_notification"),
    ("workflow_rejected", "WorkflowState", "workflow_state_rejected_email_notification"),
    ("workflow_approved", "WorkflowState", "workflow_state_approved_email_notification"),
)


class SopAuditConfig(AppConfig):
    name = "apps.sop_audit"
    label = "sop_audit"
    verbose_name = _("SOP dan audit")

    def ready(self):
        # Runs after wagtail.admin's ready() (INSTALLED_APPS order), so its receivers are
        # connected and can be removed here.
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail import models as wagtail_models
        from wagtail import signals

        from . import signal_handlers

        for signal_name, sender_name, dispatch_uid in WAGTAIL_NOTIFICATION_RECEIVERS:
            getattr(signals, signal_name).disconnect(
                sender=getattr(wagtail_models, sender_name), dispatch_uid=dispatch_uid
            )

        # Without a sender: it is the task state's own class, which a task type may change.
        signals.task_submitted.connect(
            signal_handlers.step_started, dispatch_uid="sop_audit_step_started"
        )
        signals.task_approved.connect(
            signal_handlers.step_approved, dispatch_uid="sop_audit_step_approved"
        )
        signals.task_rejected.connect(
            signal_handlers.step_rejected, dispatch_uid="sop_audit_step_rejected"
        )
        signals.page_published.connect(
            signal_handlers.page_published, dispatch_uid="sop_audit_outside_sop"
        )
        signals.task_cancelled.connect(
            signal_handlers.step_cancelled, dispatch_uid="sop_audit_step_cancelled"
        )
        # Every page type: a revision saved mid-SOP is checked against what was approved.
        post_save.connect(signal_handlers.page_saved, dispatch_uid="sop_audit_page_saved")

        # Audit records: one per step execution, written with the action (records.py).
        signals.task_submitted.connect(
            signal_handlers.record_step_started, dispatch_uid="sop_audit_record_step_started"
        )
        signals.task_approved.connect(
            signal_handlers.record_step_approved, dispatch_uid="sop_audit_record_step_approved"
        )
        signals.task_rejected.connect(
            signal_handlers.record_step_rejected, dispatch_uid="sop_audit_record_step_rejected"
        )
        signals.task_cancelled.connect(
            signal_handlers.record_step_cancelled, dispatch_uid="sop_audit_record_step_cancelled"
        )
        signals.workflow_submitted.connect(
            signal_handlers.record_item_submitted,
            sender=wagtail_models.WorkflowState,
            dispatch_uid="sop_audit_record_item_submitted",
        )
        signals.workflow_cancelled.connect(
            signal_handlers.record_workflow_cancelled,
            sender=wagtail_models.WorkflowState,
            dispatch_uid="sop_audit_record_workflow_cancelled",
        )
        # Deleting a page deletes its workflow states with it, without a workflow signal.
        pre_delete.connect(
            signal_handlers.record_item_deleted,
            sender=wagtail_models.Page,
            dispatch_uid="sop_audit_record_item_deleted",
        )
        signals.workflow_approved.connect(
            signal_handlers.workflow_published,
            sender=wagtail_models.WorkflowState,
            dispatch_uid="sop_audit_workflow_published",
        )

        from apps.core.signals import publication_settled

        publication_settled.connect(
            signal_handlers.record_publication_settled,
            dispatch_uid="sop_audit_record_publication_settled",
        )

        from .models import DayOff, WorkingCalendar

        for model in (WorkingCalendar, DayOff):
            for django_signal in (post_save, post_delete):
                django_signal.connect(
                    signal_handlers.calendar_changed,
                    sender=model,
                    dispatch_uid=f"sop_audit_calendar_changed_{model.__name__}",
                )

        # Media that SOP news relies on changes only through the SOP (media.py).
        from .media import register_media_rules

        register_media_rules()
