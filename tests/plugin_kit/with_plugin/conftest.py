"""These tests need the plugin `kitdemo`, which test_scaffold.py generates with `startplugin`, pip-installs
into a temporary folder and runs them against in a child pytest. In a run without it they are not collected."""

from django.apps import apps

if not apps.is_installed("kitdemo"):
    collect_ignore_glob = ["test_*.py"]
