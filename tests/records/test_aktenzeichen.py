"""Aktenzeichen: assigned on creation, unique, never reused, stable; kept when moved."""

from eakte import aktenzeichen as az
from plone import api
from recordhelpers import add_dokument


def test_an_akte_gets_kennzeichen_and_a_four_digit_running_number(unit, akte):
    assert akte.aktenzeichen == "01.02-0001"
    second = api.content.create(container=unit, type="Akte", title="Zweite Akte")
    assert second.aktenzeichen == "01.02-0002"


def test_a_vorgang_and_its_dokumente_extend_the_number_of_their_parent(akte, vorgang):
    assert vorgang.aktenzeichen == "01.02-0001.1"
    first = add_dokument(vorgang, "Erstes")
    second = add_dokument(vorgang, "Zweites")
    assert (first.aktenzeichen, second.aktenzeichen) == ("01.02-0001.1-1", "01.02-0001.1-2")
    direct = add_dokument(akte, "Direkt in der Akte")
    assert direct.aktenzeichen == "01.02-0001-1"


def test_numbers_of_deleted_records_are_never_reused(unit, akte):
    second = api.content.create(container=unit, type="Akte", title="Zweite")
    api.content.delete(second)
    third = api.content.create(container=unit, type="Akte", title="Dritte")
    assert third.aktenzeichen == "01.02-0003"


def test_an_aktenzeichen_cannot_be_changed_through_the_api(akte):
    from eakte.records import SYSTEM_FIELD

    assert not api.user.has_permission("eakte: System field", obj=akte)
    from eakte.records import IRecordSchema
    from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY

    assert IRecordSchema.queryTaggedValue(WRITE_PERMISSIONS_KEY)["aktenzeichen"] == SYSTEM_FIELD


def test_the_format_is_configurable_in_the_registry(unit):
    api.portal.set_registry_record("eakte.aktenzeichen_format_akte", "{kennzeichen}/{nummer:03d}")
    akte = api.content.create(container=unit, type="Akte", title="Andere Form")
    assert akte.aktenzeichen == "01.02/001"


def test_moving_an_akte_keeps_the_former_number_and_renumbers_its_contents(aktenplan, akte, vorgang, dokument):
    other = api.content.create(container=aktenplan["innere-verwaltung"], type="Aktenplaneinheit",
                               title="Organisation", kennzeichen="01.03")
    moved = api.content.move(source=akte, target=other)
    assert moved.aktenzeichen == "01.03-0001"
    assert moved.fruehere_aktenzeichen == ["01.02-0001"]
    assert moved["ausschreibung"].aktenzeichen == "01.03-0001.1"
    assert moved["ausschreibung"].fruehere_aktenzeichen == ["01.02-0001.1"]
    assert moved["ausschreibung"][dokument.getId()].aktenzeichen == "01.03-0001.1-1"
    assert moved["ausschreibung"][dokument.getId()].fruehere_aktenzeichen == ["01.02-0001.1-1"]


def test_a_record_is_found_by_aktenzeichen_exactly_by_prefix_and_by_its_former_number(aktenplan, akte, vorgang, dokument):
    assert [b.getObject() for b in az.find("01.02-0001.1")] == [vorgang]
    prefix = [b.aktenzeichen for b in az.find("01.02-0001", prefix=True)]
    assert prefix == ["01.02-0001", "01.02-0001.1", "01.02-0001.1-1"]
    other = api.content.create(container=aktenplan["innere-verwaltung"], type="Aktenplaneinheit",
                               title="Organisation", kennzeichen="01.03")
    api.content.move(source=akte, target=other)
    assert [b.aktenzeichen for b in az.find("01.02-0001")] == ["01.03-0001"]


def test_the_aktenzeichen_is_in_the_full_text_search(akte):
    catalog = api.portal.get_tool("portal_catalog")
    assert [b.UID for b in catalog(SearchableText="01.02-0001")] == [akte.UID()]


def test_the_laufzeit_of_a_new_akte_starts_today_and_stays(akte):
    from datetime import date

    assert akte.__dict__["laufzeit_beginn"] == date.today()


def test_versions_get_history_ids_without_a_site_wide_counter(dokument):
    """Concurrent filing must not conflict on one counter for the whole site (CMFUid's)."""
    from Products.CMFUid.interfaces import IUniqueIdGenerator
    from zope.component import getUtility

    from eakte.dokument.historyids import RandomIdGenerator

    assert isinstance(getUtility(IUniqueIdGenerator), RandomIdGenerator)
    history_id = api.portal.get_tool("portal_historyidhandler").queryUid(dokument)
    assert history_id > 2**40
