"""``dataclass`` for modules on the start-up path: the same classes, made without ``exec``.

:func:`dataclasses.dataclass` writes each class's ``__init__``, ``__repr__``
and ``__eq__`` as source text and compiles it when the module is imported:
about half a millisecond a class, so a dozen model classes cost more start-up
time than loading a treaty set from the cache. This :func:`dataclass` lets
the standard decorator collect the fields (so :func:`dataclasses.fields`,
:func:`dataclasses.replace` and :func:`dataclasses.asdict` work as usual) and
adds generic methods that behave the same: keyword or positional arguments,
defaults and default factories, ``__post_init__``, a ``Name(field=value)``
repr, equality by fields within one class, and for ``frozen=True`` no
assignment and a hash of the fields (otherwise, as with eq, no hash).

Type checkers see :func:`dataclasses.dataclass` itself::

    if TYPE_CHECKING:
        from dataclasses import dataclass
    else:
        from .fastclass import dataclass
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(field_specifiers=(dataclasses.field,))
def dataclass(cls: type[T] | None = None, /, *, frozen: bool = False) -> Any:
    """``@dataclass`` or ``@dataclass(frozen=True)``; see the module docstring."""

    def wrap(target: type[T]) -> type[T]:
        undocumented = not target.__doc__
        if undocumented:  # else dataclass documents the class with inspect.signature: ~5 ms the first time
            target.__doc__ = target.__name__
        made = _complete(dataclasses.dataclass(init=False, repr=False, eq=False)(target), frozen)
        # (ignore: typeshed's dataclass() returns type[T], not a dataclass type, so fields() refuses it)
        if undocumented:
            made.__doc__ = f"{made.__name__}({', '.join(map(_describe, dataclasses.fields(made)))})"  # type: ignore[arg-type]
        return made

    return wrap if cls is None else wrap(cls)


def _complete(cls: type[T], frozen: bool) -> type[T]:
    # (ignore: ``cls`` is a dataclass by now, which type[T] cannot say)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    init_fields = [f for f in fields if f.init]
    later_fields = [f for f in fields if not f.init]
    names = tuple(f.name for f in init_fields)
    known = frozenset(names)
    shown = tuple(f.name for f in fields if f.repr)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    all_names = frozenset(f.name for f in fields)
    post_init = hasattr(cls, "__post_init__")
    name = cls.__name__
    missing = dataclasses.MISSING
    setter = object.__setattr__

    def default(field: dataclasses.Field[Any]) -> Any:
        if field.default is not missing:
            return field.default
        if field.default_factory is not missing:
            return field.default_factory()
        raise TypeError(f"{name}.__init__() missing 1 required positional argument: '{field.name}'")

    simple = not later_fields and "__slots__" not in cls.__dict__  # all fields given in order: set them at once
    calls = [0 if simple else -1]  # the calls so far; -1: no compiled __init__ for this class (see below)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if calls[0] >= 0:
            calls[0] += 1
            if calls[0] > COMPILE_AFTER:
                compiled = _compiled_init(cls, init_fields, post_init)
                if compiled is not None:
                    type.__setattr__(cls, "__init__", compiled)
                    compiled(self, *args, **kwargs)
                    return
                calls[0] = -1
        if simple and not kwargs and len(args) == len(names):  # the common call, Match(a, b, c): no checks to make
            self.__dict__.update(zip(names, args, strict=True))
            if post_init:
                self.__post_init__()
            return
        if len(args) > len(names):
            raise TypeError(
                f"{name}.__init__() takes {len(names) + 1} positional arguments but {len(args) + 1} were given"
            )
        for key in kwargs:
            if key not in known:
                raise TypeError(f"{name}.__init__() got an unexpected keyword argument '{key}'")
        for index, field in enumerate(init_fields):
            if index < len(args):
                if field.name in kwargs:
                    raise TypeError(f"{name}.__init__() got multiple values for argument '{field.name}'")
                value = args[index]
            elif field.name in kwargs:
                value = kwargs[field.name]
            else:
                value = default(field)
            setter(self, field.name, value)
        for field in later_fields:
            if field.default is not missing or field.default_factory is not missing:
                setter(self, field.name, default(field))
        if post_init:
            self.__post_init__()

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, n) for n in compared) == tuple(getattr(other, n) for n in compared)

    methods: dict[str, Callable[..., Any] | None] = {"__init__": __init__, "__repr__": __repr__, "__eq__": __eq__}
    if frozen:

        def __setattr__(self: Any, attr: str, value: Any) -> None:
            if type(self) is cls or attr in all_names:
                raise dataclasses.FrozenInstanceError(f"cannot assign to field {attr!r}")
            setter(self, attr, value)

        def __delattr__(self: Any, attr: str) -> None:
            if type(self) is cls or attr in all_names:
                raise dataclasses.FrozenInstanceError(f"cannot delete field {attr!r}")
            object.__delattr__(self, attr)

        def __hash__(self: Any) -> int:
            return hash(tuple(getattr(self, n) for n in hashed))

        methods.update(__setattr__=__setattr__, __delattr__=__delattr__, __hash__=__hash__)
    elif "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
        methods["__hash__"] = None  # equality by value and mutable: not hashable, as with dataclasses
    for attr, method in methods.items():
        if attr in ("__repr__", "__eq__") and attr in cls.__dict__:
            continue  # the class wrote its own
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{attr}"
        setattr(cls, attr, method)
    return cls


COMPILE_AFTER = 256
"""Objects a class makes with the general ``__init__`` before its own is compiled.

A command that makes a few objects compiles nothing (start-up time); extracting the statements of
80,000 units makes hundreds of thousands: the general way takes 1.1 us for a call with every field
in order and about 4 us with keywords or defaults, a compiled one 0.5 and 1.3."""


def _compiled_init(cls: type[Any], fields: list[dataclasses.Field[Any]], post_init: bool) -> Any:
    """An ``__init__`` of the class's own parameters, as :mod:`dataclasses` writes one, for a class whose fields
    are all set by ``__init__`` and kept in ``__dict__``; None when its fields do not allow one (a field
    without a default after one with a default, keyword-only fields, names that are not identifiers).

    Python binds the arguments (and refuses wrong calls with its own ``TypeError``); the body sets every
    field at once, in field order, as the common call does.
    """
    import keyword

    missing = dataclasses.MISSING
    namespace: dict[str, Any] = {"__fastclass_missing__": missing}
    parameters: list[str] = []
    values: list[str] = []
    seen_default = False
    for index, field in enumerate(fields):
        name = field.name
        if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("__fastclass_") or field.kw_only:
            return None
        if field.default is not missing:
            namespace[f"__fastclass_default_{index}__"] = field.default
            parameters.append(f"{name}=__fastclass_default_{index}__")
            values.append(name)
            seen_default = True
        elif field.default_factory is not missing:
            namespace[f"__fastclass_factory_{index}__"] = field.default_factory
            parameters.append(f"{name}=__fastclass_missing__")
            values.append(f"__fastclass_factory_{index}__() if {name} is __fastclass_missing__ else {name}")
            seen_default = True
        elif seen_default:
            return None
        else:
            parameters.append(name)
            values.append(name)
    body = ", ".join(f"{field.name!r}: {value}" for field, value in zip(fields, values, strict=True))
    source = (
        f"def __init__(__fastclass_self__, {', '.join(parameters)}):\n"
        f"    __fastclass_self__.__dict__.update({{{body}}})\n"
        + ("    __fastclass_self__.__post_init__()\n" if post_init else "")
    )
    exec(source, namespace)  # noqa: S102 - source made above from identifiers and names of this module's own
    made: Any = namespace["__init__"]
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    made.__module__ = cls.__module__
    return made


def _describe(field: dataclasses.Field[Any]) -> str:
    """``name: type = default``, as :func:`inspect.signature` writes a parameter."""
    text = f"{field.name}: {field.type if isinstance(field.type, str) else getattr(field.type, '__name__', field.type)}"
    if field.default is not dataclasses.MISSING:
        return f"{text} = {field.default!r}"
    if field.default_factory is not dataclasses.MISSING:
        return f"{text} = <factory>"
    return text
