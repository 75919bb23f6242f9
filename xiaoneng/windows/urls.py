from django.urls import path

from xiaoneng.windows import views, views_figures, views_items, views_records

app_name = "windows"

urlpatterns = [
    path("", views.index, name="index"),
    path("board/rows/", views.board_rows, name="board_rows"),
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/<str:public_id>/", views.case_detail, name="case"),
    path("cases/<str:public_id>/complete/", views.case_complete, name="case_complete"),
    path("cases/<str:public_id>/new-link/", views.case_new_link, name="case_new_link"),
    path("items/", views_items.item_list, name="items"),
    path("items/export.xlsx", views_items.item_export, name="items_export"),
    path("items/import/", views_items.item_import, name="items_import"),
    path("items/<int:pk>/notice/", views_items.item_notice, name="item_notice"),
    path("items/<int:pk>/notice.pdf", views_items.item_notice_pdf, name="item_notice_pdf"),
    path("figures/", views_figures.figures_view, name="figures"),
    path("ranking/", views_figures.ranking_view, name="ranking"),
    path("ranking/check/", views_figures.ranking_check, name="ranking_check"),
    path("waits/", views_figures.waits_view, name="waits"),
    path("stars/", views_figures.stars_view, name="stars"),
    path("stars/propose/", views_figures.stars_propose, name="stars_propose"),
    path("stars/<int:pk>/decide/", views_figures.star_decide, name="star_decide"),
    path("ratings/", views_records.bad_ratings, name="bad_ratings"),
    path("ratings/import/", views_records.rating_import, name="rating_import"),
    path("visits/<int:pk>/", views_records.return_visit, name="return_visit"),
    path("roster/", views_records.roster, name="roster"),
    path("inquiries/", views_records.inquiries, name="inquiries"),
    path("consultations/", views_records.consultations, name="consultations"),
    path("green-cards/", views_records.green_cards, name="green_cards"),
    path("green-cards/<int:pk>/", views_records.green_card_history, name="green_card"),
    path("queue/<int:unit_id>/", views_records.queue_desk, name="queue_desk"),
]
