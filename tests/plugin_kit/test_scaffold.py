"""`startplugin` end to end: generate a plugin, pip-install it into a temporary folder, check its migration,
then run its own tests and the kit's tests (tests/plugin_kit/with_plugin) in a child pytest with it installed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
# A database of its own, built afresh each run (--create-db): a database kept between runs goes stale as soon as the
# core gains a migration, since the generated plugin's migration depends on the core's latest one.
CHILD_DATABASE = "cunwu_kit_child"


def child_env(target, database=CHILD_DATABASE):
    db = settings.DATABASES["default"]
    env = {key: value for key, value in os.environ.items() if key not in {"CELERY_QUEUE", "PYTEST_ADDOPTS"}}
    env.update(
        PYTHONPATH=os.pathsep.join([str(target), str(ROOT / "site"), str(ROOT / "plugins")]),
        DJANGO_SETTINGS_MODULE="cunwu.settings.test",
        DATABASE_URL=f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database}",
    )
    return env


def run(args, env, cwd=ROOT, timeout=240):
    result = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory):
    """The generated project folder and the folder pip installed it into."""
    base = tmp_path_factory.mktemp("startplugin")
    call_command("startplugin", "kitdemo", directory=str(base), title="Kit demo", title_zh="示例插件", verbosity=0)
    project, target = base / "kitdemo", base / "site-packages"
    code, output = run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(project)],
        env=dict(os.environ),
    )
    assert code == 0, output
    return project, target


def test_generated_package_has_every_part_a_plugin_needs(installed_plugin):
    project, target = installed_plugin
    assert 'kitdemo = "kitdemo"' in (project / "pyproject.toml").read_text()
    for part in ("apps.py", "models.py", "blocks.py", "wagtail_hooks.py", "tasks.py", "migrations/0001_initial.py",
                 "templates/kitdemo/blocks/kitdemo_latest.html", "locale/zh_Hans/LC_MESSAGES/django.mo",
                 "locale/en/LC_MESSAGES/django.po"):
        assert (project / "kitdemo" / part).is_file(), part
        if not part.endswith(".po"):
            assert (target / "kitdemo" / part).is_file(), f"{part} is missing from the installed package"
    entry_points = next(target.glob("cunwu_kitdemo-*.dist-info")) / "entry_points.txt"
    assert "[cunwu.plugins]" in entry_points.read_text() and "kitdemo = kitdemo" in entry_points.read_text()


def test_installed_plugin_is_found_and_its_migration_matches_its_models(installed_plugin, db):
    from django.db import connection

    _project, target = installed_plugin
    env = child_env(target, database=connection.settings_dict["NAME"])
    code, output = run([sys.executable, "manage.py", "makemigrations", "kitdemo", "--check", "--dry-run"], env)
    assert code == 0 and "No changes detected" in output, output
    code, output = run([sys.executable, "manage.py", "plugins"], env)
    assert code == 0 and "kitdemo" in output and "示例插件" in output, output


def test_generated_tests_and_the_kit_tests_pass_with_the_plugin_installed(installed_plugin):
    project, target = installed_plugin
    code, output = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--create-db", "--rootdir", str(ROOT),
         "-c", str(ROOT / "pyproject.toml"), "-W", "ignore::UserWarning",
         str(ROOT / "tests" / "plugin_kit" / "with_plugin"), str(project / "tests")],
        child_env(target),
    )
    tail = output[-6000:]
    assert code == 0, tail
    assert " passed" in tail and "skipped" not in tail, tail


def test_startplugin_refuses_bad_names_and_existing_folders(tmp_path):
    with pytest.raises(CommandError, match="not a valid plugin name"):
        call_command("startplugin", "Field-Visit", directory=str(tmp_path))
    with pytest.raises(CommandError, match="already the name of an installed app"):
        call_command("startplugin", "wagtailcore", directory=str(tmp_path))
    # Not "fieldvisit" (the docs' example): that is a bundled plugin now, refused as an installed app's name.
    (tmp_path / "villagevisit").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        call_command("startplugin", "villagevisit", directory=str(tmp_path))
