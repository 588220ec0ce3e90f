"""Install, uninstall and distribution handlers; the pilot Ämter every e-Akte starts with.

The demo profile's handler lives in ``eakte.demo`` (it uses these, not the other way round).
"""

from eakte import logger
from eakte.organisation import onboard_amt
from eakte.posteingang import ensure_posteingang
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


# The pilot departments of the model city (domain.md, "Pilot departments").
PILOT_AEMTER = (
    ("11", "Personal- und Organisationsamt", "POA"),
    ("20", "Stadtkämmerei", "Kämmerei"),
    ("62", "Vermessungs- und Katasteramt", "VKA"),
)

FRONT_PAGE_TEXT = """
<h2>Willkommen in der e-Akte</h2>
<p>Die e-Akte ist die elektronische Aktenführung der Stadtverwaltung:
strukturierte, rechtssichere Ablage nach dem Aktenplan, ein zentraler digitaler
Posteingang und die Zusammenarbeit zwischen den Ämtern.</p>
<p>Jeder Schritt wird protokolliert und bleibt nachvollziehbar.</p>
<ul>
  <li><a href="aktenplan">Zum Aktenplan</a>: alle Aufgaben der Verwaltung, ihre Akten, Vorgänge und Dokumente.</li>
  <li><a href="@@aktenzeichen-suche">Suche nach Aktenzeichen</a>, z. B. 01.02-0007.</li>
</ul>
"""


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the site-creation and add-on screens."""
        return ["eakte:uninstall"]

    def getNonInstallableProducts(self):
        return ["eakte.upgrades"]


AKTENPLAN_ID = "aktenplan"


def ensure_aktenplan(portal):
    """The one Aktenplan of the site."""
    if AKTENPLAN_ID not in portal.objectIds():
        from plone.dexterity.utils import createContentInContainer

        createContentInContainer(
            portal, "Aktenplan", id=AKTENPLAN_ID, title="Aktenplan", checkConstraints=False
        )
    return portal[AKTENPLAN_ID]


def post_install(context):
    """Post install script."""
    portal = api.portal.get()
    ensure_aktenplan(portal)
    ensure_posteingang(portal)
    from eakte.security import archiv

    archiv.ensure_group()
    from eakte import mailqueue

    mailqueue.configure(portal)
    logger.info("e-Akte installed")


def uninstall(context):
    """Uninstall script."""
    logger.info("e-Akte uninstalled")


def create_pilot_aemter(portal):
    """Onboard the pilot Ämter (groups, Postfach); the Aktenplaneinheiten they lead are granted
    when the demo Aktenplan exists (``eakte.organisation.lead_units``, see ``eakte.demo``)."""
    for nummer, name, kurzname in PILOT_AEMTER:
        onboard_amt(nummer, name, kurzname, portal=portal)


def distribution_post_handler(distribution, site, answers):
    """After an e-Akte site is created: a German front page."""
    site.text = RichTextValue(FRONT_PAGE_TEXT, "text/html", "text/x-html-safe")
    return site
