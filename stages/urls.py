from django.urls import path

from stages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("stages/", views.stage_list, name="stage_list"),
    path("stages/<slug:slug>/", views.stage_detail, name="stage_detail"),
    path("check/", views.check, name="check"),
    path("plan/", views.plan, name="plan"),
    path("plan/calendar.ics", views.plan_calendar, name="plan_calendar"),
    path("help-lines.vcf", views.help_lines_vcard, name="help_lines_vcard"),
    path("sources/", views.source_list, name="source_list"),
    path("rights/", views.rights, name="rights"),
    path("scam-check/", views.scam_check, name="scam_check"),
    path("log/", views.contact_log, name="log"),
    path("scripts/", views.scripts, name="scripts"),
    path("letter/", views.letter, name="letter"),
    path("credit/", views.guide, {"guide_id": "credit"}, name="credit"),
    path("family-card/", views.guide, {"guide_id": "family_card"}, name="family_card"),
    path("budget/", views.budget, name="budget"),
]
