from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("ledger/<slug:village>/", views.ledger, name="ledger"),
    path("ledger/<slug:village>/download.<str:fmt>", views.download, name="ledger_download"),
]
