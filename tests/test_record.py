"""Records: brief's immutable value classes behave like named tuples."""

from __future__ import annotations

import pytest

from briefcli.record import Record


class Point(Record):
    """A test record."""

    x: int
    y: int
    label: str = ""

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)


def test_fields_come_from_annotations_and_defaults_from_values() -> None:
    point = Point(1, y=2)
    assert (point.x, point.y, point.label) == (1, 2, "")
    assert Point._fields == ("x", "y", "label")
    assert repr(point) == "Point(x=1, y=2, label='')"
    assert point.moved(2) == Point(3, 2)


def test_a_record_is_the_tuple_of_its_values() -> None:
    assert Point(1, 2) == Point(1, 2, "") == (1, 2, "")
    assert Point(1, 2) != Point(1, 3)
    assert sorted([Point(2, 1), Point(1, 5)]) == [Point(1, 5), Point(2, 1)]
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2
    x, y, label = Point(1, 2, "a")
    assert (x, y, label) == (1, 2, "a")


def test_copies_and_pickles_are_equal_records() -> None:
    import copy
    import pickle

    point = Point(1, 2, "a")
    for clone in (copy.copy(point), copy.deepcopy(point), pickle.loads(pickle.dumps(point))):
        assert type(clone) is Point
        assert clone == point


def test_records_are_immutable() -> None:
    point = Point(1, 2)
    with pytest.raises(AttributeError):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.z = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((1,), {}, "needs a value for 'y'"),
        ((1, 2, "a", 4), {}, "takes 3 values, got 4"),
        ((1, 2), {"colour": "red"}, "unexpected or repeated"),
        ((1, 2), {"x": 3}, "unexpected or repeated"),
    ],
)
def test_wrong_arguments_are_refused(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)


def test_replace_refuses_unknown_fields() -> None:
    with pytest.raises(TypeError, match="no field"):
        Point(1, 2)._replace(z=3)


def test_a_field_without_a_default_cannot_follow_one_with() -> None:
    with pytest.raises(TypeError, match="'b' has no default"):

        class Bad(Record):
            a: int = 0
            b: int


def test_a_record_cannot_extend_another() -> None:
    with pytest.raises(TypeError, match="cannot extend"):

        class Point3(Point):
            z: int = 0
