from django.urls import path

from . import views

urlpatterns = [
    path("broadcast/<int:pk>/feed.json", views.feed, name="feed"),
    path("broadcast/<int:pk>/remind/", views.remind, name="remind"),
    path("broadcast/<int:pk>/ask/", views.ask, name="ask"),
    path("unsubscribe/<uuid:token>/", views.unsubscribe_view, name="unsubscribe"),
]
