"""Immutable records: tuples with named fields, like ``typing.NamedTuple``, cheap to define.

brief defines some thirty record classes, and a command imports most of them before it answers.
``typing.NamedTuple`` builds each class from generated source (``collections.namedtuple``'s
``eval``) and compiles every string annotation into a ``ForwardRef``: 80–250 µs per class,
about 5 ms of every run; dataclasses cost more. A :class:`Record` class takes about 14 µs: its
fields are the names of its annotations (never evaluated), its defaults the class attributes
of those names, each field a property over a tuple item, and the methods are shared. Type
checkers see a frozen dataclass (``dataclass_transform``).

As with named tuples, a record is a tuple of its values: it compares, hashes and sorts as one,
and cannot be changed; ``_replace`` returns a copy with some fields changed, ``_fields`` names
the fields in order. As with named tuples, a record class cannot add fields to another's.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar, dataclass_transform

if TYPE_CHECKING:
    from typing import Self


@dataclass_transform(frozen_default=True)
class RecordType(type):
    """The metaclass: turns a class body's annotations into fields and its values into defaults."""

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any
    ) -> RecordType:
        if any(getattr(base, "_fields", ()) for base in bases):
            raise TypeError(f"{name}: a record cannot extend another record's fields")
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
        for index, field in enumerate(fields):
            namespace[field] = property(itemgetter(index), doc=f"Field {index} of {name}.")
        namespace["__slots__"] = ()
        namespace["_fields"] = fields
        namespace["_defaults"] = defaults
        return super().__new__(mcs, name, bases, namespace, **kwargs)


class Record(tuple[Any, ...], metaclass=RecordType):
    """Base class of brief's records: declare fields as annotations, defaults as values."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    _defaults: ClassVar[dict[str, Any]]

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        fields = cls._fields
        if not kwargs and len(args) == len(fields):
            return tuple.__new__(cls, args)
        if len(args) + len(kwargs) == len(fields):
            # Every field given (the usual case), some by name; else the general path says why.
            try:
                named = tuple(map(kwargs.__getitem__, fields[len(args) :]))
            except KeyError:
                pass
            else:
                return tuple.__new__(cls, args + named)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__} takes {len(fields)} values, got {len(args)}")
        values = list(args)
        for field in fields[len(args) :]:
            if field in kwargs:
                values.append(kwargs.pop(field))
            elif field in cls._defaults:
                values.append(cls._defaults[field])
            else:
                raise TypeError(f"{cls.__name__} needs a value for {field!r}")
        if kwargs:
            raise TypeError(f"{cls.__name__} got unexpected or repeated {sorted(kwargs)}")
        return tuple.__new__(cls, values)

    def _replace(self, **changes: Any) -> Self:
        """A copy with the fields named in ``changes`` set to new values."""
        unknown = changes.keys() - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)}")
        return type(self)(
            *(changes.get(f, value) for f, value in zip(self._fields, self, strict=True))
        )

    def __getnewargs__(self) -> tuple[Any, ...]:
        # copy and pickle rebuild a record from its values, as they do a named tuple.
        return tuple(self)

    def __repr__(self) -> str:
        values = ", ".join(f"{f}={value!r}" for f, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({values})"
