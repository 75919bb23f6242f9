from django.urls import path

from xiaoneng.bulletin import submission_views, views

app_name = "bulletin"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.issue_new, name="issue_new"),
    path("<int:year>/<int:number>/", views.issue_detail, name="issue"),
    path("<int:year>/<int:number>/edit/", views.issue_edit, name="issue_edit"),
    path("<int:year>/<int:number>/drafts/", views.drafts, name="drafts"),
    path("<int:year>/<int:number>/items/new/", views.item_new, name="item_new"),
    path("<int:year>/<int:number>/publish/", views.publish, name="publish"),
    path("<int:year>/<int:number>/download.<str:fmt>", views.download, name="download"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("submissions/", submission_views.submission_list, name="submissions"),
    path("submissions/new/", submission_views.submission_new, name="submission_new"),
    path("submissions/<int:pk>/", submission_views.submission_detail, name="submission"),
    path("submissions/<int:pk>/edit/", submission_views.submission_edit, name="submission_edit"),
    path("submissions/<int:pk>/accept/", submission_views.submission_accept, name="submission_accept"),
    path("submissions/<int:pk>/return/", submission_views.submission_return, name="submission_return"),
    path("submissions/<int:pk>/photos/<int:photo>/", submission_views.submission_photo,
         name="submission_photo"),
]
