"""Demo data for the pilot departments: a realistic Aktenplan with Akten, Vorgänge and Dokumente.

The Aktenplan comes from ``aktenplan.csv`` through the import service, the records through the
domain services (lifecycle transitions, versions), so that the demo shows every state: Dokumente
in Entwurf, final and storniert, Vorgänge and Akten in Bearbeitung and abgeschlossen, an Akte
that was reopened, confidential Personalakten and a Dokument with two versions.
"""

from datetime import date
from eakte import lifecycle
from eakte import logger
from eakte.aktenplan.importexport import existing_units
from eakte.aktenplan.importexport import import_file
from eakte.demo.pdf import letter
from eakte.dokument.versions import set_file
from eakte.organisation import AMTSLEITUNG
from eakte.organisation import get_amt
from eakte.organisation import lead_units
from eakte.organisation import LESEN
from eakte.organisation import POSTSTELLE
from eakte.organisation import REGISTRATUR
from eakte.organisation import SACHBEARBEITUNG
from eakte.security.beteiligung import grant_beteiligung
from eakte.setuphandlers import create_pilot_aemter
from eakte.setuphandlers import ensure_aktenplan
from eakte.vocabularies import VERTRAULICH
from plone import api
from plone.i18n.normalizer import idnormalizer
from plone.namedfile.file import NamedBlobFile
from textwrap import wrap

import os
import time


AKTENPLAN_CSV = os.path.join(os.path.dirname(__file__), "aktenplan.csv")
VERTRAULICH = "005"

# Which part of the Aktenplan each pilot Amt leads (its groups get their roles there).
LEAD = {"11": ["01"], "20": ["16"], "62": ["09"]}

# Demo users (passwords are for the demo only): one per role in each pilot Amt, e.g. "sb-11"
# (Sachbearbeitung, Amt 11), and city-wide the Archiv and the Administration.
DEMO_PASSWORD = "demo-eakte"
AMT_USERS = {SACHBEARBEITUNG: "sb", AMTSLEITUNG: "al", REGISTRATUR: "reg", LESEN: "lesen", POSTSTELLE: "post"}
# Only these see the confidential Personalakten (not the rest of Amt 11, nobody else).
PERSONALAKTEN_BERECHTIGTE = ["sb-11", "al-11"]
CITY_USERS = {"archiv": ("Archiv", "Stadtarchiv (Archiv)"), "verwaltung": ("Administration", "IT-Administration")}


def demo_user_ids():
    return [f"{prefix}-{nummer}" for nummer in LEAD for prefix in AMT_USERS.values()] + list(CITY_USERS)


def _ensure_user(username, fullname):
    if api.user.get(username=username) is None:
        api.user.create(email=f"{username}@musterstadt.example", username=username, password=DEMO_PASSWORD,
                        properties={"fullname": fullname})


def create_users():
    """Demo users in the role groups of the pilot Ämter, and the city-wide Archiv and Administration."""
    for nummer in LEAD:
        amt = get_amt(nummer)
        for key, prefix in AMT_USERS.items():
            username = f"{prefix}-{nummer}"
            _ensure_user(username, f"{amt.role_group_title(key)} (Demo)")
            if username not in [u.getId() for u in api.user.get_users(groupname=amt.role_group_id(key))]:
                api.group.add_user(groupname=amt.role_group_id(key), username=username)
    for username, (role, fullname) in CITY_USERS.items():
        _ensure_user(username, f"{fullname} (Demo)")
        api.user.grant_roles(username=username, roles=[role])
    from eakte.security import archiv

    api.group.add_user(groupname=archiv.ensure_group(), username="archiv")  # sees what is offered


def create_demo_content(context):
    """Post handler of the demo profile: the pilot Ämter, the demo Aktenplan, users and records."""
    portal = api.portal.get()
    create_pilot_aemter(portal)
    create(portal)


def create(portal):
    """Import the demo Aktenplan and fill it with records (once: a second run adds nothing)."""
    started = time.perf_counter()
    aktenplan = ensure_aktenplan(portal)
    with api.env.adopt_roles(["Manager"]):
        with open(AKTENPLAN_CSV, "rb") as stream:
            report = import_file(aktenplan, stream.read(), "aktenplan.csv")
        for nummer, kennzeichen in LEAD.items():
            lead_units(nummer, kennzeichen, portal=portal)
        create_users()
        catalog = api.portal.get_tool("portal_catalog")
        if not catalog.unrestrictedSearchResults(portal_type="Akte", path="/".join(aktenplan.getPhysicalPath())):
            Records(aktenplan).create()
    logger.info("Demo data: Aktenplan %s, records in %.1f s", report, time.perf_counter() - started)


def _id(container, title):
    """An id from the title, as Plone would choose it (given directly: no rename after creation)."""
    base = candidate = idnormalizer.normalize(title)
    number = 0
    while candidate in container.objectIds():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class Records:
    """The demo Akten of the Ämter 11, 20 and 62, filed in the units of the third level."""

    def __init__(self, aktenplan):
        self.units = {kennzeichen: found[0] for kennzeichen, found in existing_units(aktenplan).items()}

    def akte(self, kennzeichen, title, amt, beginn, aktenart="Sachakte", **fields):
        container = self.units[kennzeichen]
        # a confidential Akte gets its random id from the unit's name chooser (security.confidential)
        ids = {} if fields.get("vertraulichkeitsstufe") == VERTRAULICH else {"id": _id(container, title)}
        return api.content.create(
            container=container, type="Akte", title=title, aktenart=aktenart,
            federfuehrung_amt=amt, laufzeit_beginn=beginn, **ids, **fields,
        )

    def vorgang(self, akte, title, beginn):
        return api.content.create(container=akte, type="Vorgang", id=_id(akte, title), title=title, laufzeit_beginn=beginn,
                                  federfuehrung_amt=akte.federfuehrung_amt)

    def dokument(self, container, title, datum, text, anschrift=(), **fields):
        """A Dokument whose file is a letter of the Amt that leads the Akte."""
        amt = get_amt(self._amt(container))
        data = letter(
            amt=amt.title if amt else "", datum=datum, betreff=title,
            body=[line for paragraph in text.split("\n") for line in (wrap(paragraph, 85) or [""])],
            empfaenger=list(anschrift), aktenzeichen=container.aktenzeichen,
        )
        return api.content.create(
            container=container, type="Dokument", id=_id(container, title), title=title, schreibdatum=datum,
            file=self.pdf(data, title), **fields,
        )

    @staticmethod
    def pdf(data, title):
        return NamedBlobFile(data=data, filename=f"{idnormalizer.normalize(title)}.pdf", contentType="application/pdf")

    @staticmethod
    def _amt(container):
        while getattr(container, "portal_type", None) != "Akte":
            container = container.aq_parent
        return container.federfuehrung_amt

    def create(self):
        self.personal()
        self.finanzen()
        self.kataster()

    # 11 Personal- und Organisationsamt ------------------------------------------------------

    def personal(self):
        hoffmann = self.akte("01.02.01", "Personalakte Sabine Hoffmann (Personalnummer 10473)", "11",
                             date(2019, 4, 1), aktenart="Fallakte", vertraulichkeitsstufe=VERTRAULICH,
                             federfuehrung_person="Petra Becker", berechtigte=PERSONALAKTEN_BERECHTIGTE)
        vertrag = self.dokument(hoffmann, "Arbeitsvertrag Sabine Hoffmann", date(2019, 3, 12),
                                "Sehr geehrte Frau Hoffmann,\nanbei erhalten Sie Ihren Arbeitsvertrag nach dem TVöD "
                                "für die Tätigkeit als Sachbearbeiterin in der Stadtkämmerei (Entgeltgruppe 9b) "
                                "ab dem 1. April 2019.",
                                anschrift=["Frau Sabine Hoffmann", "Lindenweg 7", "12345 Musterstadt"],
                                empfaenger="Sabine Hoffmann")
        lifecycle.transition(vertrag, lifecycle.FINALIZE)
        aenderung = self.dokument(hoffmann, "Änderungsvertrag Arbeitszeit", date(2026, 2, 2),
                                  "Sehr geehrte Frau Hoffmann,\nauf Ihren Antrag wird Ihre regelmäßige "
                                  "wöchentliche Arbeitszeit ab dem 1. März 2026 auf 30 Stunden verringert.",
                                  anschrift=["Frau Sabine Hoffmann", "Lindenweg 7", "12345 Musterstadt"],
                                  empfaenger="Sabine Hoffmann")
        second = letter(get_amt("11").title, date(2026, 2, 9), "Änderungsvertrag Arbeitszeit",
                        ["Sehr geehrte Frau Hoffmann,",
                         "auf Ihren Antrag vom 20. Januar 2026 wird Ihre regelmäßige wöchentliche Arbeitszeit",
                         "ab dem 1. März 2026 auf 30 Stunden verringert (Verteilung: Montag bis Donnerstag)."],
                        ["Frau Sabine Hoffmann", "Lindenweg 7", "12345 Musterstadt"], hoffmann.aktenzeichen)
        set_file(aenderung, self.pdf(second, "Änderungsvertrag Arbeitszeit"), "Verteilung der Arbeitszeit ergänzt")

        wagner = self.akte("01.02.01", "Personalakte Jonas Wagner (Personalnummer 11208)", "11",
                           date(2021, 9, 1), aktenart="Fallakte", vertraulichkeitsstufe=VERTRAULICH,
                           federfuehrung_person="Petra Becker", berechtigte=PERSONALAKTEN_BERECHTIGTE)
        urkunde = self.dokument(wagner, "Ernennungsurkunde Jonas Wagner", date(2024, 9, 1),
                                "Herr Jonas Wagner wird unter Berufung in das Beamtenverhältnis auf Lebenszeit "
                                "zum Stadtinspektor ernannt.")
        lifecycle.transition(urkunde, lifecycle.FINALIZE)

        stelle = self.akte("01.02.02", "Stellenbesetzung Sachbearbeitung Haushalt (Ausschreibung 04/2026)", "11",
                           date(2026, 1, 15), federfuehrung_person="Petra Becker")
        ausschreibung = self.vorgang(stelle, "Ausschreibung", date(2026, 1, 15))
        falsch = self.dokument(ausschreibung, "Stellenausschreibung Sachbearbeitung Haushalt", date(2026, 1, 19),
                               "Die Stadt Musterstadt sucht für die Stadtkämmerei zum nächstmöglichen Zeitpunkt "
                               "eine Sachbearbeiterin oder einen Sachbearbeiter Haushalt (Entgeltgruppe 8 TVöD).")
        lifecycle.transition(falsch, lifecycle.FINALIZE)
        lifecycle.transition(falsch, lifecycle.CANCEL,
                             "Falsche Entgeltgruppe angegeben; ersetzt durch die berichtigte Ausschreibung.")
        richtig = self.dokument(ausschreibung, "Stellenausschreibung Sachbearbeitung Haushalt (berichtigt)",
                                date(2026, 1, 21),
                                "Die Stadt Musterstadt sucht für die Stadtkämmerei zum nächstmöglichen Zeitpunkt "
                                "eine Sachbearbeiterin oder einen Sachbearbeiter Haushalt (Entgeltgruppe 9b TVöD). "
                                "Bewerbungsschluss ist der 20. Februar 2026.")
        lifecycle.transition(richtig, lifecycle.FINALIZE)
        lifecycle.transition(ausschreibung, lifecycle.CLOSE)
        auswahl = self.vorgang(stelle, "Auswahlverfahren", date(2026, 2, 23))
        bewerbung = self.dokument(auswahl, "Bewerbung Miriam Schulz", date(2026, 2, 14),
                                  "Sehr geehrte Damen und Herren,\nhiermit bewerbe ich mich auf die ausgeschriebene "
                                  "Stelle in der Stadtkämmerei. Meine Unterlagen füge ich bei.",
                                  absender="Miriam Schulz", posteingangsdatum=date(2026, 2, 16))
        lifecycle.transition(bewerbung, lifecycle.FINALIZE)
        self.dokument(auswahl, "Einladung zum Vorstellungsgespräch", date(2026, 3, 2),
                      "Sehr geehrte Frau Schulz,\nwir laden Sie zu einem Vorstellungsgespräch am 12. März 2026 "
                      "um 10 Uhr in das Rathaus, Zimmer 214, ein.",
                      anschrift=["Frau Miriam Schulz", "Am Markt 3", "12345 Musterstadt"], empfaenger="Miriam Schulz")

    # 20 Stadtkämmerei -----------------------------------------------------------------------

    def finanzen(self):
        haushalt = self.akte("16.01.01", "Haushaltsplan 2025", "20", date(2024, 6, 3), federfuehrung_person="Thomas Krüger")
        aufstellung = self.vorgang(haushalt, "Aufstellung des Haushaltsplans", date(2024, 6, 3))
        satzung = self.dokument(aufstellung, "Haushaltssatzung 2025 (Ratsbeschluss)", date(2024, 12, 12),
                                "Der Rat der Stadt Musterstadt hat in seiner Sitzung am 12. Dezember 2024 die "
                                "Haushaltssatzung für das Haushaltsjahr 2025 beschlossen.")
        lifecycle.transition(satzung, lifecycle.FINALIZE)
        lifecycle.transition(aufstellung, lifecycle.CLOSE)
        lifecycle.transition(haushalt, lifecycle.CLOSE)
        lifecycle.transition(haushalt, lifecycle.REOPEN,
                             "Nachtragshaushalt 2025: die Akte wird um den Nachtrag ergänzt.")
        nachtrag = self.vorgang(haushalt, "Nachtragshaushalt 2025", date(2025, 9, 1))
        self.dokument(nachtrag, "Entwurf der Nachtragshaushaltssatzung 2025", date(2025, 9, 22),
                      "Entwurf: Die Erträge und Aufwendungen des Ergebnisplans werden um 1.250.000 Euro erhöht. "
                      "Der Gesamtbetrag der Kredite für Investitionen bleibt unverändert.")

        abschluss = self.akte("16.02.01", "Jahresabschluss 2024", "20", date(2025, 1, 2), federfuehrung_person="Thomas Krüger")
        pruefung = self.vorgang(abschluss, "Aufstellung und Prüfung", date(2025, 1, 2))
        bericht = self.dokument(pruefung, "Prüfbericht des Rechnungsprüfungsamtes zum Jahresabschluss 2024",
                                date(2025, 11, 4),
                                "Das Rechnungsprüfungsamt hat den Jahresabschluss 2024 geprüft. Der Jahresabschluss "
                                "vermittelt ein den tatsächlichen Verhältnissen entsprechendes Bild der Vermögens-, "
                                "Schulden-, Ertrags- und Finanzlage der Stadt.",
                                absender="14 Rechnungsprüfungsamt", posteingangsdatum=date(2025, 11, 5))
        lifecycle.transition(bericht, lifecycle.FINALIZE)
        lifecycle.transition(pruefung, lifecycle.CLOSE)
        lifecycle.transition(abschluss, lifecycle.CLOSE)

        belege = self.akte("16.04.01", "Auszahlungsbelege Dezember 2019", "20", date(2019, 12, 1))
        beleg = self.dokument(belege, "Sammelbeleg Auszahlungen 12/2019", date(2019, 12, 31),
                              "Sammelbeleg über 143 Auszahlungen im Dezember 2019, sachlich und rechnerisch richtig "
                              "gezeichnet, angeordnet und gebucht.")
        lifecycle.transition(beleg, lifecycle.FINALIZE)
        lifecycle.transition(belege, lifecycle.CLOSE)

        buecher = self.akte("16.03.01", "Sachbuch Haushaltsjahr 2026", "20", date(2026, 1, 1))
        self.dokument(buecher, "Kontenplan 2026 mit Zuordnung der Produktkonten", date(2026, 1, 5),
                      "Der Kontenplan 2026 folgt dem kommunalen Kontenrahmen; neu sind die Produktkonten der "
                      "Digitalisierung (Produktbereich 01).")

    # 62 Vermessungs- und Katasteramt --------------------------------------------------------

    def kataster(self):
        teilung = self.akte("09.01.01", "Teilungsvermessung Gemarkung Musterstadt, Flur 3, Flurstück 112/4", "62",
                            date(2026, 1, 8), aktenart="Fallakte", federfuehrung_person="Andreas Neumann")
        antrag_vorgang = self.vorgang(teilung, "Antrag und Auftrag", date(2026, 1, 8))
        antrag = self.dokument(antrag_vorgang, "Antrag auf Teilungsvermessung Flurstück 112/4", date(2026, 1, 6),
                               "Sehr geehrte Damen und Herren,\nals Eigentümer beantrage ich die Teilung des "
                               "Flurstücks 112/4 in zwei Baugrundstücke gemäß beiliegender Skizze.",
                               absender="Klaus Richter", posteingangsdatum=date(2026, 1, 8),
                               fremdes_geschaeftszeichen="R-2026-01")
        lifecycle.transition(antrag, lifecycle.FINALIZE)
        lifecycle.transition(antrag_vorgang, lifecycle.CLOSE)
        vermessung = self.vorgang(teilung, "Vermessung und Übernahme in das Liegenschaftskataster", date(2026, 2, 2))
        niederschrift = self.dokument(vermessung, "Grenzniederschrift Flurstück 112/4", date(2026, 2, 17),
                                      "Die Grenzpunkte wurden am 17. Februar 2026 im Beisein der Beteiligten "
                                      "festgestellt und abgemarkt. Einwendungen wurden nicht erhoben.")
        lifecycle.transition(niederschrift, lifecycle.FINALIZE)
        self.dokument(vermessung, "Fortführungsriss Flur 3", date(2026, 2, 24),
                      "Entwurf des Fortführungsrisses: neue Flurstücke 112/7 und 112/8, Flächen nach "
                      "Koordinaten berechnet.")

        # Amt 20 (Stadtkämmerei) reads along: the fees of the Teilungsvermessung.
        grant_beteiligung(teilung, "20", "Lesen")

        auskunft = self.akte("09.01.03", "Auszüge aus dem Liegenschaftskataster 2026", "62", date(2026, 1, 2))
        auszug = self.dokument(auskunft, "Antrag auf Flurkartenauszug (Notariat Dr. Lehmann)", date(2026, 3, 3),
                               "Für einen Grundstückskaufvertrag bitten wir um einen amtlichen Auszug aus der "
                               "Liegenschaftskarte für das Flurstück 87, Flur 5.",
                               absender="Notariat Dr. Lehmann", posteingangsdatum=date(2026, 3, 4),
                               fremdes_geschaeftszeichen="UR 311/2026")
        lifecycle.transition(auszug, lifecycle.FINALIZE)
