import pytest


@pytest.fixture
def wagtail_locale(db):
    """Transactional tests flush Wagtail's default locale too; towns need it back."""
    from django.conf import settings
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)


@pytest.fixture
def make_town(wagtail_locale, make_town):
    return make_town


@pytest.fixture
def appeals_town(town, enable_plugin):
    from appeals.models import Category

    enable_plugin(town, "appeals")
    enable_plugin(town, "sms")  # as create_town does for a new town (every plugin on)
    # The tests start from two known categories (yellow by default), not the ones the plugin seeds.
    Category.objects.filter(town=town).delete()
    Category.objects.create(town=town, name="低保救助", kinds="application,question")
    Category.objects.create(town=town, name="村务公开", kinds="question,report")
    return town


@pytest.fixture
def new_case(appeals_town):
    from appeals.models import Category
    from appeals.workflow import submit

    def make(**overrides):
        data = dict(
            kind="application", category=Category.objects.get(town=appeals_town, name="低保救助"),
            village=appeals_town.villages.get(name="北沟村"), content="申请低保", name="张三明", phone="+8613812345678",
        )
        data.update(overrides)
        return submit(appeals_town, **data)

    return make


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Each test starts with no form-guard counts, lookup locks or rate limits: on Redis (the test run's own
    database) by emptying it, without Redis by giving the test its own memory cache (the file cache of `make run`
    may be shared by other test runs)."""
    if settings.REDIS_URL:
        from django.core.cache import cache

        cache.clear()
    else:
        import uuid

        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                       "LOCATION": f"appeals-test-{uuid.uuid4()}"}}
