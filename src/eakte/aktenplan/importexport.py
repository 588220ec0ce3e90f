"""Import and export of the Aktenplan as CSV or XLSX: how the Registratur maintains the plan.

One row per Aktenplaneinheit, columns ``COLUMNS``. An import validates every row first and
either applies all of them or nothing: any error raises ``InvalidInput`` with the per-line
errors in ``error.errors`` (``[{"line": 3, "message": "..."}]``, line 1 is the header).

- Units are matched by Kennzeichen; new ones get the id ``01-02`` for ``01.02``, under the unit
  of the parent Kennzeichen (or the Aktenplan for a top-level Kennzeichen).
- Parents are created before their children, whatever the order of the rows.
- A column missing from the file leaves that field of existing units as it is; an empty cell
  clears it (an empty ``aktiv`` cell means aktiv).
- Importing the same file again changes nothing; an exported file re-imports as "unchanged".
"""

from datetime import date
from eakte import _
from eakte.aktenplan.constraints import check_may_hold
from eakte.aktenplan.constraints import UNIT
from eakte.aktenplan.content import DAUERND
from eakte.aktenplan.content import KENNZEICHEN
from eakte.aktenplan.content import parent_kennzeichen
from eakte.exceptions import EakteError
from eakte.exceptions import InvalidInput
from eakte.permissions import ManageAktenplan
from plone import api
from plone.dexterity.utils import createContentInContainer
from zExceptions import Unauthorized
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent

import csv
import io
import os


COLUMNS = ["Kennzeichen", "Titel", "Beschreibung", "Aufbewahrungsfrist", "Aussonderungsart", "aktiv"]
REQUIRED_COLUMNS = ["Kennzeichen", "Titel"]
LINE = "_line"  # key of the line number in the rows that read_rows returns

ACTIVE, INACTIVE = "aktiv", "inaktiv"
ACTIVATE, DEACTIVATE = "aktivieren", "deaktivieren"
AUSSONDERUNGSARTEN = ("A", "B", "V")
TRUE_VALUES = ("ja", "1", "true")
FALSE_VALUES = ("nein", "0", "false")
MAX_FRIST = 200

CSV_MIMETYPE = "text/csv"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MAGIC = b"PK\x03\x04"


# --- helpers ---------------------------------------------------------------------------


def translated(message) -> str:
    """An i18n message in the language of the current request (German without a request)."""
    request = getRequest()
    if request is None:
        return translate(message, target_language="de")
    return translate(message, context=request)


def natural_key(kennzeichen: str) -> tuple:
    """01.9 before 01.10; "1" and "01" side by side."""
    parts = (kennzeichen or "").split(".")
    return (tuple(int(p) if p.isdigit() else -1 for p in parts), kennzeichen or "")


def unit_id(kennzeichen: str) -> str:
    return kennzeichen.replace(".", "-")


def _text(value) -> str:
    """A cell as text: spreadsheets hand over numbers and booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- reading -----------------------------------------------------------------------------


def _rows_from_table(table) -> list[dict]:
    """table: iterable of (line number, list of cell values); the first non-empty row is the header."""
    header, header_line, rows = None, None, []
    for line, cells in table:
        cells = [_text(cell) for cell in cells]
        if not any(cells):
            continue
        if header is None:
            header, header_line = cells, line
            continue
        row = {LINE: line}
        for index, name in enumerate(header):
            if name:
                row[name] = cells[index] if index < len(cells) else ""
        rows.append(row)
    if header is None:
        raise InvalidInput(_("error_import_empty", default="Die Datei ist leer."))
    canonical = {column.lower(): column for column in COLUMNS}
    names = {}
    for name in header:
        key = name.lstrip("\ufeff").strip().lower()
        if key in canonical:
            names[name] = canonical[key]
    missing = [column for column in REQUIRED_COLUMNS if column not in names.values()]
    if missing:
        error = InvalidInput(
            _("error_import_header", default="In der Kopfzeile fehlen die Spalten ${columns}. Erwartet werden: ${expected}.",
              mapping={"columns": ", ".join(missing), "expected": "; ".join(COLUMNS)})
        )
        error.errors = [{"line": header_line, "message": translated(error.message)}]
        raise error
    return [{names.get(key, key): value for key, value in row.items() if key == LINE or key in names} for row in rows]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):  # Excel's "CSV" in Germany is Windows-1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput(
        _("error_import_encoding", default="Die CSV-Datei kann nicht gelesen werden: bitte als UTF-8 speichern.")
    )


def _read_csv(data: bytes) -> list[dict]:
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def table():
        line = 1
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1

    return _rows_from_table(table())


def _read_xlsx(data: bytes) -> list[dict]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # a damaged or foreign file: openpyxl raises many kinds
        raise InvalidInput(_("error_import_xlsx", default="Die XLSX-Datei kann nicht gelesen werden."))
    sheet = workbook.worksheets[0]
    return _rows_from_table(enumerate(sheet.iter_rows(values_only=True), start=1))


def file_format(data: bytes, filename: str) -> str:
    """"csv" or "xlsx"; InvalidInput for anything else."""
    extension = os.path.splitext(filename or "")[1].lower().lstrip(".")
    if extension == "xlsx" or (not extension and data.startswith(ZIP_MAGIC)):
        return "xlsx"
    if extension in ("csv", "txt") and not data.startswith(ZIP_MAGIC):
        return "csv"
    raise InvalidInput(
        _("error_import_format", default="Das Dateiformat von »${filename}« wird nicht unterstützt: bitte eine CSV- oder XLSX-Datei hochladen.",
          mapping={"filename": filename or ""})
    )


def read_rows(data: bytes, filename: str) -> list[dict]:
    """The rows of a CSV (UTF-8, ';' or ',') or XLSX file (first sheet) as dicts by column name.

    Column names are matched case-insensitively; every row carries its line number in LINE.
    """
    if not data or not data.strip():
        raise InvalidInput(_("error_import_empty", default="Die Datei ist leer."))
    if file_format(data, filename) == "xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


# --- validating --------------------------------------------------------------------------


def existing_units(aktenplan) -> dict[str, list]:
    """Kennzeichen -> the Aktenplaneinheiten of the Aktenplan with it (normally one)."""
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(aktenplan.getPhysicalPath())
    units = {}
    for brain in catalog.unrestrictedSearchResults(portal_type=UNIT, path={"query": path}):
        unit = brain._unrestrictedGetObject()
        units.setdefault(unit.kennzeichen, []).append(unit)
    return units


def _parse_frist(value: str):
    value = value.strip()
    if not value:
        return None
    if value.lower() == DAUERND:
        return DAUERND
    if value.isdigit() and int(value) <= MAX_FRIST:
        return str(int(value))
    raise ValueError(value)


def _parse_aktiv(value: str) -> bool:
    value = value.strip().lower()
    if not value or value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ValueError(value)


def _parse_row(row: dict, errors: list) -> dict | None:
    """The row's values in the form the units keep them; None (and errors) if invalid."""
    line = row[LINE]
    found = []
    kennzeichen = _text(row.get("Kennzeichen"))
    if not kennzeichen:
        found.append(_("error_import_kennzeichen_missing", default="Das Kennzeichen fehlt."))
    elif not KENNZEICHEN.match(kennzeichen):
        found.append(
            _("error_import_kennzeichen", default="Das Kennzeichen »${kz}« ist ungültig: Ziffern, Ebenen durch Punkte getrennt (z. B. 01.02).",
              mapping={"kz": kennzeichen})
        )
    values = {"line": line, "kennzeichen": kennzeichen, "title": _text(row.get("Titel"))}
    if not values["title"]:
        found.append(_("error_import_titel", default="Der Titel fehlt."))
    if "Beschreibung" in row:
        values["description"] = _text(row["Beschreibung"])
    if "Aufbewahrungsfrist" in row:
        try:
            values["aufbewahrungsfrist"] = _parse_frist(_text(row["Aufbewahrungsfrist"]))
        except ValueError:
            found.append(
                _("error_import_frist", default="Die Aufbewahrungsfrist »${value}« ist ungültig: eine Zahl von Jahren (0 bis 200) oder »dauernd«.",
                  mapping={"value": _text(row["Aufbewahrungsfrist"])})
            )
    if "Aussonderungsart" in row:
        art = _text(row["Aussonderungsart"]).upper()
        if art and art not in AUSSONDERUNGSARTEN:
            found.append(
                _("error_import_aussonderungsart", default="Die Aussonderungsart »${value}« ist ungültig: A (archivwürdig), B (bewerten) oder V (vernichten).",
                  mapping={"value": _text(row["Aussonderungsart"])})
            )
        values["aussonderungsart"] = art or None
    if "aktiv" in row:
        try:
            values["aktiv"] = _parse_aktiv(_text(row["aktiv"]))
        except ValueError:
            found.append(
                _("error_import_aktiv", default="Der Wert »${value}« in der Spalte »aktiv« ist ungültig: ja oder nein (auch 1/0, true/false).",
                  mapping={"value": _text(row["aktiv"])})
            )
    errors.extend((line, message) for message in found)
    return None if found else values


def _check_plan(entries: list[dict], named: dict, units: dict[str, list], errors: list) -> None:
    """Rules across rows: parents exist, a Kennzeichen is unambiguous, a unit holds units or
    Akten. named: Kennzeichen -> line of every row (also of rows with other errors: a parent
    there is not "missing")."""
    for entry in entries:
        kennzeichen, line = entry["kennzeichen"], entry["line"]
        if len(units.get(kennzeichen, ())) > 1:
            errors.append((line, _("error_import_ambiguous", default="Das Kennzeichen ${kz} ist im Aktenplan mehrfach vergeben; bitte zuerst bereinigen.",
                                   mapping={"kz": kennzeichen})))
            continue
        parent = parent_kennzeichen(kennzeichen)
        if parent is None or parent in named:
            continue
        parents = units.get(parent, ())
        if not parents:
            errors.append((line, _("error_import_parent_missing", default="Die übergeordnete Aktenplaneinheit ${parent} fehlt: sie steht weder in der Datei noch im Aktenplan.",
                                   mapping={"parent": parent})))
        elif len(parents) > 1:
            errors.append((line, _("error_import_ambiguous", default="Das Kennzeichen ${kz} ist im Aktenplan mehrfach vergeben; bitte zuerst bereinigen.",
                                   mapping={"kz": parent})))
        elif kennzeichen not in units:
            try:
                check_may_hold(parents[0], UNIT)
            except EakteError as refused:  # the transaction is doomed: this import fails anyway
                errors.append((line, refused.message))


def _fail(errors: list):
    lines = len({line for line, message in errors})
    if lines == 1:
        message = _("error_import_failed_one", default="Der Aktenplan wurde nicht importiert: 1 Zeile ist fehlerhaft. Es wurde nichts geändert.")
    else:
        message = _("error_import_failed", default="Der Aktenplan wurde nicht importiert: ${count} Zeilen sind fehlerhaft. Es wurde nichts geändert.",
                    mapping={"count": lines})
    error = InvalidInput(message)
    error.errors = [{"line": line, "message": translated(text)} for line, text in sorted(errors, key=lambda e: e[0])]
    raise error


# --- applying ----------------------------------------------------------------------------


FIELDS = ("title", "description", "aufbewahrungsfrist", "aussonderungsart")


def _is_active(unit) -> bool:
    return api.content.get_state(unit, default=ACTIVE) != INACTIVE


def _set_active(unit, active: bool) -> bool:
    if _is_active(unit) == active:
        return False
    with api.env.adopt_roles(["Manager"]):  # the caller holds "Manage Aktenplan" on the plan
        api.content.transition(obj=unit, transition=ACTIVATE if active else DEACTIVATE)
    return True


def _normalized(field: str, value):
    """How a field is kept: title and description as text, the others None when empty; a
    Aufbewahrungsfrist of "06" typed in the edit form is the same as "6"."""
    if field in ("title", "description"):
        return value or ""
    if field == "aufbewahrungsfrist" and value and value.isdigit():
        return str(int(value))
    return value or None


def _update(unit, entry: dict) -> bool:
    changed = False
    for field in FIELDS:
        if field not in entry:
            continue
        new = _normalized(field, entry[field])
        if _normalized(field, getattr(unit, field, None)) != new:
            setattr(unit, field, new)
            changed = True
    if changed:
        notify(ObjectModifiedEvent(unit))
        unit.reindexObject()
    if "aktiv" in entry and _set_active(unit, entry["aktiv"]):
        changed = True
    return changed


def _create(container, entry: dict):
    unit = createContentInContainer(
        container,
        UNIT,
        checkConstraints=False,  # also below an inactive parent; permission checked by import_rows
        id=unit_id(entry["kennzeichen"]),
        kennzeichen=entry["kennzeichen"],
        title=entry["title"],
        description=entry.get("description") or "",
        aufbewahrungsfrist=entry.get("aufbewahrungsfrist"),
        aussonderungsart=entry.get("aussonderungsart"),
    )
    if entry.get("aktiv") is False:
        _set_active(unit, False)
    return unit


def import_rows(aktenplan, rows: list[dict]) -> dict:
    """Validate all rows, then create or update the Aktenplaneinheiten (or change nothing).

    Rows are dicts by column name (as read_rows returns them; LINE is optional). Returns
    {"created": n, "updated": n, "unchanged": n, "errors": []}; raises InvalidInput with
    ``errors`` (per line) if any row is wrong.
    """
    if not api.user.has_permission(ManageAktenplan, obj=aktenplan):
        raise Unauthorized("Manage Aktenplan")
    if not rows:
        raise InvalidInput(_("error_import_no_rows", default="Die Datei enthält keine Aktenplaneinheiten."))
    errors, entries, named = [], [], {}
    for index, row in enumerate(rows):
        row = {LINE: index + 2, **row}
        entry = _parse_row(row, errors)
        kennzeichen = _text(row.get("Kennzeichen"))
        if kennzeichen and kennzeichen in named:
            errors.append((row[LINE], _("error_import_duplicate", default="Das Kennzeichen ${kz} steht bereits in Zeile ${line}.",
                                        mapping={"kz": kennzeichen, "line": named[kennzeichen]})))
        elif entry is not None:
            entries.append(entry)
        if kennzeichen:
            named.setdefault(kennzeichen, row[LINE])
    units = existing_units(aktenplan)
    _check_plan(entries, named, units, errors)
    if errors:
        _fail(errors)

    report = {"created": 0, "updated": 0, "unchanged": 0, "errors": []}
    by_kennzeichen = {kz: found[0] for kz, found in units.items()}
    for entry in sorted(entries, key=lambda e: (e["kennzeichen"].count("."), natural_key(e["kennzeichen"]))):
        kennzeichen = entry["kennzeichen"]
        unit = by_kennzeichen.get(kennzeichen)
        if unit is None:
            parent = parent_kennzeichen(kennzeichen)
            container = aktenplan if parent is None else by_kennzeichen[parent]
            by_kennzeichen[kennzeichen] = _create(container, entry)
            report["created"] += 1
        elif _update(unit, entry):
            report["updated"] += 1
        else:
            report["unchanged"] += 1
    return report


def import_file(aktenplan, data: bytes, filename: str) -> dict:
    """Import a CSV or XLSX file into the Aktenplan (see import_rows)."""
    return import_rows(aktenplan, read_rows(data, filename))


# --- exporting ---------------------------------------------------------------------------


def export_rows(aktenplan) -> list[dict]:
    """All Aktenplaneinheiten, one dict by column name each, ordered by Kennzeichen."""
    units = [unit for found in existing_units(aktenplan).values() for unit in found]
    units.sort(key=lambda unit: natural_key(unit.kennzeichen))
    return [
        {
            "Kennzeichen": unit.kennzeichen,
            "Titel": unit.title or "",
            "Beschreibung": unit.description or "",
            "Aufbewahrungsfrist": getattr(unit, "aufbewahrungsfrist", None) or "",
            "Aussonderungsart": getattr(unit, "aussonderungsart", None) or "",
            "aktiv": "ja" if _is_active(unit) else "nein",
        }
        for unit in units
    ]


def export_csv(aktenplan) -> bytes:
    """UTF-8 with BOM and ';' as delimiter: opens as a table in a German Excel."""
    stream = io.StringIO(newline="")
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows(export_rows(aktenplan))
    return stream.getvalue().encode("utf-8-sig")


def export_xlsx(aktenplan) -> bytes:
    """One sheet "Aktenplan"; every cell is text, so that Kennzeichen such as 01.10 stay as they are."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Aktenplan"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export_rows(aktenplan):
        sheet.append([row[column] for column in COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"
    for letter, width in zip("ABCDEF", (14, 48, 48, 20, 18, 8)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


EXPORTS = {"csv": (export_csv, CSV_MIMETYPE), "xlsx": (export_xlsx, XLSX_MIMETYPE)}


def export_file(aktenplan, format: str = "csv") -> tuple[bytes, str, str]:
    """(data, filename, mimetype) of the Aktenplan as "csv" or "xlsx"."""
    format = (format or "csv").lower()
    if format not in EXPORTS:
        raise InvalidInput(
            _("error_export_format", default="Unbekanntes Exportformat »${format}«: möglich sind csv und xlsx.",
              mapping={"format": format})
        )
    export, mimetype = EXPORTS[format]
    return export(aktenplan), f"aktenplan-{date.today().isoformat()}.{format}", mimetype
