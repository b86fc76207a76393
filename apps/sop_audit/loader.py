"""One run of load_sop (loading.py): bring a site in line with an SOP spec, saying what changed.

Each method brings one kind of object in line: the ``Sop`` row, the actor groups and their
least-privilege permissions (admin access; change, or add and change for the steps before
submission, on the news section; never publish), the supervisor group, one ``SopStepTask``
per step, the workflow with its tasks in step order, and its link to the news section.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.text import Truncator
from wagtail.models import (
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .baselines import describe_baseline
from .models import Sop, SopGroup, SopStepTask, task_name
from .sopfile import STEP_FLAGS, LoadError

# Page permissions that let someone put news live (or keep it from the SOP) outside the
# workflow. load_sop never grants them and warns when an SOP group holds one.
BYPASS_PAGE_PERMISSIONS = ("publish", "bulk_delete", "lock", "unlock")


def _step_label(number, name):
    return f'step {number} "{Truncator(name).chars(60)}"'


class SopLoader:
    """One run of load_sop. Each method brings one kind of object in line and says what it did."""

    def __init__(
        self, spec, site, index, group_names, workflow_name, result, *, supervisor_name=""
    ):
        self.spec = spec
        self.supervisor_name = supervisor_name
        self.site = site
        self.index = index
        self.group_names = group_names
        self.workflow_name = workflow_name
        self.result = result
        self.sop = None
        self.groups = {}  # file key -> Group
        self.tasks = {}  # step key -> SopStepTask

    def say(self, message):
        self.result.changes.append(message)

    def run(self):
        self.load_identity()
        self.load_groups()
        self.load_supervisor()
        self.load_steps()
        self.load_workflow()
        self.attach_workflow()
        self.check_bypass_permissions()

    def load_identity(self):
        identity = self.spec.identity
        sop = Sop.objects.filter(site=self.site, key=identity["key"]).first()
        if sop is None:
            self.sop = Sop.objects.create(site=self.site, **identity)
            self.say(f'created SOP "{self.sop.name}" ({self.sop.key})')
            return
        changed = [name for name, value in identity.items() if getattr(sop, name) != value]
        if changed:
            for name in changed:
                setattr(sop, name, identity[name])
            sop.save()
            self.say(f'updated SOP "{sop.name}": {", ".join(changed)}')
        self.sop = sop

    def load_groups(self):
        mapped = {
            actor.key: actor
            for actor in SopGroup.objects.filter(sop=self.sop).select_related("group")
        }
        # Actors gone from the file first, so a group can move to a new key in the same run.
        dropped = []
        for key, actor in mapped.items():
            if key not in self.group_names:
                dropped.append(actor.group)
                actor.delete()
        for group_spec in self.spec.groups:
            name = self.group_names[group_spec.key]
            actor = mapped.get(group_spec.key)
            if actor is not None:
                group = actor.group
                if group.name != name:
                    if Group.objects.filter(name=name).exclude(pk=group.pk).exists():
                        raise LoadError(
                            f'cannot rename group "{group.name}" to "{name}": '
                            "another group already has that name"
                        )
                    self.say(f'renamed group "{group.name}" to "{name}"')
                    group.name = name
                    group.save(update_fields=["name"])
                if actor.name != group_spec.name:
                    actor.name = group_spec.name
                    actor.save(update_fields=["name"])
            else:
                group, created = Group.objects.get_or_create(name=name)
                SopGroup.objects.create(
                    sop=self.sop, key=group_spec.key, name=group_spec.name, group=group
                )
                self.say(f'{"created" if created else "adopted existing"} group "{name}"')
            self.groups[group_spec.key] = group

        self.grant_permissions()
        kept = {group.pk for group in self.groups.values()}
        for group in dropped:
            if group.pk in kept or SopGroup.objects.filter(group=group).exists():
                continue  # still an actor here under another key, or in another SOP
            removed, _ = GroupPagePermission.objects.filter(
                group=group, page=self.index, permission__in=self.page_permissions.values()
            ).delete()
            self.say(
                f'released group "{group.name}", no longer an actor of this SOP'
                + (f': revoked its rights on "{self.index.title}"' if removed else "")
                + " (the group and its members are kept)"
            )

    def load_supervisor(self):
        """The group told when a step is late: an actor's group if the file names an actor,
        else a group of its own with the actors' least privilege (admin access, change on the
        news section, to open the late item). Dropping `supervisor` unsets it; the group and
        its members are kept."""
        name = self.supervisor_name
        current = self.sop.supervisor_group
        if not name:
            if current is not None:
                self.sop.supervisor_group = None
                self.sop.save(update_fields=["supervisor_group", "updated_at"])
                self.say(f'unset supervisor group "{current.name}" (the group is kept)')
            return
        if current is not None and current.name == name:
            group = current
        else:
            actor_ids = {group.pk for group in self.groups.values()}
            renamable = (
                current is not None
                and current.pk not in actor_ids
                and not Sop.objects.filter(supervisor_group=current)
                .exclude(pk=self.sop.pk)
                .exists()
                and not Group.objects.filter(name=name).exists()
            )
            if renamable:
                self.say(f'renamed supervisor group "{current.name}" to "{name}"')
                current.name = name
                current.save(update_fields=["name"])
                group = current
            else:
                group, created = Group.objects.get_or_create(name=name)
                self.say(f'{"created" if created else "using"} supervisor group "{name}"')
            self.sop.supervisor_group = group
            self.sop.save(update_fields=["supervisor_group", "updated_at"])
        if group.pk not in {actor.pk for actor in self.groups.values()}:
            self.grant_supervisor(group)

    def grant_supervisor(self, group):
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        granted = []
        if not group.permissions.filter(pk=access_admin.pk).exists():
            group.permissions.add(access_admin)
            granted.append("Wagtail admin access")
        change = self.page_permissions["change"]
        if not GroupPagePermission.objects.filter(
            group=group, page=self.index, permission=change
        ).exists():
            GroupPagePermission.objects.create(group=group, page=self.index, permission=change)
            granted.append(f'change on "{self.index.title}"')
        if granted:
            self.say(f'granted group "{group.name}": {", ".join(granted)}')

    def grant_permissions(self):
        """Admin access for every actor; on the news section, change for all (to review) and
        add for those who draft before submission. Nothing else, and never publish."""
        page_type = ContentType.objects.get_for_model(Page)
        self.page_permissions = {
            action: Permission.objects.get(content_type=page_type, codename=f"{action}_page")
            for action in ("add", "change")
        }
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        drafters = {
            actor for step in self.spec.steps if step.before_submission for actor in step.actors
        }
        where = f'"{self.index.title}"'
        for key, group in self.groups.items():
            granted = []
            if not group.permissions.filter(pk=access_admin.pk).exists():
                group.permissions.add(access_admin)
                granted.append("Wagtail admin access")
            wanted = {"add", "change"} if key in drafters else {"change"}
            held = {
                grant.permission.codename.removesuffix("_page"): grant
                for grant in GroupPagePermission.objects.filter(
                    group=group, page=self.index, permission__in=self.page_permissions.values()
                ).select_related("permission")
            }
            for action in sorted(wanted - held.keys()):
                GroupPagePermission.objects.create(
                    group=group, page=self.index, permission=self.page_permissions[action]
                )
                granted.append(f"{action} on {where}")
            if granted:
                self.say(f'granted group "{group.name}": {", ".join(granted)}')
            revoked = sorted(held.keys() - wanted)
            for action in revoked:
                held[action].delete()
            if revoked:
                self.say(f'revoked {" and ".join(revoked)} on {where} from group "{group.name}"')

    def load_steps(self):
        existing = {task.key: task for task in SopStepTask.objects.filter(sop=self.sop)}
        numbers = {step.key: step.number for step in self.spec.steps}
        # Free every number that moves first: (sop, number) is unique at every statement.
        moving = [
            task.pk
            for task in existing.values()
            if task.number is not None and numbers.get(task.key) != task.number
        ]
        if moving:
            SopStepTask.objects.filter(pk__in=moving).update(number=None)

        for step in self.spec.steps:
            values = {
                "name": task_name(step.name),
                "description": step.name,
                "number": step.number,
                "baseline": step.baseline,
                "input": step.input,
                "output": step.output,
                "note_required": step.note_required,
                "four_eyes": step.four_eyes,
                "may_edit": step.may_edit,
                "before_submission": step.before_submission,
                "posts_to_social_media": step.posts_to_social_media,
                "active": True,
            }
            group_ids = {self.groups[actor].pk for actor in step.actors}
            label = _step_label(step.number, step.name)
            task = existing.get(step.key)
            if task is None:
                task = SopStepTask.objects.create(sop=self.sop, key=step.key, **values)
                task.groups.set(group_ids)
                self.say(f"created {label}, {describe_baseline(step.baseline)}")
            else:
                changed = []
                for name, value in values.items():
                    old = getattr(task, name)
                    if old != value:
                        changed.append(self.describe_change(name, old, value))
                        setattr(task, name, value)
                if changed:
                    task.save()
                if set(task.groups.values_list("pk", flat=True)) != group_ids:
                    task.groups.set(group_ids)
                    changed.append("actors")
                if changed:
                    self.say(f"updated {label}: {', '.join(changed)}")
            self.tasks[step.key] = task

        for key, task in existing.items():
            if key in self.tasks or (task.number is None and not task.active):
                continue
            label = f'step "{Truncator(task.description or task.name).chars(60)}" ({key})'
            if TaskState.objects.filter(task_id=task.pk).exists():
                task.number = None
                task.active = False
                task.save()
                self.say(
                    f"retired {label}: it has history, so it is kept, inactive, out of the workflow"
                )
            else:
                task.delete()
                self.say(f"deleted {label}: it had no history")

    @staticmethod
    def describe_change(name, old, new):
        if name == "baseline":
            return f"baseline {describe_baseline(old)} → {describe_baseline(new)}"
        if name in ("number", "active", *STEP_FLAGS):
            return f"{name} {old} → {new}"
        return name

    def load_workflow(self):
        workflow = self.sop.workflow
        if workflow is None:
            workflow = Workflow.objects.create(name=self.workflow_name)
            self.sop.workflow = workflow
            self.sop.save(update_fields=["workflow", "updated_at"])
            self.say(f'created workflow "{workflow.name}"')
        else:
            changed = []
            if workflow.name != self.workflow_name:
                workflow.name = self.workflow_name
                changed.append("name")
            if not workflow.active:
                workflow.active = True
                changed.append("active again")
            if changed:
                workflow.save()
                self.say(f'updated workflow "{workflow.name}": {", ".join(changed)}')
        self.workflow = workflow

        wanted = [self.tasks[step.key] for step in self.spec.workflow_steps]
        wanted_ids = {task.pk for task in wanted}
        current = {link.task_id: link for link in WorkflowTask.objects.filter(workflow=workflow)}
        changed = False
        for task_id, link in current.items():
            if task_id not in wanted_ids:
                link.delete()
                changed = True
        for sort_order, task in enumerate(wanted):
            link = current.get(task.pk)
            if link is None:
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=sort_order)
                changed = True
            elif link.sort_order != sort_order:
                link.sort_order = sort_order
                link.save(update_fields=["sort_order"])
                changed = True
        if changed:
            order = ", ".join(str(task.number) for task in wanted)
            self.say(f'ordered workflow "{workflow.name}": steps {order}')

    def attach_workflow(self):
        link = WorkflowPage.objects.filter(page=self.index).select_related("workflow").first()
        where = f'the news section "{self.index.title}" of {self.site.hostname}'
        if link is None:
            WorkflowPage.objects.create(page=self.index, workflow=self.workflow)
            self.say(f'attached workflow "{self.workflow.name}" to {where}')
        elif link.workflow_id != self.workflow.pk:
            previous = link.workflow.name
            link.workflow = self.workflow
            link.save()
            self.say(
                f'attached workflow "{self.workflow.name}" to {where} (it followed "{previous}")'
            )

    def check_bypass_permissions(self):
        grants = GroupPagePermission.objects.filter(
            group__in=self.groups.values(),
            permission__codename__in=[f"{action}_page" for action in BYPASS_PAGE_PERMISSIONS],
        ).select_related("group", "page", "permission")
        for grant in grants:
            self.result.warnings.append(
                f'group "{grant.group.name}" holds {grant.permission.codename} on '
                f'"{grant.page.title}": its members can act outside the SOP; load_sop does not '
                "grant it and leaves it for an administrator to remove"
            )
