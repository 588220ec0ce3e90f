"""@@protokoll: the Protokoll of an object as a German table (Zeit, Wer, Aktion, Einzelheiten),
filterable by action and date, with a line saying whether the hash chain verifies."""

from datetime import date
from datetime import datetime
from eakte import _
from eakte import lifecycle
from eakte import protokoll
from plone.batching import Batch
from Products.Five import BrowserView
from zope.component import queryUtility
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IVocabularyFactory

import json


BATCH_SIZE = 50

DETAIL_LABELS = {
    "portal_type": _("protokoll_detail_portal_type", default="Art"),
    "aktenzeichen": _("protokoll_detail_aktenzeichen", default="Aktenzeichen"),
    "title": _("protokoll_detail_title", default="Titel"),
    "pfad": _("protokoll_detail_pfad", default="Pfad"),
    "mit": _("protokoll_detail_mit", default="Verschoben mit"),
    "transition": _("protokoll_detail_transition", default="Schritt"),
    "von": _("protokoll_detail_von", default="Status vorher"),
    "nach": _("protokoll_detail_nach", default="Status nachher"),
    "kommentar": _("protokoll_detail_kommentar", default="Kommentar"),
    "sha256": _("protokoll_detail_sha256", default="SHA-256"),
    "filename": _("protokoll_detail_filename", default="Dateiname"),
    "size": _("protokoll_detail_size", default="Größe in Bytes"),
    "aktion": _("protokoll_detail_aktion", default="Aktion"),
    "inhaber": _("protokoll_detail_inhaber", default="Ausgecheckt von"),
    "principal": _("protokoll_detail_principal", default="Benutzer oder Gruppe"),
    "rollen": _("protokoll_detail_rollen", default="Rollen"),
    "grund": _("protokoll_detail_grund", default="Grund"),
    "erteilt": _("protokoll_detail_erteilt", default="Erteilt"),
    "amt": _("protokoll_detail_amt", default="Amt"),
    "stufe": _("protokoll_detail_stufe", default="Stufe"),
    "vorher": _("protokoll_detail_vorher", default="Vorher"),
    "nummer": _("protokoll_detail_nummer", default="Amtsnummer"),
    "name": _("protokoll_detail_name", default="Name"),
    "kurzname": _("protokoll_detail_kurzname", default="Kurzname"),
    "kennzeichen": _("protokoll_detail_kennzeichen", default="Kennzeichen"),
    "kennzeichen_hinzugefuegt": _("protokoll_detail_kennzeichen_hinzugefuegt", default="Neu geführte Kennzeichen"),
    "ansicht": _("protokoll_detail_ansicht", default="Ansicht"),
    "url": _("protokoll_detail_url", default="Adresse"),
    # users and groups (site Protokoll)
    "gruppe": _("protokoll_detail_gruppe", default="Gruppe"),
    "rolle": _("protokoll_detail_rolle", default="Rolle"),
    "eigenschaften": _("protokoll_detail_eigenschaften", default="Geänderte Angaben"),
    "login": _("protokoll_detail_login", default="Anmeldename"),
    # Notfallzugriff
    "benutzer": _("protokoll_detail_benutzer", default="Benutzer"),
    "bis": _("protokoll_detail_bis", default="Befristet bis"),
    "benachrichtigt": _("protokoll_detail_benachrichtigt", default="Benachrichtigt"),
}

CHECKOUT_ACTIONS = {
    "checkout": _("protokoll_checkout_checkout", default="ausgecheckt"),
    "checkin": _("protokoll_checkout_checkin", default="eingecheckt"),
    "cancel": _("protokoll_checkout_cancel", default="Auschecken aufgehoben"),
    "force": _("protokoll_checkout_force", default="zwangsweise eingecheckt"),
}

YES = _("protokoll_yes", default="ja")
NO = _("protokoll_no", default="nein")
ROLES_GRANTED = _("protokoll_rollen_erteilt", default="${rollen} erteilt an ${principal}")
ROLES_REVOKED = _("protokoll_rollen_entzogen", default="${rollen} entzogen: ${principal}")

# The order in which details are shown (entries store them sorted by key).
KEY_ORDER = ("portal_type", "aktenzeichen", "title", "transition", "von", "nach", "kommentar", "felder",
             "aktion", "inhaber", "principal", "rollen", "erteilt", "grund", "pfad", "mit",
             "filename", "size", "sha256")


class ProtokollView(BrowserView):
    """Newest entries first, 50 per page."""

    def __call__(self):
        self.error = None
        form = self.request.form
        self.action = form.get("action") or ""
        self.since = form.get("since") or ""
        self.until = form.get("until") or ""
        if self.action not in protokoll.ACTION_TITLES:
            self.action = ""
        try:  # checked here, so that a wrong date is a message on the page, not an error
            protokoll.parse_time(self.since)
            protokoll.parse_time(self.until, end=True)
        except (TypeError, ValueError):
            self.error = self.t(protokoll.DATE_ERROR)
            self.since = self.until = ""
        self._fields = None
        return self.index()

    def t(self, message) -> str:
        return translate(message, context=self.request)

    # filter form

    def action_options(self):
        return [{"id": key, "title": self.t(title), "selected": key == self.action}
                for key, title in protokoll.ACTION_TITLES.items()]

    # table

    def batch(self):
        items = protokoll.entries(self.context, action=self.action or None,
                                  since=self.since or None, until=self.until or None)
        try:
            start = max(0, int(self.request.form.get("b_start", 0) or 0))
        except ValueError:
            start = 0
        return Batch(list(reversed(items)), BATCH_SIZE, start)

    def row(self, entry: dict) -> dict:
        title = protokoll.ACTION_TITLES.get(entry.get("action"))
        return {
            "seq": entry.get("seq"),
            "time": self.local_time(entry.get("time")),
            "user": entry.get("user") or "",
            "action": self.t(title) if title else entry.get("action"),
            "details": self.describe(entry),
        }

    def local_time(self, value) -> str:
        try:
            when = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return value or ""
        return when.astimezone(protokoll.portal_timezone()).strftime("%d.%m.%Y %H:%M:%S")

    # the chain

    def verification(self) -> dict:
        result = protokoll.verify(self.context)
        if result["ok"]:
            message = _("protokoll_chain_ok", default="Die Protokollkette ist unversehrt (${n} Einträge).",
                        mapping={"n": result["entries"]})
        else:
            message = _("protokoll_chain_broken", default="Die Protokollkette ist verletzt: ${reason}",
                        mapping={"reason": result["reason"]})
        return {"ok": result["ok"], "message": self.t(message)}

    # details in German

    def describe(self, entry: dict) -> list[str]:
        action = entry.get("action")
        details = entry.get("details")
        if not isinstance(details, dict):
            return [self.value(details)] if details not in (None, "", {}) else []
        lines = []
        if action == protokoll.GEAENDERT:
            return [self.change(self.field_label(name), change, name) for name, change in details.items()]
        if action == protokoll.ROLLEN and {"principal", "rollen", "erteilt"} <= set(details):
            message = ROLES_GRANTED if details["erteilt"] else ROLES_REVOKED
            lines.append(self.t(Message(message, mapping={"rollen": self.value(details["rollen"]),
                                                          "principal": details["principal"]})))
            details = {k: v for k, v in details.items() if k not in ("principal", "rollen", "erteilt")}
        order = {key: index for index, key in enumerate(KEY_ORDER)}
        for key, value in sorted(details.items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
            if key == "felder" and isinstance(value, dict):
                lines.extend(self.change(self.field_label(name), change, name) for name, change in value.items())
            elif isinstance(value, dict) and set(value) <= {"alt", "neu"} and value:
                lines.append(self.change(self.label(key), value))
            elif key in ("von", "nach"):
                lines.append(f"{self.label(key)}: {self.state(value)}")
            elif key == "transition":
                title = lifecycle.TRANSITION_TITLES.get(value)
                lines.append(f"{self.label(key)}: {self.t(title) if title else value}")
            elif key == "aktion" and action == protokoll.CHECKOUT:
                title = CHECKOUT_ACTIONS.get(value)
                lines.append(f"{self.label(key)}: {self.t(title) if title else value}")
            elif key == "kommentar" and not value:
                continue
            else:
                lines.append(f"{self.label(key)}: {self.value(value)}")
        return lines

    def change(self, label, change, field_name=None) -> str:
        if not isinstance(change, dict):
            return f"{label}: {self.value(change, field_name)}"
        new = self.value(change.get("neu"), field_name)
        if "alt" not in change:
            return f"{label}: {new}"
        return f"{label}: {self.value(change.get('alt'), field_name)} → {new}"

    def label(self, key) -> str:
        title = DETAIL_LABELS.get(key)
        return self.t(title) if title else str(key)

    def state(self, value) -> str:
        title = lifecycle.STATE_TITLES.get(value)
        return self.t(title) if title else self.value(value)

    def fields(self) -> dict:
        """name -> schema field of the context (for labels and vocabulary titles)."""
        if self._fields is None:
            self._fields = {}
            try:
                from plone.dexterity.utils import iterSchemata
                from zope.schema import getFieldsInOrder

                for schema in iterSchemata(self.context):
                    for name, field in getFieldsInOrder(schema):
                        self._fields.setdefault(name, field)
            except Exception:  # e.g. a context without a type information
                pass
        return self._fields

    def field_label(self, name) -> str:
        field = self.fields().get(name)
        return self.t(field.title) if field is not None and field.title else str(name)

    def term(self, field, value):
        if IChoice.providedBy(field) and getattr(field, "vocabularyName", None):
            factory = queryUtility(IVocabularyFactory, name=field.vocabularyName)
            if factory is not None:
                try:
                    return self.t(factory(self.context).getTerm(value).title)
                except (LookupError, TypeError):
                    pass
        return None

    def value(self, value, field_name=None) -> str:
        field = self.fields().get(field_name) if field_name else None
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, bool):
            return self.t(YES if value else NO)
        if field is not None and not isinstance(value, (dict, list)):
            titled = self.term(field, value)
            if titled:
                return f"»{titled}«"
        if isinstance(value, list):
            inner = field.value_type if field is not None and ICollection.providedBy(field) else None
            return ", ".join(
                (self.term(inner, item) if inner is not None else None) or self.value(item) for item in value
            )
        if isinstance(value, dict):
            if "filename" in value:
                text = f"{value.get('filename') or '—'} ({value.get('size', 0)} Bytes"
                return text + (f", SHA-256 {value['sha256']})" if value.get("sha256") else ")")
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return date.fromisoformat(value).strftime("%d.%m.%Y")
            except ValueError:
                pass
        if isinstance(value, str) and field_name:
            return f"»{value}«"
        return str(value)
