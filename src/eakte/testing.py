"""Test layers of the e-Akte, extended by every later feature.

FIXTURE: an e-Akte site with the pilot Ämter and an empty Aktenplan (tests build what they
need). Tests of the demo data apply the demo profile themselves (see the `demo_portal` fixture);
an integration test's changes are rolled back.
"""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE

import eakte


class EakteLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=eakte)

    def setUpPloneSite(self, portal):
        from eakte.setuphandlers import create_pilot_aemter

        applyProfile(portal, "eakte:default")
        create_pilot_aemter(portal)


FIXTURE = EakteLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="EakteLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="EakteLayer:FunctionalTesting",
)
