from django.db import transaction

from . import page_cache


def invalidate_page_cache(sender, **kwargs):
    transaction.on_commit(page_cache.invalidate)
