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

from stages import answers as qa
from stages import budget as budget_calc
from stages.calendar import help_lines_vcf, plan_calendar_bytes
from stages.content import Route, get_content, get_stage_or_404
from stages.context_processors import in_language
from stages.fit import sections_for, shown
from stages.letter import build_letter
from stages.plan import action_text, build_plan, milestones
from stages.scam import check_message, explain
from stages.templatetags.overdue import human_date


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Up, with the content loaded (the WSGI module loads it before serving)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@require_safe
@vary_on_headers("HX-Request")
def home(request: HtmxHttpRequest) -> HttpResponse:
    """The start: typing the days overdue shows the stage and when the next one typically
    begins, at once (htmx asks for #home-result as the person types)."""
    content = get_content()
    today = timezone.localdate()
    answers = qa.read_answers(request.GET, content, today=today)
    days = answers.days
    first = content.questions[0]
    context = {
        "stages": content.stages,
        "preview": content.stage_for_days(days) if days is not None else None,
        "next": next(iter(milestones(content, days, today)), None) if days is not None else None,
        "error": first.errors[answers.errors["days"]] if "days" in answers.errors else None,
    }
    template = "stages/home.html#home-result" if request.htmx else "stages/home.html"
    return render(request, template, context)


@require_safe
def stage_list(request: HtmxHttpRequest) -> HttpResponse:
    content = get_content()
    stages = (content.before_due, *content.stages)
    return render(request, "stages/stage_list.html", {"stages": stages})


@require_safe
def stage_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The stage guide; with answers in the URL (a link from a plan), only what fits them."""
    stage = get_stage_or_404(slug)
    content = get_content()
    answers = qa.read_answers(request.GET, content, today=timezone.localdate())
    personal = answers.days is not None
    product = content.product(answers.first("product"))
    happens = shown(stage.happens, content, answers, slug)
    means = shown(stage.means, content, answers, slug)
    rules = shown(stage.rules, content, answers, slug)
    actions = [action_text(a, answers, slug, product) for a in stage.actions]
    cited = [stage.sources, *(line.item.sources for line in (*happens, *means, *rules))]
    cited += [text.sources for text in actions]
    context = {
        "stage": stage,
        "happens": happens,
        "means": means,
        "rules": rules,
        "actions": actions,
        "sources": tuple({s.id: s for group in cited for s in group}.values()),
        "personal": personal,
        "query": answers.query() if personal else "",
    }
    return render(request, "stages/stage_detail.html", context)


@require_safe
def source_list(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "stages/source_list.html", {"sources": get_content().sources.values()})


def question_context(answers: qa.Answers, question, *, today) -> dict:
    """What the question template needs: the step, its errors, and every other answer to carry."""
    content = get_content()
    asked = qa.applicable(content, answers)
    if question not in asked:
        asked.append(question)
    index = asked.index(question)
    own = qa.field_names(question)
    errors = {name: question.errors[code] for name, code in answers.errors.items() if name in own}
    carried = [(k, v) for k, vs in answers.raw.items() if k not in own for v in vs]
    back = ""
    if index:
        back = f"{reverse('check')}?{answers.query(step=asked[index - 1].id)}"
    return {
        "question": question,
        "step": index + 1,
        "total": len(asked),
        "errors": errors,
        "answers": answers,
        "carried": carried,
        "back_url": back,
        "preview": preview_stage(answers),
        "raw": {
            "days": answers.first("days"),
            "due_date": answers.first(qa.DUE_DATE_FIELD),
            "value": answers.first(question.id),
        },
        "selected": answers.raw.get(question.id, []),
        "today": today,
    }


def preview_stage(answers: qa.Answers):
    days = answers.days
    return get_content().stage_for_days(days) if days is not None else None


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def check(request: HtmxHttpRequest) -> HttpResponse:
    """The questionnaire: one question per step, every answer carried in the URL."""
    content = get_content()
    today = timezone.localdate()
    answers = qa.read_answers(request.GET, content, today=today)
    if request.htmx and request.htmx.target == "stage-preview":
        context = {"preview": preview_stage(answers), "today": today}
        return render(request, "stages/check.html#stage-preview", context)

    by_id = {q.id: q for q in content.questions}
    submitted = by_id.get(request.GET.get("from", ""))
    if submitted is not None:
        qa.check_question(submitted, answers, today=today)
        if not any(name in answers.errors for name in qa.field_names(submitted)):
            asked = qa.applicable(content, answers)
            later = asked[asked.index(submitted) + 1 :] if submitted in asked else []
            if later:
                return redirect(f"{reverse('check')}?{answers.query(step=later[0].id)}")
            target = f"{reverse('plan')}?{answers.query()}"
            return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
        question = submitted
    else:
        question = by_id.get(request.GET.get("step", ""), content.questions[0])
        # Show stored answers back, but not their errors before the person has pressed Continue.
        answers.errors = {}

    context = question_context(answers, question, today=today)
    template = "stages/check.html"
    if request.htmx:
        template += "#question-swap"  # the step, with the page's new <title>
    response = render(request, template, context)
    if request.htmx:
        # The address bar shows the step the person is on, so back and bookmarks work.
        response["HX-Push-Url"] = request.get_full_path()
    return response


@require_safe
@vary_on_headers("User-Agent")  # the in-app browser notice (display only; never logged)
def plan(request: HtmxHttpRequest) -> HttpResponse:
    content = get_content()
    today = timezone.localdate()
    answers = qa.read_answers(request.GET, content, today=today)
    if answers.days is None:
        if not answers.raw:
            return redirect("check")
        # The days answer is missing or wrong: ask it again, with the message at the field.
        first = content.questions[0]
        qa.check_question(first, answers, today=today)
        context = question_context(answers, first, today=today)
        return render(request, "stages/check.html", context)
    the_plan = build_plan(content, answers, today=today)
    query = answers.query()
    context = {
        "plan": the_plan,
        "answers": answers,
        "query": query,
        "carried": [(k, v) for k, vs in answers.raw.items() for v in vs],
        "plan_url": request.build_absolute_uri(f"{reverse('plan')}?{query}"),
        "change_url": f"{reverse('check')}?{answers.query(step=content.questions[0].id)}",
    }
    return render(request, "stages/plan.html", context)


@require_safe
@never_cache  # the answers are in it: no shared cache or back-forward cache may keep it
def plan_calendar(request: HtmxHttpRequest) -> HttpResponse:
    content = get_content()
    today = timezone.localdate()
    answers = qa.read_answers(request.GET, content, today=today)
    if answers.days is None:
        return redirect(f"{reverse('plan')}?{answers.query()}")
    the_plan = build_plan(content, answers, today=today)
    plan_url = request.build_absolute_uri(f"{reverse('plan')}?{answers.query()}")
    body = plan_calendar_bytes(
        the_plan,
        language=get_language(),
        plan_url=plan_url,
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
    known = content.rights
    personal = personal_context(request)
    answers = personal["answers"]
    ticked = set(request.GET.getlist("contact"))
    product = content.product(answers.first("product"))
    # With a product in the address (from a plan or a message check), the lender type it
    # usually has is chosen for the person.
    chosen = request.GET.get("lender") or (product.lender_type if answers.first("product") else "")
    lender = next((t for t in known.lender_types if t.value == chosen), None)
    fallback = next(t for t in known.lender_types if t.value == "unknown")
    lender_route = (lender or fallback).route_for(product.id)
    results = [
        (
            check,
            lender_route if check.route is Route.LENDER else (known.routes[check.route],),
            tuple(note for note in check.notes if note.fits(product.id)),
        )
        for check in known.checks
        if check.id in ticked
    ]
    context = personal | {
        # The answers ride along in the form, so the result stays personal.
        "carried": [(k, v) for k, vs in answers.raw.items() for v in vs],
        "rules": shown(tuple(content.rules.values()), content, answers, personal["slug"]),
        "rights": known,
        "ticked": ticked,
        "lender": lender,
        "results": results,
        "asked": "contact" in request.GET or "lender" in request.GET,
    }
    template = "stages/rights.html"
    if request.htmx:
        template += "#contact-result"
    return render(request, template, context)


@csrf_exempt  # changes nothing and keeps no state; a CSRF token would need a cookie
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def scam_check(request: HtmxHttpRequest) -> HttpResponse:
    """Check a pasted message. It is read from the POST body, used, and forgotten: never logged.
    Answers in the address (from a plan) fit the advice to the person's product."""
    content = get_content()
    scams = content.scams
    answers = qa.read_answers(request.GET, content, today=timezone.localdate())
    query = answers.query()
    message, error, result = "", None, None
    if request.method == "POST":
        pitch = next((p for p in scams.pitches if p.id == request.POST.get("pitch")), None)
        message = str(pitch.text) if pitch else request.POST.get("message", "").strip()
        if not message:
            error = str(content.ui["scam_empty"])
        elif len(message) > scams.max_length:
            error = content.ui["scam_too_long"].format(max=scams.max_length)
        else:
            product_id = content.product(answers.first("product")).id
            checked = check_message(message, scams)
            result = explain(checked, content, product_id=product_id, query=query)
    context = {
        "scams": scams,
        "message": message,
        "error": error,
        "result": result,
        "query": query,
        "personal": answers.days is not None,
    }
    template = "stages/scam_check.html"
    if request.htmx:
        template += "#scam-swap"  # the result, with the errors and the field out of band
    return render(request, template, context)


def personal_context(request: HttpRequest) -> dict:
    """The answers in the URL (from a plan's link), so a page can fit the person and link back."""
    content = get_content()
    answers = qa.read_answers(request.GET, content, today=timezone.localdate())
    personal = answers.days is not None
    return {
        "answers": answers,
        "personal": personal,
        "slug": content.stage_for_days(answers.days).slug if personal else "",
        "query": answers.query() if personal else "",
    }


@require_safe
@vary_on_headers("User-Agent")  # the in-app browser notice (display only; never logged)
def contact_log(request: HtmxHttpRequest) -> HttpResponse:
    content = get_content()
    context = personal_context(request)
    guide = content.guides["log"]
    context |= {
        "guide": guide,
        "sections": sections_for(guide.sections, content, context["answers"], context["slug"]),
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
        "sections": sections_for(guide.sections, content, context["answers"], context["slug"]),
        "site_url": request.build_absolute_uri(reverse("home")),
    }
    return render(request, f"stages/{guide_id}.html", context)


@require_safe
def scripts(request: HtmxHttpRequest) -> HttpResponse:
    """Phone scripts; with answers in the URL, only the parts that fit this person."""
    content = get_content()
    context = personal_context(request)
    context["sections"] = sections_for(
        content.scripts, content, context["answers"], context["slug"]
    )
    return render(request, "stages/scripts.html", context)


@require_safe
@vary_on_headers("User-Agent")  # the in-app browser notice (display only; never logged)
def letter(request: HtmxHttpRequest) -> HttpResponse:
    content = get_content()
    today = timezone.localdate()
    answers = qa.read_answers(request.GET, content, today=today)
    if answers.days is None:
        return redirect("check")
    subject, paragraphs = build_letter(
        content, answers, today=today, language=get_language(), human_date=human_date
    )
    context = {
        "subject": subject,
        "paragraphs": paragraphs,
        "today": today,
        "letter_to": content.product(answers.first("product")).letter_to,
        "fills": {piece.fill for paragraph in paragraphs for piece in paragraph if piece.fill},
        "chinese_url": in_language(request.get_full_path(), get_language(), "zh-hans"),
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
    form = budget_calc.read_form(request.POST if request.method == "POST" else None, content.budget)
    result = None
    if request.method == "POST" and form.action is budget_calc.Action.CALCULATE:
        budget_calc.check_form(form, content)
        if not form.errors:
            result = budget_calc.work_out(
                form,
                content,
                today=timezone.localdate(),
                language=get_language(),
                human_date=human_date,
            )
            form.focus = "result-title"
        else:
            form.focus = "error-summary"
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
