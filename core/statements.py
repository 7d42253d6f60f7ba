"""Querysets compiled to SQL once and run again with other values.

Building a queryset (its filters, Q trees and subqueries) and compiling it to SQL costs
Django several times what SQLite takes to run the statement: an uncached API detail runs
eight statements whose SQL never changes, only the values in it (the brief's id, the clock,
the ids of the pages its links name), and spent most of its time building them again.

``@prepared`` marks a function that builds a queryset from its keyword arguments. Called,
it returns the queryset's rows (model instances or ``values()`` dicts, through Django's own
iterables, so ``select_related``, annotations and converters work as usual), and it builds
and compiles the queryset only the first time for each *shape* of its arguments: which
arguments are None, each list's length, each bool's value (these change the SQL). Later
calls put the new values in place of the old ones in the parameters and run the same SQL.

What may vary: ints, strings, datetimes, UUIDs and lists or sets of them (a slot each element;
a tuple is a constant, like a bool or None, e.g. the names of the fields to read). The
function must read nothing else that changes between calls: the clock (pass ``now``), the
active locale (pass its id), the request. To make sure, the first call builds the queryset
twice with two different sets of stand-in values and compares the compiled statements:
they must have the same SQL, and their parameters must differ exactly where the stand-ins
are. A function that reads the clock itself, slices by an argument (LIMIT is written into
the SQL) or transforms a value (``icontains``) fails this check with ImproperlyConfigured
on its first call (the tests call every prepared function). The check cannot see a function
that branches on an argument's value (``if pk > 100``): it builds from stand-ins, so don't.
What a function reads from the content (the view restrictions) is covered by keeping the
compiled statements per content version (``core.versioned``): every publish compiles them
again, and while the cache does not answer, every call does (twice).
"""

import datetime
import functools
import uuid

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections

from .versioned import per_content_version

_SLOT_EPOCH = (
    datetime.datetime(1901, 1, 1, tzinfo=datetime.UTC),
    datetime.datetime(1903, 1, 1, tzinfo=datetime.UTC),
)


def _stand_in(value, number, variant):
    """A value of ``value``'s type that no real argument has, distinct per slot number
    and per variant (the two compilations)."""
    if isinstance(value, datetime.datetime):
        return _SLOT_EPOCH[variant] + datetime.timedelta(seconds=number)
    if isinstance(value, str):
        return f"\x1fslot-{variant}-{number}"
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=(variant << 64) + number + 1)
    return 2 ** (40 + variant) + number


def _slot_kind(value):
    return (
        isinstance(value, (int, str, datetime.datetime, uuid.UUID))
        and not isinstance(value, bool)
        and value is not None
    )


def _shape(values):
    """What of the arguments changes the SQL: names, types, Nones, bools, lengths."""
    shape = []
    for name in sorted(values):
        value = values[name]
        if isinstance(value, list):
            shape.append((name, "list", len(value), type(value[0]).__name__ if value else ""))
        elif _slot_kind(value):
            shape.append((name, type(value).__name__))
        else:
            shape.append((name, "const", value))
    return tuple(shape)


def _stand_ins(values, variant):
    """(arguments with stand-ins in place of every slot, [(stand-in, name, index)])."""
    arguments, slots = {}, []
    for name in sorted(values):
        value = values[name]
        if isinstance(value, list):
            items = []
            for index, item in enumerate(value):
                if not _slot_kind(item):
                    raise ImproperlyConfigured(
                        f"A prepared statement's argument {name!r} holds {item!r}: only ints, "
                        "strings, datetimes and UUIDs can be slots."
                    )
                items.append(_stand_in(item, len(slots), variant))
                slots.append((items[-1], name, index))
            arguments[name] = items
        elif _slot_kind(value):
            arguments[name] = _stand_in(value, len(slots), variant)
            slots.append((arguments[name], name, None))
        else:
            arguments[name] = value
    return arguments, slots


def _as_is(connection, value):
    return value


def _datetime(connection, value):
    return connection.ops.adapt_datetimefield_value(value)


def _uuid(connection, value):
    # (as UUIDField.get_db_prep_value)
    return value if connection.features.has_native_uuid_field else value.hex


_ADAPTERS = {datetime.datetime: (_as_is, _datetime), uuid.UUID: (_as_is, _uuid)}


def _compiled(queryset):
    compiler = queryset.query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return compiler, None, ()
    return compiler, sql, tuple(params)


class Statement:
    """One compiled queryset: its SQL, its constant parameters and where the slots go."""

    def __init__(self, build, values):
        first, slots = _stand_ins(values, 0)
        second, other_slots = _stand_ins(values, 1)
        self.queryset = build(**first)
        self.compiler, self.sql, params = _compiled(self.queryset)
        _, other_sql, other_params = _compiled(build(**second))
        name = getattr(build, "__qualname__", build)
        if self.sql != other_sql or len(params) != len(other_params):
            raise ImproperlyConfigured(
                f"{name} builds different SQL for different values of its arguments "
                "(a value written into the SQL, such as a slice): it cannot be prepared."
            )
        connection = self.compiler.connection
        expected = {}  # (first compilation's parameter, second's): where the slot goes
        for (one, slot_name, index), (two, *_same) in zip(slots, other_slots, strict=True):
            for adapt in _ADAPTERS.get(type(one), (_as_is,)):
                expected[(adapt(connection, one), adapt(connection, two))] = (
                    slot_name,
                    index,
                    adapt,
                )
        self.params = list(params)
        self.slots = []  # (parameter position, argument name, item index, adapt)
        for position, pair in enumerate(zip(params, other_params, strict=True)):
            if pair[0] == pair[1]:
                continue
            try:
                found = expected.get(pair)
            except TypeError:  # (an unhashable parameter: not one of the stand-ins)
                found = None
            if found is None:
                raise ImproperlyConfigured(
                    f"{name} reads something besides its arguments (parameter {position}: "
                    f"{pair[0]!r}, then {pair[1]!r}), such as the clock: pass it as an "
                    "argument."
                )
            self.slots.append((position, *found))
        self.query = self.queryset.query

    def rows(self, values):
        """The rows of the statement with ``values`` in its slots."""
        if self.sql is None:  # (e.g. ``pk__in=[]``: Django runs nothing)
            return []
        connection = connections[self.queryset.db]
        params = list(self.params)
        for position, name, index, adapt in self.slots:
            value = values[name] if index is None else values[name][index]
            params[position] = adapt(connection, value)
        sql = self.sql
        compiler = object.__new__(type(self.compiler))
        compiler.__dict__.update(self.compiler.__dict__)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        query = object.__new__(type(self.query))
        query.__dict__.update(self.query.__dict__)
        query.get_compiler = lambda *args, **kwargs: compiler
        queryset = object.__new__(type(self.queryset))
        queryset.__dict__.update(self.queryset.__dict__)
        queryset._query = query  # (the ``query`` setter would reset a values_list's rows to dicts)
        queryset._result_cache = None
        queryset._prefetch_done = False
        return list(queryset)


@per_content_version
def _statement(build, shape, values):
    return Statement(build, values.value)


def prepared(build):
    """Decorator: ``build(**values)`` returns a queryset; the decorated function returns its
    rows as a list, compiling the queryset once per shape of ``values`` and content version
    (see the module's docstring). Call it with keyword arguments only."""

    @functools.wraps(build)
    def rows(**values):
        values = {
            name: list(value) if isinstance(value, (set, frozenset)) else value
            for name, value in values.items()
        }
        # The first values of a shape go along only to make its stand-ins (of their types).
        statement = _statement(build, _shape(values), _Unkeyed(values))
        return statement.rows(values)

    rows.build = build
    return rows


class _Unkeyed:
    """A value passed along with a cache key without being part of it."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __hash__(self):
        return 0

    def __eq__(self, other):
        return isinstance(other, _Unkeyed)
