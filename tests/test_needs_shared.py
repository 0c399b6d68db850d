"""The `needs_shared` marker (tests/conftest.py): a test reading ../shared says which paths it needs and is
skipped with a reason naming the missing one; asking for `shared_dir` without the marker is refused."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from tests import conftest


@dataclass
class FakeItem:
    """What the hooks read of a collected test."""

    nodeid: str = "tests/test_x.py::test_x"
    fixturenames: tuple[str, ...] = ()
    marks: list[pytest.Mark] = field(default_factory=list)

    def iter_markers(self, name: str):
        return (m for m in self.marks if m.name == name)

    def get_closest_marker(self, name: str):
        return next(self.iter_markers(name), None)


def test_a_missing_path_skips_the_test_and_names_the_folder():
    item = FakeItem(marks=[pytest.mark.needs_shared("no/such/folder").mark])
    with pytest.raises(pytest.skip.Exception, match=r"needs \.\./shared: .*shared/no/such/folder is missing"):
        conftest.pytest_runtest_setup(item)  # type: ignore[arg-type]


def test_a_test_reading_shared_without_the_marker_is_a_collection_error():
    refused = re.escape("without @pytest.mark.needs_shared: tests/test_x.py::test_x")
    with pytest.raises(pytest.UsageError, match=refused):
        conftest.pytest_collection_modifyitems(None, [FakeItem(fixturenames=("shared_dir",))])  # type: ignore[arg-type,list-item]
    marked = FakeItem(fixturenames=("shared_dir",), marks=[pytest.mark.needs_shared().mark])
    conftest.pytest_collection_modifyitems(None, [marked])  # type: ignore[arg-type,list-item]


@pytest.mark.needs_shared("eval/gold")
def test_present_paths_are_not_missing(shared_dir):
    assert conftest.missing_shared(("eval/gold",)) is None
    assert conftest.missing_shared(("eval/gold", "nope")) == shared_dir / "nope"
