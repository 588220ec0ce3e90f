"""Create an Aktenplaneinheit and an Akte whose title is changed once (a Protokoll with two
entries) and commit."""

from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import os
import transaction


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
with api.env.adopt_roles(["Manager"]):
    from eakte import protokoll

    unit = api.content.create(container=site["aktenplan"], type="Aktenplaneinheit", title="Protokollprüfung",
                              kennzeichen=os.environ.get("KENNZEICHEN", "97"))
    akte = api.content.create(container=unit, type="Akte", title="Personalakte Muster")
    akte.title = "Personalakte Mustermann"
    notify(ObjectModifiedEvent(akte))
    entries = protokoll.entries(akte)
transaction.commit()
print("PATH", "/".join(akte.getPhysicalPath()))
print("AKTENZEICHEN", akte.aktenzeichen)
print("UID", akte.UID())
print("ACTIONS", ",".join(entry["action"] for entry in entries))
