"""`typing.NamedTuple`'s class syntax without importing `typing` at run time.

`import typing` costs ~3 ms, a tenth of `techtime add`'s whole start-up floor, and nothing else on
the command line's fast path needs it. Type checkers see `typing.NamedTuple` itself; at run time
the class body becomes a `collections.namedtuple` (fields from the annotations, defaults from the
assignments) with the class's methods and docstring set on it, which is what `typing` builds too.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    from collections import namedtuple

    class _NamedTupleMeta(type):
        def __new__(mcls, name, bases, namespace):
            if not bases:  # the NamedTuple base class below
                return super().__new__(mcls, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", {}))
            defaults = [namespace[field] for field in fields if field in namespace]
            base = namedtuple(name, fields, defaults=defaults, module=namespace.get("__module__"))
            body = {key: value for key, value in namespace.items() if key not in fields}
            if "__classcell__" in body:  # a method calls super(): it needs a class of its own
                body.setdefault("__slots__", ())
                return type(name, (base,), body)
            for key, value in body.items():  # as typing does: one class, not two (~50 us a record)
                if key not in ("__module__", "__slots__"):
                    setattr(base, key, value)
            return base

    class NamedTuple(metaclass=_NamedTupleMeta):
        __slots__ = ()
