"""The admin screens of field check-ins: the trail (the menu item), the phone's check-in form, the map, the photo.

Custom screens rather than a ModelAdmin: a check-in has no edit or delete view to hide, only these."""

from django.urls import path
from wagtail import hooks

from . import trail, views


@hooks.register("register_admin_urls")
def fieldvisit_admin_urls():
    return [
        path("fieldvisit/", trail.trail, name="fieldvisit_trail"),
        path("fieldvisit/map.svg", trail.trail_map, name="fieldvisit_map"),
        path("fieldvisit/check-in/", views.check_in, name="fieldvisit_check_in"),
        path("fieldvisit/<int:pk>/photo/", views.photo, name="fieldvisit_photo"),
    ]


@hooks.register("register_admin_menu_item")
def fieldvisit_menu_item():
    return trail.menu_item()
