"""Creating a site means creating an e-Akte: the `eakte` distribution."""

from eakte.organisation import list_aemter
from eakte.organisation import ROLE_GROUPS
from plone import api
from plone.base.utils import get_installer
from plone.distribution.api import distribution as dist_api

import pytest


@pytest.fixture(scope="session")
def distribution_name() -> str:
    return "eakte"


@pytest.fixture(scope="session")
def answers() -> dict:
    return {
        "site_id": "stadt",
        "title": "e-Akte Stadtverwaltung",
        "description": "Elektronische Aktenführung",
        "default_language": "de",
        "portal_timezone": "Europe/Berlin",
        "setup_content": True,
    }


@pytest.fixture()
def site(app, create_site, answers):
    return create_site(app, answers)


def test_the_eakte_distribution_is_registered_with_german_defaults():
    distribution = dist_api.get("eakte")
    properties = distribution.schema["properties"]
    assert properties["default_language"]["default"] == "de"
    assert properties["portal_timezone"]["default"] == "Europe/Berlin"
    assert properties["site_id"]["default"] == "eakte"


def test_a_new_site_has_the_eakte_and_plone_restapi_installed(site):
    installer = get_installer(site)
    assert installer.is_product_installed("eakte")
    assert installer.is_product_installed("plone.restapi")


def test_a_new_site_speaks_german_with_english_available_in_berlin_time(site):
    assert api.portal.get_registry_record("plone.default_language") == "de"
    assert api.portal.get_registry_record("plone.available_languages") == ["de", "en"]
    assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"
    assert site.Language() == "de"


def test_a_new_site_has_a_german_front_page(site):
    assert "Willkommen in der e-Akte" in site.text.raw
    assert site.Title() == "e-Akte Stadtverwaltung"


def test_demo_data_onboards_the_three_pilot_aemter_with_their_groups_and_postfaecher(site):
    aemter = {amt.nummer: amt for amt in list_aemter(site)}
    assert sorted(aemter) == ["11", "20", "62"]
    assert aemter["11"].name == "Personal- und Organisationsamt"
    assert aemter["20"].name == "Stadtkämmerei"
    assert aemter["62"].name == "Vermessungs- und Katasteramt"
    for nummer, amt in aemter.items():
        group = api.group.get(groupname=f"amt-{nummer}")
        assert group is not None
        assert group.getProperty("title") == amt.title
        for key, role in ROLE_GROUPS:
            role_group = api.group.get(groupname=f"amt-{nummer}-{key}")
            assert role_group.getProperty("title") == f"{amt.title}: {role}"
        assert site["posteingang"][f"amt-{nummer}"].amt == nummer
