"""The message catalogs are complete: every msgid of eakte.pot is translated in de and en.

Rebuild the catalog with scripts/i18n.sh after adding or changing a message, then fill in the
empty msgstr entries (German in de, English in en). These tests fail until that is done.
"""

from pathlib import Path
from zope.i18n import translate
from zope.i18nmessageid import Message

import ast
import pytest
import re


LOCALES = Path(__file__).resolve().parents[2] / "src" / "eakte" / "locales"
POT = LOCALES / "eakte.pot"
PO_FILES = {lang: LOCALES / lang / "LC_MESSAGES" / "eakte.po" for lang in ("de", "en")}

# ${name} of zope.i18n mappings; {name} and {name:04d} of the Aktenzeichen formats in the registry.
PLACEHOLDER = re.compile(r"\$\{\w+\}|\{\w+(?::[^}]*)?\}")


def parse_po(path: Path) -> dict:
    """msgid -> {"msgstr": str, "default": str | None}, from a .po/.pot file as i18ndude writes it
    (multi-line strings included; the header entry and obsolete "#~" entries are left out)."""
    entries = {}
    default = None
    current = None  # the entry being read
    field = None  # "msgid" or "msgstr": where continuation lines go

    def finish():
        if current is not None and current["msgid"]:
            entries[current["msgid"]] = {"msgstr": current["msgstr"], "default": current["default"]}

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#. Default: "):
            default = ast.literal_eval(line[len("#. Default: "):])
        elif line.startswith("msgid "):
            finish()
            current = {"msgid": ast.literal_eval(line[6:]), "msgstr": "", "default": default}
            field, default = "msgid", None
        elif line.startswith("msgstr ") and current is not None:
            current["msgstr"] = ast.literal_eval(line[7:])
            field = "msgstr"
        elif line.startswith('"') and current is not None and field:
            current[field] += ast.literal_eval(line)
        elif not line:
            field = None
    finish()
    return entries


def placeholders(text: str) -> set:
    return set(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def pot():
    entries = parse_po(POT)
    assert entries, f"{POT} has no messages: run scripts/i18n.sh"
    return entries


@pytest.mark.parametrize("lang", sorted(PO_FILES))
def test_every_message_is_translated(pot, lang):
    po = parse_po(PO_FILES[lang])
    missing = sorted(msgid for msgid in pot if msgid not in po)
    empty = sorted(msgid for msgid in pot if msgid in po and not po[msgid]["msgstr"].strip())
    assert not missing, f"{lang}: msgids of eakte.pot missing (run scripts/i18n.sh): {missing}"
    assert not empty, f"{lang}: msgids without translation: {empty}"


@pytest.mark.parametrize("lang", sorted(PO_FILES))
def test_translations_keep_placeholders(pot, lang):
    po = parse_po(PO_FILES[lang])
    wrong = []
    for msgid, entry in pot.items():
        if msgid not in po:
            continue
        source = entry["default"] if entry["default"] is not None else msgid
        expected, found = placeholders(source), placeholders(po[msgid]["msgstr"])
        if expected != found:
            wrong.append(f"{msgid}: {sorted(expected)} != {sorted(found)}")
    assert not wrong, f"{lang}: placeholders dropped or renamed:\n" + "\n".join(wrong)


def test_german_translations_are_the_defaults(pot):
    """The German catalog says what the code says: msgstr == the German default of the message."""
    po = parse_po(PO_FILES["de"])
    differing = [
        f"{msgid}: {po[msgid]['msgstr']!r} != default {entry['default']!r}"
        for msgid, entry in pot.items()
        if entry["default"] is not None and msgid in po and po[msgid]["msgstr"] != entry["default"]
    ]
    assert not differing, "de: translations differ from the defaults in code:\n" + "\n".join(differing)


def test_catalogs_translate(portal):
    """The compiled catalogs are registered: a message comes out in German and in English."""
    message = Message("reason_reopen_comment", domain="eakte")
    assert translate(message, target_language="en") == "Reopening requires a reason."
    assert (
        translate(message, target_language="de")
        == "Für das Wiedereröffnen ist eine Begründung erforderlich."
    )
    vorgang_open = Message(
        "reason_vorgang_open", domain="eakte", mapping={"az": "01.02-0001.1", "title": "Antrag"}
    )
    assert translate(vorgang_open, target_language="en") == (
        "Vorgang 01.02-0001.1 “Antrag” is not closed yet."
    )
    # A type title given as text id (profiles/default/types) stays the German noun in English.
    assert translate(Message("Akte", domain="eakte"), target_language="en") == "Akte"
    assert translate(Message("Edit", domain="eakte"), target_language="de") == "Bearbeiten"
