"""Read-only JSON of the finished SOP step records, for the agencies' own staff.

``GET /api/v2/sop-records/`` beside Wagtail's public API, but not public: it needs a signed-in
admin user (the admin's session), and answers only with the records of the agencies that user
may read (access.sites_for_user). Parameters are checked the way the news API checks its own:
an unknown parameter, a bad date, a site the reader cannot see, a bad limit or offset answer
400 with a message, never a 500 or a silently ignored filter.
"""

import datetime

from django.utils.translation import gettext as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import can_access_admin, sites_for_user
from .exports import record_json
from .reports import ReportFilter, finished_records

DEFAULT_LIMIT = 20
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
PARAMETERS = ("site", "date_from", "date_to", "limit", "offset")


class BadRequest(Exception):
    pass


class IsAgencyStaff(BasePermission):
    """Signed in, with admin access: the public and plain accounts get nothing."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and can_access_admin(user))


def _date(params, name):
    value = params.get(name)
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(
            _("%(name)s harus berformat TTTT-BB-HH, bukan %(value)r")
            % {"name": name, "value": value[:40]}
        ) from None


def _whole_number(params, name, default, maximum):
    value = params.get(name)
    if value is None:
        return default
    if not value.isdigit():
        raise BadRequest(
            _("%(name)s harus bilangan bulat tidak negatif, bukan %(value)r")
            % {"name": name, "value": value[:40]}
        )
    number = int(value)
    if number > maximum:
        raise BadRequest(_("%(name)s paling besar %(max)d") % {"name": name, "max": maximum})
    return number


class StepRecordsAPIView(APIView):
    """?site=<hostname>&date_from=YYYY-MM-DD&date_to=YYYY-MM-DD&limit=&offset=

    Finished records, oldest finish first; dates are Asia/Jakarta days on the finish time.
    """

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAgencyStaff]
    renderer_classes = [JSONRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # One reader's agencies' records: no shared cache (the page cache, a proxy) may keep them.
        response["Cache-Control"] = "private, no-store"
        return response

    def get(self, request):
        try:
            return Response(self.listing(request))
        except BadRequest as error:
            return Response({"message": str(error)}, status=400)

    def listing(self, request):
        params = request.query_params
        unknown = sorted(set(params) - set(PARAMETERS))
        if unknown:
            raise BadRequest(
                _("parameter tidak dikenal: %(names)s (yang dikenal: %(known)s)")
                % {
                    "names": ", ".join(name[:40] for name in unknown),
                    "known": ", ".join(PARAMETERS),
                }
            )
        sites = sites_for_user(request.user)
        site = None
        if "site" in params:
            # A site the reader may not see is answered exactly like one that does not exist.
            site = sites.filter(hostname__iexact=params["site"]).first()
            if site is None:
                raise BadRequest(_("situs %(site)r tidak dikenal") % {"site": params["site"][:80]})
        filters = ReportFilter(
            site=site, date_from=_date(params, "date_from"), date_to=_date(params, "date_to")
        )
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            raise BadRequest(_("date_from sesudah date_to"))
        limit = _whole_number(params, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        offset = _whole_number(params, "offset", 0, MAX_OFFSET)

        records = finished_records(filters, list(sites.values_list("pk", flat=True)))
        total = records.count()
        page = records.select_related("site").order_by("finished_at", "pk")[offset : offset + limit]
        return {
            "meta": {"total_count": total, "limit": limit, "offset": offset},
            "items": [record_json(record) for record in page],
        }


records_view = StepRecordsAPIView.as_view()
