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


MIGRATIONS = [
    # (name, function(portal)); appended by each change of 1001
]


def upgrade(setup):
    from plone import api

    reimport_steps(setup)
    portal = api.portal.get()
    for name, migration in MIGRATIONS:
        logger.info("eakte 1001: %s", name)
        migration(portal)
