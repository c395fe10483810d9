"""Security headers Django does not set by itself, no caching of answers, and refusing request
bodies the site never asks for before anything reads them."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from stages.content import get_content

Middleware = Callable[[HttpRequest], HttpResponse]

# Set on the environ by overdue_help/wsgi.py for a header Django cannot read.
BAD_HEADER = "overdue_help.bad_header"
# The one kind of body a page of ours sends: the scam check's form.
FORM = "application/x-www-form-urlencoded"
# Status -> the ui.yaml texts of its page (templates/refused.html).
REFUSALS = {400: "refused_header", 413: "refused_too_large", 415: "refused_type"}


def extra_security_headers(get_response: Middleware) -> Middleware:
    """Permissions-Policy from settings, and Cross-Origin-Resource-Policy: nothing of ours is
    meant to be embedded by another site."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


def no_store(get_response: Middleware) -> Middleware:
    """Every page, fragment, file and redirect may carry answers (in its address, its plan, a
    pasted message): no browser, back-forward cache or proxy may keep a copy. Static files never
    get here (whitenoise, above in MIDDLEWARE, answers them with their own long cache)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers["Cache-Control"] = "no-store"
        return response

    return middleware


def refusal(request: HttpRequest) -> int | None:
    """The status for a request we will not read, or None. Only the headers are looked at."""
    if BAD_HEADER in request.META:
        return 400
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0  # as Django reads it: no body
    if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return 413
    # Files (multipart) and other types are refused unread: nothing of theirs reaches a parser
    # that could spool it to disk.
    if length and request.content_type != FORM:
        return 415
    return None


def refuse_unreadable_requests(get_response: Middleware) -> Middleware:
    """Answers a bad header, an oversized body or a body of the wrong type with a page in the
    person's language. Last in MIDDLEWARE, so the language is set and every header added, yet
    still before CSRF (in its process_view) or a view reads the body."""

    def middleware(request: HttpRequest) -> HttpResponse:
        status = refusal(request)
        if status is None:
            return get_response(request)
        return refused_page(request, status)

    return middleware


def refused_page(request: HttpRequest, status: int) -> HttpResponse:
    ui, key = get_content().ui, REFUSALS[status]
    # A body only ever comes from the scam check's form: lead back to it.
    context = {"title": ui[f"{key}_title"], "body": ui[f"{key}_body"], "to_form": status != 400}
    return render(request, "refused.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400 (urls.py), for Django's own 400s: too many fields, an unknown Host. Plain
    text if the request is too broken for a page (a bad Host breaks the language links)."""
    try:
        return refused_page(request, 400)
    except Exception:  # the last resort must not raise
        return HttpResponseBadRequest("Bad request (400)", content_type="text/plain")
