from django.urls import path

from xiaoneng.snail import views

app_name = "snail"

urlpatterns = [
    path("", views.index, name="index"),
    path("propose/", views.propose, name="propose"),
    path("items/new/", views.item_new, name="item_new"),
    path("items/<str:public_id>/", views.item, name="item"),
    path("items/<str:public_id>/<slug:action>/", views.item_act, name="item_act"),
    path("batches/new/", views.batch_new, name="batch_new"),
    path("batches/<str:public_id>/", views.batch, name="batch"),
    path("batches/<str:public_id>/publish/", views.batch_publish, name="batch_publish"),
]
