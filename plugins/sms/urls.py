from django.urls import path

from .receipts import provider_report

app_name = "sms"
urlpatterns = [
    # The provider's receipt push (Aliyun: SmsReport "HTTP批量推送"); give it this URL on a town's host.
    path("receipts/", provider_report, name="receipts"),
]
