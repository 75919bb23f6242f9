from django.urls import path

from xiaoneng.commitments import views

app_name = "commitments"

urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<str:public_id>/commit/", views.commitment_new, name="commitment_new"),
    path("items/<int:pk>/<slug:action>/", views.item_act, name="item_act"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("notices/<int:pk>/publish/", views.notice_publish, name="notice_publish"),
    path("<str:public_id>/", views.detail, name="detail"),
    path("<str:public_id>/items/new/", views.item_new, name="item_new"),
    path("<str:public_id>/files/<int:pk>/", views.evidence, name="evidence"),
]
