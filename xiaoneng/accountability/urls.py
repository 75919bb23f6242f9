from django.urls import path

from xiaoneng.accountability import views

app_name = "accountability"

urlpatterns = [
    path("", views.record_list, name="list"),
    path("new/", views.record_new, name="new"),
    path("yearly/", views.yearly, name="yearly"),
    path("regulations/", views.regulations, name="regulations"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/decide/", views.record_decide, name="decide"),
    path("<int:pk>/refer/", views.record_refer, name="refer"),
    path("<int:pk>/conclude/", views.record_conclude, name="conclude"),
    path("<int:pk>/dismiss/", views.record_dismiss, name="dismiss"),
]
