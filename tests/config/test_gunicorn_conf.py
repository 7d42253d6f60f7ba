"""config/gunicorn.conf.py's hooks, run as gunicorn runs them (in a process of their own)."""

import subprocess
import sys

from tests.config.processes import ROOT

FORK = """
import gc, runpy
hooks = runpy.run_path("config/gunicorn.conf.py")
before = gc.get_freeze_count()
hooks["pre_fork"](None, None)
print(before, gc.get_freeze_count() > 1000)
"""


def test_a_worker_is_forked_with_what_the_master_loaded_out_of_the_collectors_reach():
    printed = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", FORK], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert printed == ["0", "True"]
