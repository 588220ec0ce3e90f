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
