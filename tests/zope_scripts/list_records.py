"""Print the records in a container, straight from the database (run by zconsole).

Environment: CONTAINER_PATH, the container's path inside the site (e.g. aktenplan/personal/akte).

One line per record found below the container (the container itself included), walking the
object tree rather than asking the catalog:

    RECORD <portal_type> <path inside the container> <aktenzeichen> <aktenzeichen_nummer> <UID>

and one line per Aktenzeichen counter of those records (the number drawn last):

    COUNTER <portal_type of the numbered records> <path of the numbering container> <value>
"""

from eakte.aktenzeichen import ANNOTATION_KEY
from eakte.aktenzeichen import DEFAULT_FORMATS
from plone.uuid.interfaces import IUUID
from Testing.makerequest import makerequest
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite

import os


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
container = site.unrestrictedTraverse(os.environ["CONTAINER_PATH"])
registry = IAnnotations(site).get(ANNOTATION_KEY)
counters = registry.counters if registry is not None else {}


def walk(obj, path):
    yield obj, path
    for child in obj.objectValues() if hasattr(obj, "objectValues") else ():
        if getattr(child, "portal_type", None) in DEFAULT_FORMATS:
            yield from walk(child, f"{path}/{child.getId()}")


for obj, path in walk(container, "."):
    print(
        "RECORD",
        obj.portal_type,
        path,
        getattr(obj, "aktenzeichen", None) or "-",
        getattr(obj, "aktenzeichen_nummer", None) or "-",
        IUUID(obj, None) or "-",
    )
    for portal_type in DEFAULT_FORMATS:
        counter = counters.get(f"{portal_type}:{IUUID(obj, None)}")
        if counter is not None:
            print("COUNTER", portal_type, path, counter.value)
