from django.urls import path

from xiaoneng.scoring import views

app_name = "scoring"

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_new, name="proposal_new"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/approve/", views.proposal_approve, name="proposal_approve"),
    path("proposals/<int:pk>/refuse/", views.proposal_refuse, name="proposal_refuse"),
    path("ledger/", views.ledger, name="ledger"),
]
