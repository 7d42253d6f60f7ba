"""Benchmarks and the generated archives they load: project tooling, not part of the
installable apps (the wheel does not ship it). Installed as an app in the development and
test settings only, for ``manage.py benchmark_import``."""
