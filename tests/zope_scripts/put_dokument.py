"""Create an Aktenplaneinheit, an Akte and a Dokument (with a new file version) and commit."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import transaction


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
with api.env.adopt_roles(["Manager"]):
    from eakte.dokument.versions import set_file

    unit = api.content.create(container=site["aktenplan"], type="Aktenplaneinheit", title="Prüfung",
                              kennzeichen=os.environ.get("KENNZEICHEN", "99"))
    akte = api.content.create(container=unit, type="Akte", title="Prüfakte")
    dokument = api.content.create(container=akte, type="Dokument", title="Prüfdokument",
                                  file=NamedBlobFile(b"%PDF-1.4 erste Fassung", filename="a.pdf"))
    set_file(dokument, NamedBlobFile(b"%PDF-1.4 zweite Fassung", filename="b.pdf"), "Zweite Fassung")
transaction.commit()
print("PATH", "/".join(dokument.getPhysicalPath()))
print("AKTENZEICHEN", dokument.aktenzeichen)
