from django.urls import path

from xiaoneng.windows import public_views

app_name = "public_windows"

urlpatterns = [
    path("items/", public_views.items, name="items"),
    path("items/feed.rss", public_views.items_rss, name="items_rss"),
    path("items/feed.json", public_views.items_json, name="items_json"),
    path("items/<str:code>/", public_views.item_notice, name="item"),
    path("rate/<str:token>/", public_views.rate, name="rate"),
    path("screen/", public_views.screen, name="screen"),
    path("screen/<str:code>/", public_views.screen, name="hall_screen"),
    path("stars/", public_views.stars, name="stars"),
]
