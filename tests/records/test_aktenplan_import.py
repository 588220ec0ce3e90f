"""The Registratur maintains the Aktenplan by importing and exporting CSV or XLSX files."""

from eakte import lifecycle
from eakte.aktenplan import importexport
from eakte.exceptions import EakteError
from eakte.exceptions import InvalidInput
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from plone.app.testing import setRoles
from recordhelpers import german
from zExceptions import Unauthorized
import base64
import io
import pytest
import re
import transaction


# Product area 02 of the municipal product plan; the demo Aktenplan uses 01, 09 and 16.
PLAN = """\
Kennzeichen;Titel;Beschreibung;Aufbewahrungsfrist;Aussonderungsart;aktiv
02.01.02;Gewerbeangelegenheiten;Gewerbean-, -um- und -abmeldungen;6;V;ja
02;Sicherheit und Ordnung;;;;ja
02.01;Ordnungsangelegenheiten;;10;B;ja
02.01.01;Straßenverkehrsbehörde;Verkehrsrechtliche Anordnungen;10;B;ja
02.02;Brandschutz;;dauernd;A;ja
02.09;Zivilschutz (bis 2020);;10;B;nein
"""


def csv_bytes(text=PLAN, bom=True):
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def units_with_prefix(prefix):
    catalog = api.portal.get_tool("portal_catalog")
    return sorted(b.kennzeichen for b in catalog.unrestrictedSearchResults(portal_type="Aktenplaneinheit")
                  if b.kennzeichen == prefix or (b.kennzeichen or "").startswith(prefix + "."))


@pytest.fixture()
def imported(aktenplan):
    importexport.import_file(aktenplan, csv_bytes(), "aktenplan.csv")
    return aktenplan


def test_an_import_creates_the_tree_parents_first_whatever_the_row_order(aktenplan):
    report = importexport.import_file(aktenplan, csv_bytes(), "aktenplan.csv")
    assert report == {"created": 6, "updated": 0, "unchanged": 0, "errors": []}
    top = aktenplan["02"]
    gewerbe = top["02-01"]["02-01-02"]
    assert (top.kennzeichen, top.title) == ("02", "Sicherheit und Ordnung")
    assert gewerbe.Title() == "02.01.02 Gewerbeangelegenheiten"
    assert gewerbe.description == "Gewerbean-, -um- und -abmeldungen"
    assert (gewerbe.aufbewahrungsfrist, gewerbe.aussonderungsart) == ("6", "V")
    assert (top["02-02"].aufbewahrungsfrist, top["02-02"].aussonderungsart) == ("dauernd", "A")
    assert top.aufbewahrungsfrist is None and top.aussonderungsart is None
    assert units_with_prefix("02") == ["02", "02.01", "02.01.01", "02.01.02", "02.02", "02.09"]


def test_reimporting_the_same_file_changes_nothing(imported):
    modified = imported["02"]["02-01"].modified()
    report = importexport.import_file(imported, csv_bytes(), "aktenplan.csv")
    assert report == {"created": 0, "updated": 0, "unchanged": 6, "errors": []}
    assert imported["02"]["02-01"].modified() == modified
    assert units_with_prefix("02") == ["02", "02.01", "02.01.01", "02.01.02", "02.02", "02.09"]


def test_a_changed_title_and_retention_update_the_unit(imported):
    changed = PLAN.replace("02.02;Brandschutz;;dauernd;A", "02.02;Brandschutz und Feuerwehr;;30;B")
    report = importexport.import_file(imported, csv_bytes(changed), "aktenplan.csv")
    assert report == {"created": 0, "updated": 1, "unchanged": 5, "errors": []}
    unit = imported["02"]["02-02"]
    assert (unit.title, unit.aufbewahrungsfrist, unit.aussonderungsart) == ("Brandschutz und Feuerwehr", "30", "B")
    catalog = api.portal.get_tool("portal_catalog")
    assert [b.Title for b in catalog(kennzeichen="02.02")] == ["02.02 Brandschutz und Feuerwehr"]


def test_columns_missing_from_the_file_leave_those_fields_as_they_are(imported):
    only_titles = "Kennzeichen;Titel\n02.01.02;Gewerbe\n02.09;Zivilschutz (bis 2020)\n"
    report = importexport.import_file(imported, csv_bytes(only_titles), "titel.csv")
    assert report == {"created": 0, "updated": 1, "unchanged": 1, "errors": []}
    gewerbe = imported["02"]["02-01"]["02-01-02"]
    assert (gewerbe.title, gewerbe.aufbewahrungsfrist, gewerbe.aussonderungsart) == ("Gewerbe", "6", "V")
    assert gewerbe.description == "Gewerbean-, -um- und -abmeldungen"
    assert lifecycle.state(imported["02"]["02-09"]) == "inaktiv"


def test_an_inactive_row_makes_the_unit_inactive_so_that_it_takes_no_new_akten(imported):
    zivilschutz = imported["02"]["02-09"]
    assert lifecycle.state(zivilschutz) == "inaktiv"
    assert lifecycle.state(imported["02"]["02-02"]) == "aktiv"
    with pytest.raises((EakteError, Unauthorized)):
        api.content.create(container=zivilschutz, type="Akte", title="Sirenenprobe 2026")


def test_ja_in_the_aktiv_column_reactivates_an_inactive_unit(imported):
    reactivated = PLAN.replace("(bis 2020);;10;B;nein", "(bis 2020);;10;B;ja")
    report = importexport.import_file(imported, csv_bytes(reactivated), "aktenplan.csv")
    assert report == {"created": 0, "updated": 1, "unchanged": 5, "errors": []}
    assert lifecycle.state(imported["02"]["02-09"]) == "aktiv"


def test_a_sub_unit_may_be_added_below_an_inactive_unit(imported):
    report = importexport.import_file(imported, csv_bytes("Kennzeichen;Titel;aktiv\n02.09.01;Luftschutzbunker;nein\n"),
                                      "neu.csv")
    assert report["created"] == 1
    assert lifecycle.state(imported["02"]["02-09"]["02-09-01"]) == "inaktiv"


def test_a_parent_that_exists_in_the_site_need_not_be_in_the_file(imported):
    report = importexport.import_file(imported, csv_bytes("Kennzeichen;Titel\n02.03;Katastrophenschutz\n"), "neu.csv")
    assert report["created"] == 1
    assert imported["02"]["02-03"].kennzeichen == "02.03"


WRONG = """\
Kennzeichen;Titel;Beschreibung;Aufbewahrungsfrist;Aussonderungsart;aktiv
05;Soziale Leistungen;;;;ja
05.01;;;10;B;ja
5..2;Hilfe zum Lebensunterhalt;;10;B;ja
05.03;Wohngeld;;zehn;B;ja
05.04;Asylbewerberleistungen;;10;X;ja
05.05;Bildung und Teilhabe;;6;V;vielleicht
05.03;Wohngeld (doppelt);;6;V;ja
07.01;Gesundheitsdienste;;10;B;ja
"""


def test_a_file_with_errors_names_every_wrong_line_and_changes_nothing(aktenplan):
    before = units_with_prefix("05")
    with pytest.raises(InvalidInput) as error:
        importexport.import_file(aktenplan, csv_bytes(WRONG), "aktenplan.csv")
    assert german(error) == "Der Aktenplan wurde nicht importiert: 7 Zeilen sind fehlerhaft. Es wurde nichts geändert."
    assert error.value.errors == [
        {"line": 3, "message": "Der Titel fehlt."},
        {"line": 4, "message": "Das Kennzeichen »5..2« ist ungültig: Ziffern, Ebenen durch Punkte getrennt (z. B. 01.02)."},
        {"line": 5, "message": "Die Aufbewahrungsfrist »zehn« ist ungültig: eine Zahl von Jahren (0 bis 200) oder »dauernd«."},
        {"line": 6, "message": "Die Aussonderungsart »X« ist ungültig: A (archivwürdig), B (bewerten) oder V (vernichten)."},
        {"line": 7, "message": "Der Wert »vielleicht« in der Spalte »aktiv« ist ungültig: ja oder nein (auch 1/0, true/false)."},
        {"line": 8, "message": "Das Kennzeichen 05.03 steht bereits in Zeile 5."},
        {"line": 9, "message": "Die übergeordnete Aktenplaneinheit 07 fehlt: sie steht weder in der Datei noch im Aktenplan."},
    ]
    assert units_with_prefix("05") == before == []
    assert "05" not in aktenplan.objectIds()


def test_one_wrong_line_is_named_in_the_singular(aktenplan):
    with pytest.raises(InvalidInput) as error:
        importexport.import_file(aktenplan, csv_bytes("Kennzeichen;Titel\n05;\n"), "aktenplan.csv")
    assert german(error) == "Der Aktenplan wurde nicht importiert: 1 Zeile ist fehlerhaft. Es wurde nichts geändert."


def test_a_unit_that_holds_akten_cannot_be_subdivided_by_an_import(imported):
    api.content.create(container=imported["02"]["02-02"], type="Akte", title="Brandverhütungsschau 2026")
    with pytest.raises(InvalidInput) as error:
        importexport.import_file(imported, csv_bytes("Kennzeichen;Titel\n02.03;Katastrophenschutz\n02.02.01;Feuerwehr\n"),
                                 "aktenplan.csv")
    assert error.value.errors == [
        {"line": 3, "message": "Die Aktenplaneinheit 02.02 enthält bereits Akten und kann nicht weiter untergliedert werden."}
    ]
    assert "02-03" not in imported["02"].objectIds()


def test_a_header_without_kennzeichen_and_titel_is_refused(aktenplan):
    with pytest.raises(InvalidInput) as error:
        importexport.import_file(aktenplan, csv_bytes("Nummer;Bezeichnung\n05;Soziales\n"), "aktenplan.csv")
    assert german(error).startswith("In der Kopfzeile fehlen die Spalten Kennzeichen, Titel.")
    assert [e["line"] for e in error.value.errors] == [1]


def test_an_unknown_file_format_is_refused(aktenplan):
    with pytest.raises(InvalidInput) as error:
        importexport.import_file(aktenplan, b"%PDF-1.4 ...", "aktenplan.pdf")
    assert german(error) == ("Das Dateiformat von »aktenplan.pdf« wird nicht unterstützt: "
                             "bitte eine CSV- oder XLSX-Datei hochladen.")


def test_csv_with_commas_without_bom_and_any_header_case_is_read(aktenplan):
    text = "KENNZEICHEN,titel,Aufbewahrungsfrist,AUSSONDERUNGSART,Aktiv\n05,Soziale Leistungen,,,\n05.01,\"Wohngeld, Lastenzuschuss\",Dauernd,a,1\n"
    report = importexport.import_file(aktenplan, csv_bytes(text, bom=False), "plan.csv")
    assert report["created"] == 2
    wohngeld = aktenplan["05"]["05-01"]
    assert (wohngeld.title, wohngeld.aufbewahrungsfrist, wohngeld.aussonderungsart) == ("Wohngeld, Lastenzuschuss", "dauernd", "A")


def test_a_csv_saved_by_a_german_excel_in_windows_1252_is_read(aktenplan):
    data = "Kennzeichen;Titel\n02;Sicherheit und Ordnung\n02.01;Straßenverkehr\n".encode("cp1252")
    importexport.import_file(aktenplan, data, "plan.csv")
    assert aktenplan["02"]["02-01"].title == "Straßenverkehr"


def test_the_csv_export_is_ordered_naturally_and_reimports_unchanged(imported):
    importexport.import_file(imported, csv_bytes("Kennzeichen;Titel\n02.10;Friedhofswesen\n"), "neu.csv")
    data = importexport.export_csv(imported)
    assert data.startswith(b"\xef\xbb\xbf" + b"Kennzeichen;Titel;Beschreibung;Aufbewahrungsfrist;Aussonderungsart;aktiv\r\n")
    lines = data.decode("utf-8-sig").splitlines()
    ours = [line for line in lines if line.startswith("02")]
    assert ours == [
        "02;Sicherheit und Ordnung;;;;ja",
        "02.01;Ordnungsangelegenheiten;;10;B;ja",
        "02.01.01;Straßenverkehrsbehörde;Verkehrsrechtliche Anordnungen;10;B;ja",
        "02.01.02;Gewerbeangelegenheiten;Gewerbean-, -um- und -abmeldungen;6;V;ja",
        "02.02;Brandschutz;;dauernd;A;ja",
        "02.09;Zivilschutz (bis 2020);;10;B;nein",
        "02.10;Friedhofswesen;;;;ja",
    ]
    report = importexport.import_file(imported, data, "export.csv")
    assert report == {"created": 0, "updated": 0, "unchanged": len(lines) - 1, "errors": []}


def test_a_retention_typed_with_a_leading_zero_counts_as_unchanged(imported):
    imported["02"]["02-01"].aufbewahrungsfrist = "010"
    report = importexport.import_file(imported, csv_bytes(), "aktenplan.csv")
    assert report == {"created": 0, "updated": 0, "unchanged": 6, "errors": []}


def test_the_xlsx_export_reimports_unchanged(imported):
    from openpyxl import load_workbook

    data = importexport.export_xlsx(imported)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == importexport.COLUMNS
    assert ("02.09", "Zivilschutz (bis 2020)", None, "10", "B", "nein") in rows
    report = importexport.import_file(imported, data, "aktenplan.xlsx")
    assert report == {"created": 0, "updated": 0, "unchanged": len(rows) - 1, "errors": []}


def test_an_xlsx_typed_by_hand_with_numbers_is_read(aktenplan):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Kennzeichen", "Titel", "Aufbewahrungsfrist", "Aussonderungsart", "aktiv"])
    sheet.append(["05", "Soziale Leistungen", None, None, True])
    sheet.append(["05.01", "Wohngeld", 10, "V", False])
    stream = io.BytesIO()
    workbook.save(stream)
    report = importexport.import_file(aktenplan, stream.getvalue(), "Aktenplan Soziales.xlsx")
    assert report["created"] == 2
    wohngeld = aktenplan["05"]["05-01"]
    assert wohngeld.aufbewahrungsfrist == "10"
    assert lifecycle.state(wohngeld) == "inaktiv"


# --- REST API (functional: a real HTTP server) ---------------------------------------------


@pytest.fixture()
def rest(manager_request):
    return manager_request


def test_rest_import_of_a_base64_file_answers_the_report(rest, functional_portal):
    payload = {"file": {"data": base64.b64encode(csv_bytes()).decode(), "filename": "aktenplan.csv"}}
    response = rest.post("/aktenplan/@aktenplan-import", json=payload)
    assert response.status_code == 200, response.text
    assert response.json() == {"created": 6, "updated": 0, "unchanged": 0, "errors": []}
    again = rest.post("/aktenplan/@aktenplan-import", json=payload)
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 6, "errors": []}
    transaction.begin()
    assert functional_portal["aktenplan"]["02"]["02-01"]["02-01-02"].title == "Gewerbeangelegenheiten"


def test_rest_import_accepts_a_raw_csv_body(rest):
    response = rest.post("/aktenplan/@aktenplan-import", data=csv_bytes(), headers={"Content-Type": "text/csv"})
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 6


def test_rest_import_with_errors_answers_400_with_the_lines_and_changes_nothing(rest, functional_portal):
    payload = {"file": {"data": base64.b64encode(csv_bytes(WRONG)).decode(), "filename": "aktenplan.csv"}}
    response = rest.post("/aktenplan/@aktenplan-import", json=payload)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "InvalidInput"
    assert body["message"] == "Der Aktenplan wurde nicht importiert: 7 Zeilen sind fehlerhaft. Es wurde nichts geändert."
    assert [e["line"] for e in body["errors"]] == [3, 4, 5, 6, 7, 8, 9]
    assert body["errors"][0]["message"] == "Der Titel fehlt."
    transaction.begin()
    assert "05" not in functional_portal["aktenplan"].objectIds()


def test_rest_import_without_a_file_answers_400(rest):
    response = rest.post("/aktenplan/@aktenplan-import", json={})
    assert response.status_code == 400
    assert response.json()["type"] == "InvalidInput"


def test_rest_import_needs_the_manage_aktenplan_permission(anon_request):
    response = anon_request.post("/aktenplan/@aktenplan-import", data=csv_bytes(), headers={"Content-Type": "text/csv"})
    assert response.status_code == 401


@pytest.mark.parametrize("role,status", [("Registratur", 200), ("Sachbearbeitung", 401), ("Lesen", 401)])
def test_only_the_registratur_maintains_the_aktenplan_over_rest(functional_portal, request_factory, role, status):
    setRoles(functional_portal, TEST_USER_ID, [role])
    transaction.commit()
    session = request_factory(basic_auth=(TEST_USER_NAME, TEST_USER_PASSWORD))
    response = session.post("/aktenplan/@aktenplan-import", data=csv_bytes(), headers={"Content-Type": "text/csv"})
    assert response.status_code == status


def test_rest_export_answers_a_csv_or_xlsx_attachment(rest):
    rest.post("/aktenplan/@aktenplan-import", data=csv_bytes(), headers={"Content-Type": "text/csv"})
    response = rest.get("/aktenplan/@aktenplan-export", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert "02.09;Zivilschutz (bis 2020);;10;B;nein" in response.content.decode("utf-8-sig")
    xlsx = rest.get("/aktenplan/@aktenplan-export", params={"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx.headers["Content-Type"] == importexport.XLSX_MIMETYPE
    assert xlsx.content.startswith(b"PK")
    wrong = rest.get("/aktenplan/@aktenplan-export", params={"format": "pdf"})
    assert wrong.status_code == 400
    assert wrong.json() == {"type": "InvalidInput",
                            "message": "Unbekanntes Exportformat »pdf«: möglich sind csv und xlsx."}


# --- Classic UI ---------------------------------------------------------------------------


@pytest.fixture()
def browser(request_factory):
    return request_factory(role="Manager", api=False)


def authenticator(browser) -> str:
    page = browser.get("/aktenplan/@@aktenplan-import", headers={"Accept": "text/html"})
    assert page.status_code == 200
    return re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)


def test_the_import_form_imports_a_file_and_reports_the_counts(browser, functional_portal):
    token = authenticator(browser)
    response = browser.post(
        "/aktenplan/@@aktenplan-import",
        data={"_authenticator": token, "form.submitted": "1"},
        files={"datei": ("aktenplan.csv", csv_bytes(), "text/csv")},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 200
    assert "Der Aktenplan wurde importiert: 6 neu angelegt, 0 geändert, 0 unverändert." in response.text
    transaction.begin()
    assert functional_portal["aktenplan"]["02"]["02-09"].title == "Zivilschutz (bis 2020)"


def test_the_import_form_lists_the_wrong_lines_and_changes_nothing(browser, functional_portal):
    token = authenticator(browser)
    response = browser.post(
        "/aktenplan/@@aktenplan-import",
        data={"_authenticator": token, "form.submitted": "1"},
        files={"datei": ("aktenplan.csv", csv_bytes(WRONG), "text/csv")},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 200
    assert "7 Zeilen sind fehlerhaft" in response.text
    assert "Die Aussonderungsart »X« ist ungültig" in response.text
    transaction.begin()
    assert "05" not in functional_portal["aktenplan"].objectIds()


def test_the_import_form_refuses_a_post_without_authenticator(browser, functional_portal):
    response = browser.post(
        "/aktenplan/@@aktenplan-import",
        data={"form.submitted": "1"},
        files={"datei": ("aktenplan.csv", csv_bytes(), "text/csv")},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 403
    transaction.begin()
    assert "02" not in functional_portal["aktenplan"].objectIds()


def test_the_export_links_download_csv_and_xlsx(browser):
    page = browser.get("/aktenplan/@@aktenplan-import", headers={"Accept": "text/html"})
    assert "@@aktenplan-export?format=csv" in page.text and "@@aktenplan-export?format=xlsx" in page.text
    csv_download = browser.get("/aktenplan/@@aktenplan-export?format=csv")
    assert csv_download.status_code == 200
    assert csv_download.headers["Content-Disposition"].startswith("attachment; filename=")
    assert csv_download.content.startswith(b"\xef\xbb\xbfKennzeichen;Titel")
    xlsx_download = browser.get("/aktenplan/@@aktenplan-export?format=xlsx")
    assert xlsx_download.content.startswith(b"PK")
    wrong = browser.get("/aktenplan/@@aktenplan-export?format=pdf", headers={"Accept": "text/html"})
    assert wrong.status_code == 400
    assert "Unbekanntes Exportformat »pdf«" in wrong.text and "Traceback" not in wrong.text
