from django.urls import path

from . import asset_views, payment_views, power_views, views
from . import meeting_views, record_report_views, record_views

urlpatterns = [
    path("", views.index, name="index"),
    path("ledger/<slug:village>/", views.ledger, name="ledger"),
    path("ledger/<slug:village>/download.<str:fmt>", views.download, name="ledger_download"),
    path("power/", power_views.power_list, name="power_list"),
    path("power/<str:code>/", power_views.power_detail, name="power_detail"),
    path("assets/", asset_views.assets, name="assets"),
    path("payments/", payment_views.payments, name="payments"),
    path("records/<str:code>/", record_views.record_view, name="record"),
    path("records/<str:code>/documents/<int:pk>/", record_views.document_view, name="record_document"),
    path("records/<str:code>/sign/", record_views.sign_view, name="record_sign"),
    path("records/<str:code>/report/", record_report_views.report_view, name="record_report"),
    path("meetings/<int:pk>/", meeting_views.meeting_view, name="meeting"),
]
