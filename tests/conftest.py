import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def pytest_addoption(parser):
    parser.addoption("--generate-snapshots", action="store_true",
                     help="rewrite the expected graphs of the golden cases from the current code")


@pytest.fixture(scope="module")
def client(server):
    """An httpx client of the module's `kg serve` (its `server` fixture)."""
    import httpx

    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c
