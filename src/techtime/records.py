"""`typing.NamedTuple`'s class syntax without importing `typing` at run time.

`import typing` costs ~3 ms, a tenth of `techtime add`'s whole start-up floor, and nothing else on
the command line's fast path needs it. Type checkers see `typing.NamedTuple` itself; at run time
the class body becomes a named tuple (fields from the annotations, defaults from the assignments)
with the class's methods and docstring set on it, which is what `typing` builds too.

The class is what `collections.namedtuple` makes (the same `__new__`, field getters, `_make`,
`_replace`, `_asdict`, repr and pickling), built without its `eval`: namedtuple compiles the source
of a `__new__` for every class, ~65 us of its ~70. `techtime today` makes 65 records, ~4 ms of its
start. Here one `__new__` is compiled for each number of fields and given each class's field names
(`CodeType.replace`), so a record takes ~10 us and its instances are made by the same bytecode.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    from types import FunctionType

    try:
        from _collections import _tuplegetter
    except ImportError:  # not CPython: what collections.namedtuple falls back to
        from operator import itemgetter

        def _tuplegetter(index, doc):
            return property(itemgetter(index), doc=doc)

    _NEW_GLOBALS = {"_tuple_new": tuple.__new__, "__builtins__": {}}
    _new_by_arity = {}

    def _new_code(arity):
        """`lambda _cls, _0, _1, ...: _tuple_new(_cls, (_0, _1, ...))`, as namedtuple writes it."""
        code = _new_by_arity.get(arity)
        if code is None:
            names = "".join(f"_{index}, " for index in range(arity))
            code = eval(f"lambda _cls, {names}: _tuple_new(_cls, ({names}))", _NEW_GLOBALS).__code__
            _new_by_arity[arity] = code
        return code

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
        return result

    def _replace(self, /, **changes):
        result = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return result

    def _repr(self):
        values = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
        return f"{self.__class__.__name__}({values})"

    def _asdict(self):
        return dict(zip(self._fields, self, strict=True))

    def _getnewargs(self):
        return tuple(self)

    def _record(name, qualname, fields, defaults, module):
        """What `collections.namedtuple(name, fields, defaults=defaults, module=module)` returns."""
        for field in fields:
            if field.startswith("_"):
                raise ValueError(f"Field names cannot start with an underscore: {field!r}")
        code = _new_code(len(fields)).replace(
            co_varnames=("_cls", *fields), co_name="__new__", co_qualname=f"{qualname}.__new__"
        )
        new = FunctionType(code, _NEW_GLOBALS, "__new__", tuple(defaults) or None)
        new.__doc__ = f"Create new instance of {name}({', '.join(fields)})"
        namespace = {
            "__doc__": f"{name}({', '.join(fields)})",
            "__slots__": (),
            "__module__": module,
            "__qualname__": qualname,
            "_fields": fields,
            "_field_defaults": dict(zip(fields[len(fields) - len(defaults) :], defaults, strict=True)),
            "__match_args__": fields,
            "__new__": new,
            "_make": classmethod(_make),
            "_replace": _replace,
            "__replace__": _replace,
            "__repr__": _repr,
            "_asdict": _asdict,
            "__getnewargs__": _getnewargs,
        }
        for index, field in enumerate(fields):
            namespace[field] = _tuplegetter(index, f"Alias for field number {index}")
        return type(name, (tuple,), namespace)

    class _NamedTupleMeta(type):
        def __new__(mcls, name, bases, namespace):
            if not bases:  # the NamedTuple base class below
                return super().__new__(mcls, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", {}))
            defaulted = [field for field in fields if field in namespace]
            if defaulted != list(fields[len(fields) - len(defaulted) :]):
                raise TypeError(f"{name}: a field without a default cannot follow one with a default")
            base = _record(
                name,
                namespace.get("__qualname__", name),
                fields,
                [namespace[field] for field in defaulted],
                namespace.get("__module__"),
            )
            body = {key: value for key, value in namespace.items() if key not in fields}
            if "__classcell__" in body:  # a method calls super(): it needs a class of its own
                body.setdefault("__slots__", ())
                return type(name, (base,), body)
            for key, value in body.items():  # as typing does: one class, not two (~50 us a record)
                if key not in ("__module__", "__slots__", "__qualname__"):
                    setattr(base, key, value)
            return base

    class NamedTuple(metaclass=_NamedTupleMeta):
        __slots__ = ()
