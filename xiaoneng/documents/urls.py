from django.urls import path

from xiaoneng.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>.<str:extension>", views.document_file, name="file"),
]
