"""The demo site: a realistic Aktenplan of the pilot Ämter with records in every state."""

from datetime import date
from eakte import demo
from eakte import lifecycle
from eakte.aktenplan.importexport import export_rows
from eakte.aktenplan.importexport import import_file
from eakte.dokument.versions import versions
from plone import api
from plone.app.testing import applyProfile

import os
import pytest
import re
import subprocess


PDFTOTEXT = "/usr/bin/pdftotext"


def objects(portal, portal_type):
    catalog = api.portal.get_tool("portal_catalog")
    return [b._unrestrictedGetObject() for b in catalog.unrestrictedSearchResults(portal_type=portal_type)]


def by_title(portal, portal_type, title):
    found = [obj for obj in objects(portal, portal_type) if obj.title == title]
    assert len(found) == 1, f"{portal_type} {title!r}: {len(found)} found"
    return found[0]


def xref_is_consistent(data: bytes) -> bool:
    """Every in-use xref entry points at the start of its object."""
    start = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    header = re.match(rb"xref\s+0 (\d+)\s+", data[start:])
    entries = data[start + header.end():].split(b"\n")[: int(header.group(1))]
    for number, entry in enumerate(entries):
        offset, _, kind = entry.split()[:3]
        if kind == b"n" and not data[int(offset):].startswith(b"%d 0 obj" % number):
            return False
    return True


@pytest.fixture(scope="class")
def demo_site(portal_class):
    """The site with the demo profile applied, as a new e-Akte gets it: once for the whole class
    (conftest's `demo_portal` would create it for every test; it takes a few seconds)."""
    applyProfile(portal_class, "eakte:demo")
    return portal_class


@pytest.fixture()
def manager(demo_site):
    with api.env.adopt_roles(["Manager"]):
        yield demo_site


class TestTheDemoSite:
    """One demo site for all tests of the class (the tests only read, or change nothing)."""

    def test_the_demo_aktenplan_follows_the_municipal_product_areas(self, manager):
        rows = {row["Kennzeichen"]: row for row in export_rows(manager["aktenplan"])}
        assert 15 <= len(rows) <= 25
        assert rows["01"]["Titel"] == "Innere Verwaltung"
        assert rows["01.02"]["Titel"] == "Personal"
        assert rows["09.01"]["Titel"] == "Liegenschaftskataster"
        assert rows["16"]["Titel"] == "Allgemeine Finanzwirtschaft"
        assert (rows["16.02"]["Aufbewahrungsfrist"], rows["16.02"]["Aussonderungsart"]) == ("dauernd", "A")
        assert (rows["16.03"]["Aufbewahrungsfrist"], rows["16.04"]["Aufbewahrungsfrist"]) == ("10", "6")
        assert rows["16.04"]["Aussonderungsart"] == "V"
        assert [kz for kz, row in rows.items() if row["aktiv"] == "nein"]

    def test_the_demo_aktenplan_is_the_shipped_csv_file(self, manager):
        with open(demo.AKTENPLAN_CSV, "rb") as stream:
            report = import_file(manager["aktenplan"], stream.read(), "aktenplan.csv")
        assert report["created"] == report["updated"] == 0
        assert report["unchanged"] == len(export_rows(manager["aktenplan"]))

    def test_the_demo_has_akten_of_all_three_pilot_aemter(self, manager):
        akten = objects(manager, "Akte")
        assert {akte.federfuehrung_amt for akte in akten} == {"11", "20", "62"}
        assert {akte.aktenart for akte in akten} == {"Sachakte", "Fallakte"}
        personalakten = [akte for akte in akten if akte.aq_parent.kennzeichen == "01.02.01"]
        assert personalakten and all(akte.vertraulichkeitsstufe == "005" for akte in personalakten)
        assert all(akte.aktenart == "Fallakte" for akte in personalakten)

    def test_the_demo_has_documents_in_every_state_and_a_cancellation_says_why(self, manager):
        dokumente = objects(manager, "Dokument")
        assert {lifecycle.state(d) for d in dokumente} == {"entwurf", "final", "storniert"}
        cancelled = [d for d in dokumente if lifecycle.state(d) == "storniert"]
        for dokument in cancelled:
            history = dokument.workflow_history["eakte_dokument_workflow"]
            assert history[-1]["action"] == "stornieren"
            assert history[-1]["comments"].strip()

    def test_the_demo_has_open_and_closed_vorgaenge(self, manager):
        assert {lifecycle.state(v) for v in objects(manager, "Vorgang")} == {"in_bearbeitung", "abgeschlossen"}

    def test_a_closed_demo_akte_has_its_zda_date_and_retention_end(self, manager):
        belege = by_title(manager, "Akte", "Auszahlungsbelege Dezember 2019")
        assert lifecycle.state(belege) == "abgeschlossen"
        assert belege.zda_datum is not None
        assert belege.aufbewahrung_bis == date(belege.zda_datum.year + 6, 12, 31)
        jahresabschluss = by_title(manager, "Akte", "Jahresabschluss 2024")
        assert lifecycle.state(jahresabschluss) == "abgeschlossen"
        assert jahresabschluss.aufbewahrung_bis is None  # dauernd: offered to the archive, never destroyed
        for vorgang in jahresabschluss.objectValues():
            assert lifecycle.state(vorgang) == "abgeschlossen"

    def test_a_reopened_demo_akte_records_the_reason(self, manager):
        haushalt = by_title(manager, "Akte", "Haushaltsplan 2025")
        assert lifecycle.state(haushalt) == "in_bearbeitung"
        history = haushalt.workflow_history["eakte_akte_workflow"]
        assert [entry["action"] for entry in history[-2:]] == ["abschliessen", "wiedereroeffnen"]
        assert "Nachtragshaushalt" in history[-1]["comments"]
        assert haushalt.zda_datum is None and haushalt.aufbewahrung_bis is None

    def test_a_demo_dokument_has_two_versions_with_their_checksums(self, manager):
        dokument = by_title(manager, "Dokument", "Änderungsvertrag Arbeitszeit")
        assert lifecycle.state(dokument) == "entwurf"
        history = versions(dokument)
        assert len(history) == 2
        assert history[0]["sha256"] != history[1]["sha256"]
        assert history[1]["sha256"] == dokument.sha256

    def test_the_demo_files_are_real_pdf_letters(self, manager, tmp_path):
        dokumente = objects(manager, "Dokument")
        assert len(dokumente) >= 10
        for dokument in dokumente:
            data = dokument.file.data
            assert data.startswith(b"%PDF-"), dokument.title
            assert xref_is_consistent(data), dokument.title
            assert dokument.file.filename.endswith(".pdf")
        assert os.path.exists(PDFTOTEXT), "poppler-utils is required (apt-get install poppler-utils)"
        dokument = by_title(manager, "Dokument", "Grenzniederschrift Flurstück 112/4")
        pdf = tmp_path / "brief.pdf"
        pdf.write_bytes(dokument.file.data)
        text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Stadt Musterstadt" in text
        assert "Grenzniederschrift Flurstück 112/4" in text
        assert "62 Vermessungs- und Katasteramt" in text

    def test_running_the_demo_again_adds_nothing(self, manager):
        counts = {t: len(objects(manager, t)) for t in ("Aktenplaneinheit", "Akte", "Vorgang", "Dokument")}
        demo.create(manager)
        assert {t: len(objects(manager, t)) for t in counts} == counts


class TestTheDemoUsers:
    """Demo users for each role in each pilot Amt, the confidential Personalakten, a Beteiligung."""

    def akte(self, demo_site, title_start):
        catalog = api.portal.get_tool("portal_catalog")
        found = [b._unrestrictedGetObject() for b in catalog.unrestrictedSearchResults(portal_type="Akte")
                 if b.Title.startswith(title_start)]
        assert len(found) == 1, title_start
        return found[0]

    def may(self, username, permission, obj):
        return bool(api.user.has_permission(permission, username=username, obj=obj))

    def test_every_pilot_amt_has_a_demo_user_for_each_of_its_roles(self, demo_site):
        for nummer in ("11", "20", "62"):
            for prefix, group in (("sb", "sachbearbeitung"), ("al", "amtsleitung"), ("reg", "registratur"),
                                  ("lesen", "lesen"), ("post", "poststelle")):
                user = api.user.get(username=f"{prefix}-{nummer}")
                assert user is not None, f"{prefix}-{nummer}"
                assert f"amt-{nummer}-{group}" in [g.getId() for g in api.group.get_groups(user=user)]
        assert "Archiv" in api.user.get_roles(username="archiv")
        assert "Administration" in api.user.get_roles(username="verwaltung")

    def test_each_amt_works_in_its_own_part_of_the_aktenplan(self, demo_site):
        teilung = self.akte(demo_site, "Teilungsvermessung")
        assert self.may("sb-62", "eakte: Add Dokument", teilung)
        assert not self.may("sb-11", "View", teilung)
        assert not self.may("post-62", "View", teilung)  # the Poststelle has no access to Akten

    def test_only_the_named_people_see_the_confidential_personalakte(self, demo_site):
        personalakte = self.akte(demo_site, "Personalakte Sabine Hoffmann")
        assert personalakte.vertraulichkeitsstufe == "005"
        assert self.may("sb-11", "View", personalakte) and self.may("al-11", "View", personalakte)
        for outsider in ("lesen-11", "reg-11", "sb-20", "al-62", "verwaltung"):
            assert not self.may(outsider, "View", personalakte), outsider

    def test_amt_20_is_involved_in_an_akte_of_amt_62(self, demo_site):
        from eakte.security.beteiligung import beteiligungen

        teilung = self.akte(demo_site, "Teilungsvermessung")
        assert [(b["amt"], b["stufe"]) for b in beteiligungen(teilung)] == [("20", "Lesen")]
        assert self.may("sb-20", "View", teilung)
        assert not self.may("sb-20", "Modify portal content", teilung)
        other = self.akte(demo_site, "Auszüge aus dem Liegenschaftskataster")
        assert not self.may("sb-20", "View", other)
