"""Immutable records: brief's frozen-dataclass-like classes, cheap enough to define on every run.

brief defines some thirty record classes, and a command imports most of them before it answers.
``dataclasses`` and ``typing.NamedTuple`` build each class's methods from generated source, and
``NamedTuple`` compiles every string annotation into a ``ForwardRef``: 80–250 µs per class,
about 5 ms of every run. A :class:`Record` class takes about 10 µs: its fields are the names
of its annotations (never evaluated), its defaults the class attributes of those names, and the
methods are shared. Type checkers see a frozen dataclass (``dataclass_transform``).

Records compare equal field by field when their classes match, hash like the tuple of their
values, print like a named tuple, and refuse attribute assignment; ``_replace`` returns a copy
with some fields changed. They are not tuples: they cannot be unpacked, indexed or ordered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, dataclass_transform

if TYPE_CHECKING:
    from typing import Self


@dataclass_transform(frozen_default=True)
class RecordType(type):
    """The metaclass: turns a class body's annotations into slots and its defaults into a dict."""

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any
    ) -> RecordType:
        annotations = namespace.get("__annotations__", {})
        fields = tuple(
            field
            for field, annotation in annotations.items()
            if not str(annotation).startswith(("ClassVar", "typing.ClassVar"))
        )
        defaults = {field: namespace.pop(field) for field in fields if field in namespace}
        for field in fields[len(fields) - len(defaults) :]:
            if field not in defaults:
                raise TypeError(f"{name}: {field!r} has no default but follows a field that has")
        namespace["__slots__"] = fields
        namespace["_fields"] = fields
        namespace["_defaults"] = defaults
        return super().__new__(mcs, name, bases, namespace, **kwargs)


class Record(metaclass=RecordType):
    """Base class of brief's records: declare fields as annotations, defaults as values."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    _defaults: ClassVar[dict[str, Any]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} values, got {len(args)}")
        assign = object.__setattr__
        for field, value in zip(fields, args, strict=False):
            assign(self, field, value)
        for field in fields[len(args) :]:
            if field in kwargs:
                assign(self, field, kwargs.pop(field))
            elif field in self._defaults:
                assign(self, field, self._defaults[field])
            else:
                raise TypeError(f"{type(self).__name__} needs a value for {field!r}")
        if kwargs:
            raise TypeError(f"{type(self).__name__} got unexpected or repeated {sorted(kwargs)}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field) for field in self._fields)

    def _replace(self, **changes: Any) -> Self:
        """A copy with the fields named in ``changes`` set to new values."""
        unknown = changes.keys() - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)}")
        return type(self)(*(changes.get(f, getattr(self, f)) for f in self._fields))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        values = ", ".join(f"{field}={getattr(self, field)!r}" for field in self._fields)
        return f"{type(self).__name__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")
