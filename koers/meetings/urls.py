from django.urls import path

from koers.meetings import minutes, my_updates, my_work, run, run_ogsm, views, year_views

app_name = "meetings"

P = "w/<slug:slug>/plans/<int:plan_id>/sessions/"
S = f"{P}<int:session_id>/"

urlpatterns = [
    path("start/", my_work.landing, name="landing"),
    path("w/<slug:slug>/my/", my_work.my_work, name="my_work"),
    path("w/<slug:slug>/my/count/", my_work.asked_badge, name="asked_badge"),
    path("w/<slug:slug>/my/updates/", my_updates.my_updates, name="my_updates"),
    path("w/<slug:slug>/my/links/stop/", my_updates.revoke_my_links, name="revoke_my_links"),
    path("u/<str:token>/", my_updates.by_link, name="link"),
    path("calendar/<str:token>.ics", minutes.calendar_feed, name="calendar"),
    path(P, views.session_list, name="list"),
    path(f"{P}rhythm/", views.cadence, name="cadence"),
    path(f"{P}schedule/", views.schedule, name="schedule"),
    path(f"{P}new/", views.session_form, name="new"),
    path(S, views.session_detail, name="detail"),
    path(f"{S}edit/", views.session_form, name="edit"),
    path(f"{S}round/", views.update_round, name="round"),
    path(f"{S}round/open/", views.open_round, name="open_round"),
    path(f"{S}round/remind/", views.remind, name="remind"),
    path(f"{S}round/links/stop/", my_updates.revoke_session_links, name="revoke_links"),
    path(f"{S}pre-read/", views.preread, name="preread"),
    path(f"{S}pre-read.pdf", views.preread_pdf, name="preread_pdf"),
    path(f"{S}pre-read/share/", views.share_preread, name="share_preread"),
    path(f"{S}preparation/", year_views.preparation, name="preparation"),
    path(f"{S}preparation/ask/", year_views.ask_figures, name="ask_figures"),
    path(f"{S}year/", year_views.year, name="year"),
    path(f"{S}run/", run.run, name="run"),
    path(f"{S}run/start/", run.start, name="start"),
    path(f"{S}run/end/confirm/", run.end_confirm, name="end_confirm"),
    path(f"{S}run/end/", run.end, name="end"),
    path(f"{S}run/note/", run.note, name="note"),
    path(f"{S}run/adjust/", run.adjust, name="adjust"),
    path(f"{S}run/close/", run.close_action, name="close_action"),
    path(f"{S}run/new-action/", run.new_action, name="new_action"),
    path(f"{S}run/priorities/", run.priorities, name="priorities"),
    path(f"{S}run/evaluation/", run.evaluation, name="evaluation"),
    path(f"{S}run/evaluation/<int:entry_id>/", run.evaluation_edit, name="evaluation_edit"),
    path(
        f"{S}run/evaluation/<int:entry_id>/delete/",
        run.evaluation_delete,
        name="evaluation_delete",
    ),
    path(f"{S}run/review/", run.review, name="review"),
    path(f"{S}run/ogsm-change/", run_ogsm.ogsm_change, name="ogsm_change"),
    path(f"{S}run/draft/", run_ogsm.draft_edit, name="draft_edit"),
    path(f"{S}run/draft/start/", run_ogsm.draft_start, name="draft_start"),
    path(f"{S}run/activate/", run_ogsm.activate, name="activate"),
    path(f"{S}minutes/", minutes.minutes, name="minutes"),
    path(f"{S}minutes.pdf", minutes.minutes_pdf, name="minutes_pdf"),
    path(f"{S}follow-up/", minutes.followup, name="followup"),
]
