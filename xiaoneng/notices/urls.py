from django.urls import path

from xiaoneng.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_new, name="new"),
    path("draft-from/<str:model>/<int:pk>/", views.notice_draft_from, name="draft_from"),
    path("<int:pk>/", views.notice_detail, name="detail"),
    path("<int:pk>/edit/", views.notice_edit, name="edit"),
    path("<int:pk>/approve/", views.notice_approve, name="approve"),
    path("<int:pk>/publish/", views.notice_publish, name="publish"),
    path("<int:pk>.docx", views.notice_docx_download, name="docx"),
]
