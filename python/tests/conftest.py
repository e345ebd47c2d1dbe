"""Shared fixtures: the repository, the seed article, and the `claimex` CLI to compare with.

The CLI is `$CLAIMEX_BIN`, else the newest of `target/{debug,release}/claimex`, else
`claimex` on PATH; tests that compare with it skip when there is none.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = "corpus/000_4c9a5fc32c7dd298.txt"
FAKES = REPO.parent / "shared" / "data" / "fakes-syria-news"


def find_cli():
    if os.environ.get("CLAIMEX_BIN"):
        return os.path.abspath(os.environ["CLAIMEX_BIN"])
    built = [REPO / "target" / p / "claimex" for p in ("debug", "release")]
    built = [p for p in built if p.is_file()]
    if built:
        return str(max(built, key=lambda p: p.stat().st_mtime))
    return shutil.which("claimex")


@pytest.fixture(scope="session")
def cli():
    path = find_cli()
    if not path:
        pytest.skip("no claimex binary (cargo build, or set CLAIMEX_BIN)")
    return path


@pytest.fixture(scope="session")
def run_cli(cli):
    """Runs the CLI from the repository root and returns its stdout bytes."""

    def run(*args, stdin=None):
        done = subprocess.run(
            [cli, *args], cwd=REPO, input=stdin, capture_output=True, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout

    return run


def read(rel):
    return (REPO / rel).read_text(encoding="utf-8-sig")


# With CLAIMEX_STRICT=1 (.ci/run sets it) a skipped test fails the run, so CI cannot pass by
# skipping: only the part that needs ../shared/data may skip, when that is absent.
_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append((report.nodeid, str(report.longrepr)))


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CLAIMEX_STRICT") != "1":
        return
    bad = [node for node, why in _skipped if "shared/data" not in why]
    if bad:
        print(f"\nCLAIMEX_STRICT: {len(bad)} test(s) skipped: {bad}")
        session.exitstatus = 1


def pytest_collectreport(report):
    if report.skipped:
        _skipped.append((report.nodeid, str(report.longrepr)))
