"""Thin function views. One URL serves a page and, for htmx, the fragment it asks for."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from stages import budget as budget_calc
from stages import contact
from stages.answers import (
    DAYS,
    Answers,
    check_question,
    next_question,
    question_at,
    read_answers,
    step_of,
)
from stages.calendar import help_lines_vcf, plan_calendar_bytes
from stages.content import get_content, get_stage_or_404
from stages.content.models import Question
from stages.fit import sections_for, shown
from stages.letter import build_letter
from stages.plan import action_text, build_plan, milestones
from stages.questions import DUE_DATE_FIELD
from stages.scam import check_and_explain
from stages.templatetags.overdue import human_date


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def read_request(request: HttpRequest) -> Answers:
    """The answers in the URL, read once for this request, against today in Beijing time."""
    return read_answers(request.GET, get_content(), today=timezone.localdate())


def personal_context(request: HttpRequest) -> dict:
    """The answers in the URL (from a plan's link), so a page can fit the person and link back."""
    answers = read_request(request)
    return {
        "answers": answers,
        "personal": answers.personal,
        "query": answers.query() if answers.personal else "",
    }


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Up, with the content loaded (the WSGI module loads it before serving)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
def default_language(request: HttpRequest, rest: str = "") -> HttpResponse:
    """/zh-hans/... is where people guess the default language lives: it has no prefix."""
    query = request.META.get("QUERY_STRING", "")
    target = "/" + rest.lstrip("/\\")  # never "//host", which a browser reads as another site
    return redirect(f"{target}?{query}" if query else target, permanent=True)


@require_safe
@vary_on_headers("HX-Request")
def home(request: HtmxHttpRequest) -> HttpResponse:
    """The start: typing the days overdue shows the stage and when the next one typically
    begins, at once (htmx asks for #home-result as the person types)."""
    content = get_content()
    answers = read_request(request)
    ahead = milestones(content, answers.days, answers.today) if answers.personal else ()
    error = answers.errors.get(DAYS)
    context = {
        "stages": content.stages,
        "preview": answers.stage,
        "next": next(iter(ahead), None),
        "error": content.questions[0].errors[error] if error else None,
    }
    template = "stages/home.html#home-result" if request.htmx else "stages/home.html"
    return render(request, template, context)


@require_safe
def stage_list(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "stages/stage_list.html", {"stages": get_content().stage_order})


@require_safe
def stage_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The stage guide; with answers in the URL (a link from a plan), only what fits them."""
    stage = get_stage_or_404(slug)
    content = get_content()
    answers = read_request(request).at(stage)  # the page's stage, whatever the days say
    happens = shown(stage.happens, content, answers)
    means = shown(stage.means, content, answers)
    rules = shown(stage.rules, content, answers)
    actions = [action_text(a, answers) for a in stage.actions]
    cited = [stage.sources, *(line.item.sources for line in (*happens, *means, *rules))]
    cited += [text.sources for text in actions]
    context = {
        "stage": stage,
        "happens": happens,
        "means": means,
        "rules": rules,
        "actions": actions,
        "sources": tuple({s.id: s for group in cited for s in group}.values()),
        "personal": answers.personal,
        "query": answers.query() if answers.personal else "",
    }
    return render(request, "stages/stage_detail.html", context)


@require_safe
def source_list(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "stages/source_list.html", {"sources": get_content().sources.values()})


def question_context(answers: Answers, question: Question) -> dict:
    """What the question template needs: the step, its errors, and every other answer to carry."""
    step = step_of(get_content(), answers, question)
    own = question.fields
    back = step.previous and f"{reverse('check')}?{answers.query(step=step.previous.id)}"
    return {
        "question": question,
        "step": step.number,
        "total": step.total,
        "errors": {name: question.errors[c] for name, c in answers.errors.items() if name in own},
        "answers": answers,
        "carried": [(k, v) for k, vs in answers.raw.items() if k not in own for v in vs],
        "back_url": back or "",
        "preview": answers.stage,
        "raw": {
            "days": answers.first(DAYS),
            "due_date": answers.first(DUE_DATE_FIELD),
            "value": answers.first(question.id),
        },
        "selected": answers.raw.get(question.id, []),
        "today": answers.today,
    }


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def check(request: HtmxHttpRequest) -> HttpResponse:
    """The questionnaire: one question per step, every answer carried in the URL."""
    answers = read_request(request)
    if request.htmx and request.htmx.target == "stage-preview":
        context = {"preview": answers.stage, "today": answers.today}
        return render(request, "stages/check.html#stage-preview", context)
    content = get_content()
    submitted = question_at(content, request.GET.get("from", ""))
    if submitted is not None and check_question(submitted, answers):
        return to_next_step(request, answers, next_question(content, answers, submitted))
    if submitted is None:
        # Show stored answers back, but not their errors before the person has pressed Continue.
        answers.errors = {}
    question = submitted or question_at(content, request.GET.get("step", ""))
    template = "stages/check.html"
    if request.htmx:
        template += "#question-swap"  # the step, with the page's new <title>
    response = render(
        request, template, question_context(answers, question or content.questions[0])
    )
    if request.htmx:
        # The address bar shows the step the person is on, so back and bookmarks work.
        response["HX-Push-Url"] = request.get_full_path()
    return response


def to_next_step(request: HtmxHttpRequest, answers: Answers, following: Question | None):
    """On to the next question; after the last one, the whole page goes to the plan."""
    if following is not None:
        return redirect(f"{reverse('check')}?{answers.query(step=following.id)}")
    target = f"{reverse('plan')}?{answers.query()}"
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


@require_safe
@vary_on_headers("User-Agent")  # the in-app browser notice (display only; never logged)
def plan(request: HtmxHttpRequest) -> HttpResponse:
    answers = read_request(request)
    if not answers.personal:
        if not answers.raw:
            return redirect("check")
        # The days answer is missing or wrong: ask it again, with the message at the field.
        first = get_content().questions[0]
        check_question(first, answers)
        return render(request, "stages/check.html", question_context(answers, first))
    personal_plan = build_plan(get_content(), answers)
    query = answers.query()
    context = {
        "plan": personal_plan,
        "answers": answers,
        "query": query,
        "carried": [(k, v) for k, vs in answers.raw.items() for v in vs],
        "plan_url": request.build_absolute_uri(f"{reverse('plan')}?{query}"),
        "change_url": f"{reverse('check')}?{answers.query(step=DAYS)}",
    }
    return render(request, "stages/plan.html", context)


@require_safe
@never_cache  # the answers are in it: no shared cache or back-forward cache may keep it
def plan_calendar(request: HtmxHttpRequest) -> HttpResponse:
    answers = read_request(request)
    if not answers.personal:
        return redirect(f"{reverse('plan')}?{answers.query()}")
    body = plan_calendar_bytes(
        build_plan(get_content(), answers),
        language=get_language(),
        plan_url=request.build_absolute_uri(f"{reverse('plan')}?{answers.query()}"),
        now=timezone.localtime(),
        details=request.GET.get("titles") == "details",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # A neutral file name: downloads folders and share sheets show it.
    response["Content-Disposition"] = 'attachment; filename="reminders.ics"'
    return response


@require_safe
def help_lines_vcard(request: HtmxHttpRequest) -> HttpResponse:
    """The help lines as contacts, to save in the phone: numbers and what each is for. The same
    file for everyone: nothing of the person's is in it."""
    body = help_lines_vcf(get_content(), language=get_language())
    response = HttpResponse(body, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="help-lines.vcf"'
    return response


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's own 500 page in the reader's language; plain text if even that fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the last resort must not raise
        return HttpResponseServerError("Server error (500)", content_type="text/plain")


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def rights(request: HtmxHttpRequest) -> HttpResponse:
    """What collectors may not do, and "Was this contact allowed?" (ticks in the URL)."""
    content = get_content()
    context = personal_context(request)
    answers = context["answers"]
    ticked = set(request.GET.getlist("contact"))
    # With a product in the address (from a plan or a message check), the lender type it
    # usually has is chosen for the person.
    chosen = request.GET.get("lender") or (
        answers.product.lender_type if answers.first("product") else ""
    )
    lender = contact.lender_type(content.rights, chosen)
    context |= {
        # The answers ride along in the form, so the result stays personal.
        "carried": [(k, v) for k, vs in answers.raw.items() for v in vs],
        "rules": shown(tuple(content.rules.values()), content, answers),
        "rights": content.rights,
        "ticked": ticked,
        "lender": lender,
        "results": contact.results(content.rights, ticked, lender, answers.product.id),
        "asked": "contact" in request.GET or "lender" in request.GET,
    }
    template = "stages/rights.html#contact-result" if request.htmx else "stages/rights.html"
    return render(request, template, context)


@csrf_exempt  # changes nothing and keeps no state; a CSRF token would need a cookie
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def scam_check(request: HtmxHttpRequest) -> HttpResponse:
    """Check a pasted message. It is read from the POST body, used, and forgotten: never logged.
    Answers in the address (from a plan) fit the advice to the person's product."""
    content = get_content()
    scams = content.scams
    answers = read_request(request)
    message, error, result = "", None, None
    if request.method == "POST":
        pitch = next((p for p in scams.pitches if p.id == request.POST.get("pitch")), None)
        message = str(pitch.text) if pitch else request.POST.get("message", "").strip()
        if not message:
            error = str(content.ui["scam_empty"])
        elif len(message) > scams.max_length:
            error = content.ui["scam_too_long"].format(max=scams.max_length)
        else:
            result = check_and_explain(message, content, answers)
    context = {
        "scams": scams,
        "message": message,
        "error": error,
        "result": result,
        "query": answers.query(),
        "personal": answers.personal,
    }
    template = "stages/scam_check.html"
    if request.htmx:
        template += "#scam-swap"  # the result, with the errors and the field out of band
    return render(request, template, context)


@require_safe
@vary_on_headers("User-Agent")  # the in-app browser notice (display only; never logged)
def contact_log(request: HtmxHttpRequest) -> HttpResponse:
    content = get_content()
    context = personal_context(request)
    guide = content.guides[contact.LOG_GUIDE]
    context |= {
        "guide": guide,
        "sections": sections_for(guide.sections, content, context["answers"]),
        "tags": content.rights.checks,
        "blank_rows": range(12),
    }
    return render(request, "stages/contact_log.html", context)


@require_safe
@vary_on_headers("User-Agent")  # the in-app browser notice (display only; never logged)
def guide(request: HtmxHttpRequest, guide_id: str) -> HttpResponse:
    content = get_content()
    context = personal_context(request)
    guide = content.guides[guide_id]
    context |= {
        "guide": guide,
        "sections": sections_for(guide.sections, content, context["answers"]),
        "site_url": request.build_absolute_uri(reverse("home")),
    }
    return render(request, f"stages/{guide_id}.html", context)


@require_safe
def scripts(request: HtmxHttpRequest) -> HttpResponse:
    """Phone scripts; with answers in the URL, only the parts that fit this person."""
    content = get_content()
    context = personal_context(request)
    context["sections"] = sections_for(content.scripts, content, context["answers"])
    return render(request, "stages/scripts.html", context)


@require_safe
@vary_on_headers("User-Agent")  # the in-app browser notice (display only; never logged)
def letter(request: HtmxHttpRequest) -> HttpResponse:
    answers = read_request(request)
    if not answers.personal:
        return redirect("check")
    subject, paragraphs = build_letter(
        get_content(), answers, language=get_language(), human_date=human_date
    )
    context = {
        "subject": subject,
        "paragraphs": paragraphs,
        "today": answers.today,
        "letter_to": answers.product.letter_to,
        "fills": {piece.fill for paragraph in paragraphs for piece in paragraph if piece.fill},
        "query": answers.query(),
        "plan_url": f"{reverse('plan')}?{answers.query()}",
    }
    return render(request, "stages/letter.html", context)


@csrf_exempt  # changes nothing and keeps no state; a CSRF token would need a cookie
@require_http_methods(["GET", "POST"])
@never_cache  # Cache-Control: no-store: no browser or proxy keeps a page with someone's figures
@vary_on_headers("HX-Request")
def budget(request: HtmxHttpRequest) -> HttpResponse:
    """What can I offer? The figures come in a POST body only: never in a URL or a log."""
    content = get_content()
    posted = request.method == "POST"
    form = budget_calc.read_form(request.POST if posted else None, content.budget)
    result = None
    if posted and form.action is budget_calc.Action.CALCULATE:
        result = budget_calc.calculate(
            form,
            content,
            today=timezone.localdate(),
            language=get_language(),
            human_date=human_date,
        )
    context = {
        "budget": content.budget,
        "form": form,
        "form_sections": budget_calc.sections(form, content.budget),
        "debt_rows": [(row, budget_calc.debt_fields(row, content)) for row in form.debts],
        "result": result,
        "statement_groups": budget_calc.statement_groups(result, content.budget) if result else [],
    }
    template = "stages/budget.html"
    if request.htmx:
        template += "#budget-swap"  # the form, its errors and the result, with the page's <title>
    return render(request, template, context)
