from django.urls import path

from stages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("stages/", views.stage_list, name="stage_list"),
    path("stages/<slug:slug>/", views.stage_detail, name="stage_detail"),
    path("check/", views.check, name="check"),
    path("plan/", views.plan, name="plan"),
    path("plan/calendar.ics", views.plan_calendar, name="plan_calendar"),
    path("sources/", views.source_list, name="source_list"),
]
