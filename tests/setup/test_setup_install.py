"""The e-Akte add-on installs with its dependencies and settings."""

from eakte import PACKAGE_NAME
from plone import api

import pytest


class TestSetupInstall:
    def test_addon_installed(self, installer):
        assert installer.is_product_installed(PACKAGE_NAME) is True

    def test_browserlayer_is_registered(self, browser_layers):
        from eakte.interfaces import IEakteLayer

        assert IEakteLayer in browser_layers

    def test_installed_profile_version_is_the_one_in_metadata_xml(
        self, setup_tool, profile_last_version
    ):
        profile = f"{PACKAGE_NAME}:default"
        assert profile_last_version(profile) == setup_tool.getVersionForProfile(profile)

    def test_installing_the_eakte_installs_plone_restapi(self, installer):
        assert installer.is_product_installed("plone.restapi") is True

    @pytest.mark.parametrize(
        "record,expected",
        [
            ("plone.default_language", "de"),
            ("plone.available_languages", ["de", "en"]),
            ("plone.portal_timezone", "Europe/Berlin"),
        ],
    )
    def test_site_speaks_german_in_berlin_time(self, portal, record, expected):
        assert api.portal.get_registry_record(record) == expected



def test_a_site_of_version_1000_upgrades_to_the_current_profile(portal, setup_tool):
    """A site made with the first release runs every upgrade step and ends on the current version."""
    profile = f"{PACKAGE_NAME}:default"
    current = setup_tool.getVersionForProfile(profile)
    setup_tool.setLastVersionForProfile(profile, "1000")
    assert setup_tool.listUpgrades(profile), "no upgrade step from 1000"
    setup_tool.upgradeProfile(profile)
    assert setup_tool.getLastVersionForProfile(profile) == tuple(current.split("."))
    assert not setup_tool.listUpgrades(profile)
