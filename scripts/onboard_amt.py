"""Onboard an Amt (department) into the e-Akte: register it, create its groups and its Postfach,
grant its groups their roles on the Aktenplaneinheiten it leads. Idempotent: running it again
with the same data changes nothing.

Run inside Zope (zconsole passes no arguments, so the data comes from the environment):

    AMT_NUMMER=32 AMT_NAME=Ordnungsamt AMT_KURZNAME=OA AMT_KENNZEICHEN=02.01,02.02 \\
        zconsole run var/etc/zope.conf scripts/onboard_amt.py

Environment:
    AMT_NUMMER        number of the Amt (digits), required
    AMT_NAME          name, e.g. "Vermessungs- und Katasteramt", required
    AMT_KURZNAME      short name, e.g. "VKA", required
    AMT_KENNZEICHEN   Kennzeichen of the Aktenplaneinheiten the Amt leads, comma-separated (optional)
    EAKTE_SITE_ID     id of the site (default: eakte)

Exit status 0 on success; 1 with the German message on stderr if the Amt was refused (nothing is
changed then).
"""

from eakte import organisation
from eakte.exceptions import EakteError
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.i18n import translate
from zope.i18nmessageid import Message

import os
import sys
import transaction


# `app` is provided by `zconsole run`.
app = makerequest(app)  # noqa: F821

site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
nummer = os.environ.get("AMT_NUMMER", "")
name = os.environ.get("AMT_NAME", "")
kurzname = os.environ.get("AMT_KURZNAME", "")
kennzeichen = [k.strip() for k in os.environ.get("AMT_KENNZEICHEN", "").split(",") if k.strip()]

existed = organisation.get_amt(nummer.strip(), site) is not None
try:
    with api.env.adopt_roles(["Manager"]):
        amt = organisation.onboard_amt(nummer, name, kurzname, kennzeichen, portal=site)
        info = organisation.describe(amt, portal=site)
except EakteError as error:
    transaction.abort()
    message = error.message
    if error.mapping:
        message = Message(message, mapping=dict(message.mapping or {}, **error.mapping))
    print(f"Fehler: {translate(message, target_language='de')}", file=sys.stderr)
    sys.exit(1)
transaction.commit()

print(f"Amt {amt.title} ({amt.kurzname}): {'bereits vorhanden' if existed else 'angelegt'}")
print("Gruppen: " + ", ".join(group["id"] for group in info["gruppen"]))
print(f"Postfach: {info['postfach']}")
print("Aktenplaneinheiten: " + (", ".join(unit["kennzeichen"] for unit in info["aktenplaneinheiten"]) or "keine"))
