"""Django's admin (/django-admin/) is for the platform's operators only and has no login of its own.

Its login page would be a second door beside Wagtail's, without the lockout and the second step; so its login URL
sends people to Wagtail's login (which returns them here), and only superusers are let in."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse


def login_redirect(request):
    if request.user.is_authenticated:
        # Signed in, yet sent to the login: a staff member who is not an operator. Another login would not help.
        return render(request, "cunwu/accounts/operators_only.html", status=403)
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("wagtailadmin_login"))


def operators_only(request):
    return request.user.is_active and request.user.is_superuser


def single_login(site=admin.site):
    """The site, with its own login replaced by the admin's and its door narrowed to superusers."""
    site.login = login_redirect
    site.has_permission = operators_only
    return site
