from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import WorkerHeartbeat


@never_cache
@require_GET
def ping(request):
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def healthz(request):
    """200 while the database answers; the worker's pulse is reported, not required."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        last_seen = WorkerHeartbeat.objects.aggregate(last=Max("last_seen"))["last"]
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "detail": exc.__class__.__name__},
            status=503,
        )
    stale_after = timedelta(seconds=settings.WARTA_WORKER_STALE_AFTER)
    if last_seen is None:
        worker = "never-seen"
    elif timezone.now() - last_seen > stale_after:
        worker = "stale"
    else:
        worker = "ok"
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "worker": worker,
            "worker_last_seen": last_seen.isoformat() if last_seen else None,
        }
    )


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cari/",
        "Disallow: /api/",
        "Allow: /",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
