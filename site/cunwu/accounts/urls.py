"""The admin's sign-in URLs, mounted by cunwu/urls.py before Wagtail's admin so they take /admin/login/."""

from django.urls import path

from . import admin_site, views

urlpatterns = [
    path("admin/login/", views.LoginView.as_view(), name="cunwu_login"),
    path("admin/login/code/", views.login_code, name="cunwu_login_code"),
    path("admin/login/set-up/", views.login_enrol, name="cunwu_login_enrol"),
    # Django's admin has no login of its own: it sends people to the one above (lockout, two-step).
    path("django-admin/login/", admin_site.login_redirect, name="cunwu_django_admin_login"),
]
