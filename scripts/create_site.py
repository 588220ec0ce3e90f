"""Create the e-Akte site if it does not exist yet. Idempotent.

Run inside Zope:  zconsole run var/etc/zope.conf scripts/create_site.py

Environment:
    EAKTE_SITE_ID         id of the site (default: eakte)
    EAKTE_ADMIN_USER      Zope administrator to create if missing (default: admin)
    EAKTE_ADMIN_PASSWORD  its password (default: admin -- demo only, change it in production)
    EAKTE_DEMO            1 (default) creates demo data, 0 an empty e-Akte
    EAKTE_DELETE_EXISTING 1 deletes an existing site of that id first (default: 0)
"""

from plone.distribution.api import site as site_api
from Testing.makerequest import makerequest

import os
import transaction


# `app` is provided by `zconsole run`.
app = makerequest(app)  # noqa: F821

site_id = os.environ.get("EAKTE_SITE_ID", "eakte")
admin_user = os.environ.get("EAKTE_ADMIN_USER", "admin")
admin_password = os.environ.get("EAKTE_ADMIN_PASSWORD", "admin")
with_demo = os.environ.get("EAKTE_DEMO", "1") != "0"
delete_existing = os.environ.get("EAKTE_DELETE_EXISTING", "0") == "1"

if delete_existing and site_id in app.objectIds():
    app.manage_delObjects([site_id])
    transaction.commit()
    print(f"Deleted site {site_id!r}")

if site_id in app.objectIds():
    print(f"Site {site_id!r} exists; nothing to do")
else:
    answers = {
        "site_id": site_id,
        "title": "e-Akte Stadtverwaltung",
        "description": "Elektronische Aktenführung der Stadtverwaltung",
        "default_language": "de",
        "portal_timezone": "Europe/Berlin",
        "setup_content": with_demo,
    }
    site_api.create(app, "eakte", answers)
    print(f"Created e-Akte site {site_id!r} (demo data: {'yes' if with_demo else 'no'})")

# After the site: creating a Plone site replaces the root user folder with a PAS one.
if app.acl_users.getUser(admin_user) is None:
    app.acl_users._doAddUser(admin_user, admin_password, ["Manager"], [])
    print(f"Created Zope administrator {admin_user!r}")
transaction.commit()
