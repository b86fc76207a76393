from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNulBytesMiddleware:
    """Answer 400 to a query string carrying a NUL byte.

    PostgreSQL refuses NUL in any text parameter (DataError), so such a value reaching a
    filter or a search would be a 500 on the production database. No reader types one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            return HttpResponseBadRequest(
                _("Parameter alamat berisi karakter NUL yang tidak valid."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
