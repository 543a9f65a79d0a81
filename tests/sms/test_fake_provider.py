"""The fake provider behaves like Aliyun's dysmsapi where delivery semantics depend on it: it keeps no promise
of "once" for the backend (repeats are messages), answers a send-detail query with the OutId, and limits each number."""

from datetime import datetime

import pytest
import requests

from tests.support.fake_sms import FakeSmsProvider


@pytest.fixture
def provider():
    provider = FakeSmsProvider().start()
    yield provider
    provider.stop()


def send(provider, phone="13812345678", out_id="7", **fields):
    return requests.post(provider.url, data={"PhoneNumbers": phone, "TemplateCode": "T", "OutId": out_id, **fields}).json()


def query(provider, phone="13812345678", **fields):
    date = provider.now().strftime("%Y%m%d")
    data = {"Action": "QuerySendDetails", "PhoneNumber": phone, "SendDate": date, "PageSize": 50, "CurrentPage": 1, **fields}
    return requests.post(provider.url, data=data).json()


def test_a_repeated_out_id_is_a_second_message_on_the_phone(provider):
    first = send(provider)
    provider.advance(minutes=1)
    second = send(provider)
    assert first["Code"] == second["Code"] == "OK" and first["BizId"] != second["BizId"]
    assert len(provider.on_phone("+8613812345678")) == 2


def test_query_answers_what_was_accepted_with_its_out_id_and_receipt(provider):
    accepted = send(provider, out_id="41")
    send(provider, phone="13900000000", out_id="42")
    rows = query(provider)["SmsSendDetailDTOs"]["SmsSendDetailDTO"]
    assert [(row["OutId"], row["PhoneNum"], row["SendStatus"]) for row in rows] == [("41", "13812345678", 1)]
    provider.receipt(accepted["BizId"], success=False, err_code="MOBILE_NOT_ON_SERVICE")
    (row,) = query(provider, BizId=accepted["BizId"])["SmsSendDetailDTOs"]["SmsSendDetailDTO"]
    assert (row["SendStatus"], row["ErrCode"]) == (2, "MOBILE_NOT_ON_SERVICE") and row["ReceiveDate"]
    assert query(provider, SendDate="20000101")["TotalCount"] == 0


@pytest.mark.parametrize("limits, sends, message", [
    ({"minute": 1}, [{}], "触发分钟级流控Permits:1"),
    ({"minute": 1, "hour": 2}, [{}, {"minutes": 1}], "触发小时级流控Permits:2"),
    ({"minute": 1, "hour": 5, "day": 2}, [{}, {"hours": 1}], "触发天级流控Permits:2"),
])
def test_flow_control_per_number_names_its_window(limits, sends, message):
    provider = FakeSmsProvider(limits=limits).start()
    provider.travel_to(datetime(2026, 12, 2, 9, 0, 30))  # windows cut by the clock: start mid-minute, mid-morning
    try:
        for step in sends:
            provider.advance(**step)
            assert send(provider)["Code"] == "OK"
        provider.advance(seconds=1)
        refused = send(provider)
        assert (refused["Code"], refused["Message"]) == ("isv.BUSINESS_LIMIT_CONTROL", message)
        assert send(provider, phone="13900000000")["Code"] == "OK"  # another number is not limited
        assert len(provider.messages) == len(sends) + 1
    finally:
        provider.stop()


def test_accept_then_time_out_leaves_the_message_on_the_phone(provider):
    provider.timeout_next(delay=2)
    with pytest.raises(requests.Timeout):
        requests.post(provider.url, data={"PhoneNumbers": "13812345678", "OutId": "9"}, timeout=0.5)
    assert [m["OutId"] for m in provider.messages] == ["9"]
