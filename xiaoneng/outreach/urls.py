from django.urls import path

from xiaoneng.outreach import views

app_name = "outreach"

urlpatterns = [
    path("", views.index, name="index"),
    path("pairings/", views.pairing_list, name="pairings"),
    path("pairings/new/", views.pairing_new, name="pairing_new"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/<str:public_id>/", views.visit_detail, name="visit"),
    path("visits/<str:public_id>/hand-over/", views.visit_hand_over, name="visit_hand_over"),
    path("visits/<str:public_id>/photos/<int:pk>/", views.visit_photo, name="visit_photo"),
    path("programmes/<slug:code>/", views.programme_detail, name="programme"),
    path("programmes/<slug:code>/quarter/", views.quarter, name="quarter"),
    path("programmes/<slug:code>/shortfalls/", views.propose_shortfalls, name="propose_shortfalls"),
    path("programmes/<slug:code>/awards/", views.propose_awards, name="propose_awards"),
]
