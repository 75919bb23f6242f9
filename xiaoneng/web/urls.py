from django.contrib.auth import views as django_auth_views
from django.urls import path

from xiaoneng.web import auth_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "login/",
        django_auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("login/second-factor/", auth_views.second_factor, name="second_factor"),
    path("account/second-factor/", auth_views.second_factor_setup, name="second_factor_setup"),
    path("logout/", django_auth_views.LogoutView.as_view(), name="logout"),
]
