"""1000 -> 1001: the guarantees hold on every channel.

Re-imports the profile steps that changed and runs the data migrations. Each migration is a
small function; ``upgrade`` runs them in order. Safe to run more than once.
"""

PROFILE_ID = "profile-eakte:default"

import logging


logger = logging.getLogger("eakte.upgrades")

# GenericSetup import steps whose files changed in 1001.
STEPS = ("rolemap", "workflow", "plone.app.registry", "typeinfo", "actions")


def reimport_steps(setup):
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE_ID, step)


def reindex_confidential_akten(portal):
    """Inside a confidential Akte the catalog now knows only the named principals (no role
    names): re-index the security of every confidential Akte and its contents."""
    from eakte.security.confidential import is_confidential

    catalog = portal.portal_catalog
    for brain in catalog.unrestrictedSearchResults(portal_type="Akte"):
        akte = brain._unrestrictedGetObject()
        if is_confidential(akte):
            akte.reindexObjectSecurity()


def create_archive_group(portal):
    from eakte.security import archiv

    archiv.ensure_group()


def configure_mail_queue(portal):
    from eakte import mailqueue

    mailqueue.configure(portal)


MIGRATIONS = [
    # (name, function(portal)); appended by each change of 1001
    ("confidential Akten: catalog knows named principals only", reindex_confidential_akten),
    ("the archive's group for offered confidential Akten", create_archive_group),
    ("mail through a durable queue", configure_mail_queue),
]


def upgrade(setup):
    from plone import api

    reimport_steps(setup)
    portal = api.portal.get()
    for name, migration in MIGRATIONS:
        logger.info("eakte 1001: %s", name)
        migration(portal)
