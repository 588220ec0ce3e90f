"""The archive sees a confidential Akte only once it is offered to it.

The global role Archiv gives no access to a confidential Akte (``eakte.security.roles``). The
Aussonderung (a later feature) calls ``offer`` when it puts the Akte on an offer list
(Anbieteverzeichnis, xdomea 0501) and ``withdraw`` when the offer ends: the archive's group
then holds the role Archiv on the Akte, with the cause "aussonderung", protocolled.
"""

from eakte import security
from plone import api


GROUP = "stadtarchiv"
CAUSE = security.cause("aussonderung")


def ensure_group():
    """The city archive's group (members: the archivists); holds the global role Archiv."""
    if api.group.get(groupname=GROUP) is None:
        api.group.create(groupname=GROUP, title="Archiv", description="Stadtarchiv: Aussonderung",
                         roles=["Archiv"])
    return GROUP


def offer(akte) -> None:
    from eakte import protokoll

    if security.grant(akte, ensure_group(), ["Archiv"], CAUSE):
        protokoll.log(akte, "archiv_angeboten", {"gruppe": GROUP})


def withdraw(akte) -> None:
    from eakte import protokoll

    if security.revoke(akte, GROUP, CAUSE):
        protokoll.log(akte, "archiv_zurueckgezogen", {"gruppe": GROUP})
