"""Inside a confidential Akte only the roles granted *on* it count.

Zope decides every access (URL traversal, REST, WebDAV, restrictedTraverse, page templates,
``checkPermission``) with ``user.allowed(object, roles)``, and Plone asks
``user.getRolesInContext(object)`` where it needs the roles themselves. Both first look at the
user's global roles, so a Manager, Site Administrator, Archiv or a city-wide Registratur would
see every confidential Akte. This module changes that rule at this one place: for an object that
is, or is inside, a confidential Akte, a user's roles are only the local roles granted on the
Akte or below it (the Akte blocks inherited ones) plus a running emergency access
(``eakte.security.notfall``). Global roles and inherited roles give nothing there.

The catalog follows the same rule (``allowed_roles_and_users``): a confidential object is
indexed only for the principals that hold a local role on it, never for a role name, so global
roles do not find it in listings or search either.

Code that runs as the system (``api.env.adopt_roles``, unrestricted searches, the
``UnrestrictedUser``) is not affected: those user classes decide access themselves.
"""

from AccessControl.PermissionRole import _what_not_even_god_should_do
from AccessControl.PermissionRole import rolesForPermissionOn
from Products.PlonePAS.plugins.ufactory import PloneUser
from Products.PlonePAS.interfaces.plugins import ILocalRolesPlugin
from Products.PluggableAuthService.PropertiedUser import PropertiedUser
from eakte.interfaces import IRecord
from plone.indexer import indexer
from Products.CMFCore.utils import getToolByName


# Roles that a local grant may carry into a confidential Akte. "Owner" (given to whoever created
# an object) is not among them: creating something does not make one a named principal.
IGNORED_LOCAL_ROLES = frozenset({"Owner"})


def _confidential_akte(obj):
    from eakte.security.confidential import confidential_akte

    return confidential_akte(obj)


def _local_roles_plugins(obj):
    acl_users = getToolByName(obj, "acl_users", None)
    if acl_users is None or not hasattr(acl_users, "plugins"):
        return []
    return acl_users.plugins.listPlugins(ILocalRolesPlugin)


def confidential_roles(user, obj, akte) -> set:
    """The roles of user on obj inside the confidential Akte: local grants only."""
    roles = set()
    for _id, plugin in _local_roles_plugins(obj):
        roles.update(plugin.getRolesInContext(user, obj))
    from eakte.security import notfall

    roles.update(notfall.roles_of(akte, user.getId()))
    return roles - IGNORED_LOCAL_ROLES


def _allowed(original):
    def allowed(self, object, object_roles=None):
        if object_roles is None or object_roles is _what_not_even_god_should_do:
            return original(self, object, object_roles)
        if isinstance(object_roles, str):
            object_roles = [object_roles]
        if "Anonymous" in object_roles:
            return 1
        akte = _confidential_akte(object)
        if akte is None:
            return original(self, object, object_roles)
        roles = confidential_roles(self, object, akte)
        if not roles:
            return None
        if "Authenticated" in object_roles or roles.intersection(object_roles):
            return 1
        return None

    allowed.__wrapped__ = original
    return allowed


def _roles_in_context(original):
    def getRolesInContext(self, object):
        akte = _confidential_akte(object)
        if akte is None:
            return original(self, object)
        roles = confidential_roles(self, object, akte)
        return sorted(roles | {"Authenticated"}) if roles else ["Authenticated"]

    getRolesInContext.__wrapped__ = original
    return getRolesInContext


def install():
    """Apply the rule to Plone's users and to Zope-level users of a PAS (e.g. the admin)."""
    for klass in (PropertiedUser, PloneUser):
        if "allowed" in klass.__dict__ and not hasattr(klass.__dict__["allowed"], "__wrapped__"):
            klass.allowed = _allowed(klass.__dict__["allowed"])
        if "getRolesInContext" in klass.__dict__ and not hasattr(klass.__dict__["getRolesInContext"], "__wrapped__"):
            klass.getRolesInContext = _roles_in_context(klass.__dict__["getRolesInContext"])


def principals_with_view(obj) -> list[str]:
    """``user:<principal>`` for every principal whose local roles let them see obj (the
    permission Plone's own index uses: Access contents information)."""
    allowed = set(rolesForPermissionOn("Access contents information", obj)) - IGNORED_LOCAL_ROLES
    acl_users = getToolByName(obj, "acl_users")
    entries = set()
    for principal, roles in acl_users._getAllLocalRoles(obj).items():
        if allowed.intersection(roles):
            entries.add(f"user:{principal}")
    akte = _confidential_akte(obj)
    from eakte.security import notfall

    for principal, roles in notfall.all_roles(akte).items():
        if allowed.intersection(roles):
            entries.add(f"user:{principal}")
    return sorted(entries)


@indexer(IRecord)
def allowed_roles_and_users(obj):
    """allowedRolesAndUsers of records: inside a confidential Akte only named principals."""
    if _confidential_akte(obj) is None:
        from Products.CMFPlone.CatalogTool import allowedRolesAndUsers

        return allowedRolesAndUsers.callable(obj)  # Plone's own rule
    return principals_with_view(obj) or ["user:nobody-at-all"]
