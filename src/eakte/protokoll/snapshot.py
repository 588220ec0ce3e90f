"""Snapshots of an object's schema field values, and the difference between two of them.

Values are reduced to JSON (dates as ISO strings, rich text as its source). A file field is
recorded as {"filename", "size", "sha256"}, never its data. No catalog, no serialization
beyond the schema fields: this runs on every change.
"""

from datetime import date
from datetime import datetime
from datetime import time
from decimal import Decimal
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from zope.schema import getFieldsInOrder


def jsonable(value):
    """A JSON-compatible copy of value (the form in which the Protokoll stores it)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(item) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if hasattr(value, "ISO8601"):  # Zope DateTime
        return value.ISO8601()
    if hasattr(value, "raw") and hasattr(value, "mimeType"):  # RichTextValue
        return value.raw
    if hasattr(value, "getSize") and hasattr(value, "filename"):  # a NamedFile not from a file field
        return {"filename": value.filename, "size": value.getSize()}
    if hasattr(value, "__iter__"):
        return [jsonable(item) for item in value]
    return str(value)


def _is_file(value) -> bool:
    return hasattr(value, "getSize") and hasattr(value, "filename") and hasattr(value, "open")


def pending_new_version(obj) -> bool:
    """A Dokument whose current file is not hashed and versioned yet: the new version (with
    its SHA-256) is about to be recorded and logged as "neue_version"."""
    from eakte.dokument.content import IDokument
    from eakte.dokument.versions import file_changed

    return IDokument.providedBy(obj) and getattr(obj, "file", None) is not None and file_changed(obj)


def file_info(obj, value) -> dict | None:
    """filename, size and (when known without reading the file) sha256 of a file value."""
    if value is None:
        return None
    sha256 = None
    if value is getattr(obj, "file", None) and not pending_new_version(obj):
        sha256 = getattr(obj, "sha256", None)
    return {"filename": value.filename, "size": value.getSize(), "sha256": sha256}


def values(obj) -> dict:
    """{field name: JSON value} of every schema field (main schema and behaviors)."""
    if not IDexterityContent.providedBy(obj):
        return {}
    result = {}
    for schema in iterSchemata(obj):
        fields = getFieldsInOrder(schema)
        if not fields:
            continue
        adapted = schema(obj, None)
        if adapted is None:
            continue
        for name, field in fields:
            try:
                value = field.get(adapted)
            except AttributeError:
                value = getattr(field, "missing_value", None)
            result[name] = file_info(obj, value) if _is_file(value) else jsonable(value)
    return result


def diff(old: dict | None, new: dict, skip=()) -> dict:
    """{field: {"alt": old, "neu": new}} of every field whose value differs.

    Without an old snapshot (an object from before the Protokoll) the old values are unknown:
    every field with a value is then listed with {"neu": value} only.
    """
    changes = {}
    if old is None:
        return {
            name: {"neu": value}
            for name, value in new.items()
            if name not in skip and value not in (None, "", [], {})
        }
    for name in sorted(set(old) | set(new)):
        if name in skip:
            continue
        before, after = old.get(name), new.get(name)
        if before != after:
            changes[name] = {"alt": before, "neu": after}
    return changes
