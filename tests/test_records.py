"""techtime.records.NamedTuple: typing.NamedTuple's class syntax, built without importing typing."""

from __future__ import annotations

import pickle

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
