from django.urls import path

from . import open311, views

urlpatterns = [
    path("submit/", views.submit_view, name="submit"),
    path("lookup/", views.lookup_view, name="lookup"),
    path("wall/", views.wall_view, name="wall"),
    path("wall/<int:pk>/", views.wall_entry_view, name="wall-entry"),
    path("c/<str:token>/", views.case_view, name="case"),
    path("c/<str:token>/rate/", views.rate_view, name="rate"),
    # Open311 GeoReport v2 (JSON only)
    path("open311/v2/services.json", open311.services, name="open311-services"),
    path("open311/v2/services/<str:code>.json", open311.service_definition, name="open311-service"),
    path("open311/v2/requests.json", open311.requests_view, name="open311-requests"),
    path("open311/v2/requests/<str:public_id>.json", open311.request_detail, name="open311-request"),
    path("open311/v2/openapi.json", open311.schema, name="open311-schema"),
]
