import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def pytest_addoption(parser):
    parser.addoption("--generate-snapshots", action="store_true",
                     help="rewrite the expected graphs of the golden cases from the current code")
