"""Where the test suite's files live."""

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPOSITORY = TESTS.parent
DATA = TESTS / "data"
SNAPSHOTS = TESTS / "snapshots"
