"""An account whose credentials fail: pause it, and mail the people who can fix them.

Posting and deleting both pause an account on an authentication failure, so this sits below
them. Lifting the pause sends what waited for the account, which takes the delivery and
deletion tasks: that is ``actions.resume_account``, the operator's side.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .models import SocialAccount


def pause_account(account, reason):
    """Stop sending to `account` until someone resumes it; the first pause mails the operators
    after commit."""
    now = timezone.now()
    paused = SocialAccount.objects.filter(pk=account.pk, paused=False).update(
        paused=True, paused_reason=reason, paused_at=now
    )
    account.paused, account.paused_reason, account.paused_at = True, reason, now
    if paused:
        transaction.on_commit(lambda: notify_account_paused.enqueue(account.pk), robust=True)


@task()
def notify_account_paused(account_id):
    """Mail the people who can fix an account's credentials (the superusers)."""
    account = SocialAccount.objects.select_related("site").filter(pk=account_id).first()
    if account is None or not account.paused:
        return 0
    recipients = list(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    subject = _("Akun media sosial dijeda: %(account)s") % {"account": account}
    body = _(
        "Kiriman ke %(account)s (%(site)s) dihentikan sementara.\n\nAlasan: %(reason)s\n\n"
        "Perbarui kredensial di variabel lingkungan %(prefix)s_*, lalu aktifkan kembali akun "
        "di admin Warta. Kiriman yang tertunda akan dikirim setelah itu."
    ) % {
        "account": account,
        "site": account.site.site_name or account.site.hostname,
        "reason": account.paused_reason,
        "prefix": account.credentials_env,
    }
    return send_mail(subject, body, None, recipients)
