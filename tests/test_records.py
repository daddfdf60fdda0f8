"""techtime.records.NamedTuple: typing.NamedTuple's class syntax, built without importing typing."""

from __future__ import annotations

import collections
import copy
import pickle

import pytest

from techtime.records import NamedTuple


class Span(NamedTuple):
    """Two days apart."""

    start: int
    end: int = 0
    label: str = ""

    def length(self) -> int:
        return self.end - self.start


class Positive(NamedTuple):
    value: int

    def __new__(cls, value: int) -> Positive:
        return super().__new__(cls, abs(value))


def test_fields_defaults_methods_and_docstring_are_the_classes():
    span = Span(3, 10)
    assert span == (3, 10, "") and span.length() == 7
    assert Span._fields == ("start", "end", "label")
    assert Span._field_defaults == {"end": 0, "label": ""}
    assert Span.__doc__ == "Two days apart."
    assert span._replace(label="x").label == "x"
    assert Span.__module__ == __name__


def test_a_record_is_one_class_over_tuple_and_holds_no_dict():
    assert Span.__mro__[1] is tuple
    assert not hasattr(Span(1), "__dict__")


def test_a_method_that_calls_super_gets_a_class_of_its_own():
    assert Positive(-4).value == 4
    assert isinstance(Positive(1), tuple)


def test_records_pickle_by_their_module_name():
    assert pickle.loads(pickle.dumps(Span(1, 2, "a"))) == Span(1, 2, "a")


class Plain(NamedTuple):
    first: int
    second: str
    third: tuple[int, ...] = ()
    fourth: bool = True


def _same_error(make_record, make_namedtuple):
    errors = []
    for make in (make_record, make_namedtuple):
        try:
            make()
        except Exception as error:  # whatever each raises: the two must agree
            errors.append((type(error), str(error).replace("Twin", "Plain")))
        else:
            errors.append(None)
    assert errors[0] == errors[1] and errors[0] is not None


def test_a_record_behaves_as_collections_namedtuple_of_the_same_shape():
    twin = collections.namedtuple("Twin", ["first", "second", "third", "fourth"], defaults=[(), True])
    record, other = Plain(1, "a"), twin(1, "a")
    assert record == other and hash(record) == hash(other)
    assert repr(record) == repr(other).replace("Twin", "Plain") == "Plain(first=1, second='a', third=(), fourth=True)"
    assert record._asdict() == other._asdict()
    assert Plain._make([1, "a", (2,), False]) == twin._make([1, "a", (2,), False])
    assert Plain(second="b", first=2) == (2, "b", (), True)
    assert Plain.__match_args__ == twin.__match_args__
    assert Plain.third.__doc__ == twin.third.__doc__
    assert copy.copy(record) == record and copy.deepcopy(Plain(1, "a", (1, 2))) == (1, "a", (1, 2), True)
    match record:
        case Plain(first, second):
            assert (first, second) == (1, "a")
    _same_error(lambda: Plain(1), lambda: twin(1))
    _same_error(lambda: Plain(1, "a", (), True, 5), lambda: twin(1, "a", (), True, 5))
    _same_error(lambda: Plain(1, "a", fifth=5), lambda: twin(1, "a", fifth=5))
    _same_error(lambda: Plain._make([1]), lambda: twin._make([1]))
    _same_error(lambda: record._replace(fifth=5), lambda: other._replace(fifth=5))


def test_a_field_without_a_default_cannot_follow_one_with_a_default():
    with pytest.raises(TypeError, match="cannot follow"):

        class Wrong(NamedTuple):
            first: int = 0
            second: int
