import pytest


@pytest.fixture
def sms_town(town, enable_plugin):
    """西湖镇 with only the sms plugin on."""
    return enable_plugin(town, "sms")



@pytest.fixture
def appeals_town(town, enable_plugin):
    enable_plugin(town, "appeals")
    return enable_plugin(town, "sms")


@pytest.fixture
def new_case(appeals_town):
    """Submits a case in 西湖镇 the way the public form does (its SMS go through the sms service)."""
    from appeals.models import Category
    from appeals.workflow import submit

    def make(**overrides):
        data = dict(kind="application", category=Category.objects.filter(town=appeals_town).first(),
                    village=appeals_town.villages.get(name="北沟村"), content="申请低保", name="张三明", phone="+8613812345678")
        data.update(overrides)
        return submit(appeals_town, **data)

    return make
