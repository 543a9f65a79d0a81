from django.urls import path

from . import views

urlpatterns = [
    path("submit/", views.submit_view, name="submit"),
    path("lookup/", views.lookup_view, name="lookup"),
    path("c/<str:token>/", views.case_view, name="case"),
    path("c/<str:token>/rate/", views.rate_view, name="rate"),
]
