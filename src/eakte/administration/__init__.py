"""Administration without self-promotion: who may change users, groups, memberships and roles.

The role Administration (demo user ``verwaltung``) manages users, the memberships of the Ämter's
groups and the onboarding of Ämter, and nothing more. The rules hold for every channel
(plone.restapi ``@users``/``@groups``, the Classic UI control panels, PAS's ``manage_*``
methods, Python), because they are checked where every channel ends: in the PAS plugins that
store roles, group memberships, passwords and properties (``pas.py`` wraps them; each wrapper
checks here first, then changes, then writes the site's Protokoll).

Whose changes are limited ("guarded"): every logged-in user who may manage users and groups
("Plone Site Setup: Users and Groups") but is no Manager ("eakte: Manage global roles"): the
Administration, and also a Site Administrator. Not limited: Manager, Zope's system user (setup
and scripts), anonymous requests (the password-reset link) and users who reach no user
management at all (Plone's own permission checks stop them; code acting for them, such as
changing their own password, is not self-promotion). For a guarded user:

- Global roles: none is granted or revoked, for nobody (itself included). Global roles
  (Manager, Site Administrator, Archiv, Registratur, Administration, Sachbearbeitung, ...)
  reach records; they are the Manager's business.
- Group memberships: only of the Ämter's groups (``amt-<nr>`` and ``amt-<nr>-<rolle>`` of a
  registered Amt) that hold no global role; the member is a person (a group only as the Amt's
  own role group in its umbrella group, the structure onboarding builds); never the user
  itself, and never an account that holds a global role (another Administration, the Archiv,
  a Manager): that is onboarding of staff, and the Amt's staff are the ones with record access.
- Password, e-mail and deletion of another account: only of an account that has no more
  rights than the user's own (no global role and no group the user lacks). Staff of an Amt
  therefore get a new password through the reset link mailed to their own address.
- Groups: a group that holds a global role or belongs to a registered Amt is not deleted
  (an Amt is deactivated instead).
- Knowing a password: an account whose current password the user set (on creation or later)
  is not put into an Amt group by that user: it could log in as the new member. The person
  first sets a password of their own (the reset link mailed to them, or changing it), or a
  Manager assigns the group.
"""

from AccessControl import getSecurityManager
from AccessControl.users import UnrestrictedUser
from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from eakte import _
from eakte.exceptions import EakteError

import re


# Roles that give nothing beyond being logged in.
HARMLESS_ROLES = frozenset({"Member", "Authenticated", "Anonymous", "Owner"})
VIRTUAL_GROUPS = frozenset({"AuthenticatedUsers"})
PASSWORD_SETTERS_KEY = "eakte.administration.password_set_by"
USERS_AND_GROUPS = "Plone Site Setup: Users and Groups"
AMT_GROUP = re.compile(r"^amt-(?P<nummer>\d+)(?:-(?P<key>[a-z]+))?$")


class NotPermitted(EakteError):
    """The change would give rights that only a Manager gives (403)."""

    status = 403


# Who is asking ----------------------------------------------------------------------------


def guarded_user(portal=None):
    """The current user if their changes are limited (see module doc), else None."""
    manager = getSecurityManager()
    user = manager.getUser()
    if user is None or isinstance(aq_base(user), UnrestrictedUser):
        return None
    stack = getattr(getattr(manager, "_context", None), "stack", None) or []
    if stack and "Manager" in (getattr(stack[-1], "_proxy_roles", None) or ()):
        return None  # code running as Manager (plone.api's adopt_roles, proxy roles)
    if user.getId() is None:  # anonymous
        return None
    from eakte.permissions import ManageGlobalRoles
    from plone import api

    portal = portal if portal is not None else api.portal.get()
    security_manager = getSecurityManager()
    if security_manager.checkPermission(ManageGlobalRoles, portal):
        return None  # Manager (also through api.env.adopt_roles or proxy roles)
    if not security_manager.checkPermission(USERS_AND_GROUPS, portal):
        return None  # reaches no channel that manages users (code acting for it: own password, tests)
    return user


# What a principal has -----------------------------------------------------------------------


def _acl_users(plugin):
    from Acquisition import aq_inner
    from Acquisition import aq_parent

    return aq_parent(aq_inner(plugin))


def _portal_of(plugin):
    from Acquisition import aq_inner
    from Acquisition import aq_parent

    return aq_parent(aq_inner(_acl_users(plugin)))


def _principal(acl_users, principal_id):
    user = acl_users.getUserById(principal_id)
    if user is None:
        groups = getattr(acl_users, "source_groups", None)
        if groups is not None and principal_id in groups.listGroupIds():
            user = acl_users.getGroupById(principal_id)
    return user


def is_group(acl_users, principal_id) -> bool:
    groups = getattr(acl_users, "source_groups", None)
    return groups is not None and principal_id in groups.listGroupIds()


def global_roles(acl_users, principal_id) -> set:
    """The global roles of a user or group (also those through its groups), harmless ones left out."""
    principal = _principal(acl_users, principal_id)
    roles = set(principal.getRoles() or ()) if principal is not None else set()
    return roles - HARMLESS_ROLES


def groups_of(acl_users, principal_id) -> set:
    principal = _principal(acl_users, principal_id)
    groups = set(principal.getGroups() or ()) if principal is not None else set()
    return groups - VIRTUAL_GROUPS


def has_more_rights(acl_users, principal_id, user) -> bool:
    """Has the principal a global role or a group that ``user`` lacks?"""
    own_roles = set(user.getRoles() or ()) - HARMLESS_ROLES
    own_groups = set(user.getGroups() or ()) - VIRTUAL_GROUPS
    return bool(global_roles(acl_users, principal_id) - own_roles
                or groups_of(acl_users, principal_id) - own_groups)


def amt_of_group(group_id, portal=None):
    """The registered Amt whose group this is (umbrella or role group), else None."""
    from eakte.organisation import get_amt
    from eakte.organisation import ROLES

    match = AMT_GROUP.match(group_id or "")
    if match is None:
        return None
    key = match.group("key")
    if key is not None and key not in ROLES:
        return None
    return get_amt(match.group("nummer"), portal)


# Who set the current password of an account -------------------------------------------------


def _password_setters(portal, create=False):
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(portal)
    setters = annotations.get(PASSWORD_SETTERS_KEY)
    if setters is None and create:
        setters = annotations[PASSWORD_SETTERS_KEY] = OOBTree()
    return setters


def _current_user_id() -> str:
    user = getSecurityManager().getUser()
    return (user.getId() or "") if user is not None else ""


def password_set(portal, principal_id) -> None:
    """Remember who set the account's current password (the person itself, or via the reset
    link: nobody else knows it)."""
    setter = _current_user_id()
    setters = _password_setters(portal, create=setter not in ("", principal_id))
    if setters is None:
        return
    if setter in ("", principal_id):
        if principal_id in setters:
            del setters[principal_id]
    elif setters.get(principal_id) != setter:
        setters[principal_id] = setter


def account_removed(portal, principal_id) -> None:
    setters = _password_setters(portal)
    if setters is not None and principal_id in setters:
        del setters[principal_id]


def password_known_by(portal, principal_id) -> str | None:
    """The user (other than the account's person) who set its current password, if any."""
    setters = _password_setters(portal)
    return setters.get(principal_id) if setters is not None else None


# The rules ----------------------------------------------------------------------------------


def _refuse(message):
    raise NotPermitted(message)


def check_global_role_change(plugin, principal_id, added, removed) -> None:
    user = guarded_user(_portal_of(plugin))
    changed = sorted((set(added) | set(removed)) - HARMLESS_ROLES)
    if user is None or not changed:
        return
    _refuse(_("error_admin_global_role",
              default="Globale Rollen (${rollen}) vergibt und entzieht nur ein Manager.",
              mapping={"rollen": ", ".join(changed)}))


def check_membership_change(plugin, principal_id, group_id, adding: bool = True) -> None:
    user = guarded_user(_portal_of(plugin))
    if user is None:
        return
    acl_users = _acl_users(plugin)
    amt = amt_of_group(group_id, _portal_of(plugin))
    if amt is None or global_roles(acl_users, group_id):
        _refuse(_("error_admin_group_not_amt",
                  default="Die Mitglieder der Gruppe ${gruppe} verwaltet nur ein Manager: "
                          "die Administration verwaltet die Gruppen der Ämter.",
                  mapping={"gruppe": group_id}))
    if is_group(acl_users, principal_id):
        if group_id == amt.group_id and principal_id in amt.role_group_ids.values():
            return  # the Amt's own structure (onboarding)
        _refuse(_("error_admin_group_in_group",
                  default="Die Gruppe ${mitglied} kann nicht Mitglied der Gruppe ${gruppe} werden.",
                  mapping={"mitglied": principal_id, "gruppe": group_id}))
    if principal_id == user.getId():
        _refuse(_("error_admin_self",
                  default="Ihre eigenen Gruppen und Rollen ändert nur ein Manager.",
                  mapping={}))
    if global_roles(acl_users, principal_id):
        _refuse(_("error_admin_account_with_roles",
                  default="Das Konto ${konto} hat globale Rollen; seine Gruppen ändert nur ein Manager.",
                  mapping={"konto": principal_id}))
    if adding and password_known_by(_portal_of(plugin), principal_id) == user.getId():
        _refuse(_("error_admin_password_known",
                  default="Sie haben das Passwort des Kontos ${konto} gesetzt. Einem Amt wird es zugeordnet, "
                          "sobald die Person ihr Passwort selbst gesetzt hat (Link zum Zurücksetzen).",
                  mapping={"konto": principal_id}))


def check_account_change(plugin, principal_id) -> None:
    """Password, e-mail or deletion of an account."""
    user = guarded_user(_portal_of(plugin))
    if user is None or principal_id == user.getId():
        return
    if has_more_rights(_acl_users(plugin), principal_id, user):
        _refuse(_("error_admin_more_rights",
                  default="Das Konto ${konto} hat mehr Rechte als Ihr eigenes: Passwort, E-Mail-Adresse "
                          "und Löschung ändern nur ein Manager und die Person selbst.",
                  mapping={"konto": principal_id}))


def check_group_removal(plugin, group_id) -> None:
    user = guarded_user(_portal_of(plugin))
    if user is None:
        return
    if global_roles(_acl_users(plugin), group_id) or amt_of_group(group_id, _portal_of(plugin)) is not None:
        _refuse(_("error_admin_group_removal",
                  default="Die Gruppe ${gruppe} löscht nur ein Manager (ein Amt wird deaktiviert, nicht gelöscht).",
                  mapping={"gruppe": group_id}))


from eakte.administration import pas  # noqa: E402


pas.install()
