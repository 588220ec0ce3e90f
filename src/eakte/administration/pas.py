"""The PAS plugin methods every channel ends in, wrapped: rule first, then the change, then the
site's Protokoll (who changed what for whom).

Plone's plugins (Products.PlonePAS) store global roles (``portal_role_manager``), group
memberships and groups (``source_groups``), users and passwords (``source_users``) and
properties such as the e-mail (``mutable_properties``). plone.restapi, the control panels,
``portal_groups``/``portal_membership``, ``acl_users.userFolderEditUser`` and the ZMI's
``manage_*`` methods all call the methods wrapped here. The wrappers act only in an e-Akte site
(its browser layer is installed); they change nothing else about the methods.
"""

from functools import wraps

import logging


logger = logging.getLogger("eakte.administration")

_INSTALLED = []

# Properties Plone keeps itself (every login sets the login times): no change of the account.
BOOKKEEPING_PROPERTIES = frozenset({"isGroup", "login_time", "last_login_time"})


def _portal(plugin):
    """The e-Akte site the plugin belongs to, or None (another site, the Zope root)."""
    from plone.base.interfaces import IPloneSiteRoot

    for item in getattr(plugin, "aq_chain", ()):
        if IPloneSiteRoot.providedBy(item):
            return item if _is_eakte(item) else None
    return None


def _is_eakte(portal) -> bool:
    from plone.browserlayer.interfaces import ILocalBrowserLayerType

    try:
        return portal.getSiteManager().queryUtility(ILocalBrowserLayerType, name="eakte") is not None
    except Exception:  # a site without a component registry (being created or removed)
        return False


def _log(portal, action, details) -> None:
    from eakte import protokoll

    protokoll.log(portal, action, details)


def _wrap(cls, name, make):
    original = cls.__dict__.get(name) or getattr(cls, name)
    if getattr(original, "_eakte_wrapped", False):
        return
    wrapper = wraps(original)(make(original))
    wrapper._eakte_wrapped = True
    setattr(cls, name, wrapper)
    _INSTALLED.append((cls, name, original))


# Global roles (portal_role_manager) --------------------------------------------------------


def _direct_roles(plugin, principal_id) -> set:
    return set(plugin._principal_roles.get(principal_id, ()))


def _roles_changed(portal, principal_id, added, removed) -> None:
    from eakte import protokoll

    for role in sorted(added):
        _log(portal, protokoll.ROLLE_ERTEILT, {"principal": principal_id, "rolle": role})
    for role in sorted(removed):
        _log(portal, protokoll.ROLLE_ENTZOGEN, {"principal": principal_id, "rolle": role})


def _assign_role(original):
    def assignRoleToPrincipal(self, role_id, principal_id, *args, **kw):
        portal = _portal(self)
        if portal is None or role_id in _direct_roles(self, principal_id):
            return original(self, role_id, principal_id, *args, **kw)
        from eakte import administration

        administration.check_global_role_change(self, principal_id, {role_id}, ())
        result = original(self, role_id, principal_id, *args, **kw)
        if role_id in _direct_roles(self, principal_id):
            _roles_changed(portal, principal_id, {role_id}, ())
        return result

    return assignRoleToPrincipal


def _remove_role(original):
    def removeRoleFromPrincipal(self, role_id, principal_id, *args, **kw):
        portal = _portal(self)
        if portal is None or role_id not in _direct_roles(self, principal_id):
            return original(self, role_id, principal_id, *args, **kw)
        from eakte import administration

        administration.check_global_role_change(self, principal_id, (), {role_id})
        result = original(self, role_id, principal_id, *args, **kw)
        _roles_changed(portal, principal_id, (), {role_id})
        return result

    return removeRoleFromPrincipal


def _assign_roles(original):
    def assignRolesToPrincipal(self, roles, principal_id, *args, **kw):
        portal = _portal(self)
        if portal is None:
            return original(self, roles, principal_id, *args, **kw)
        from eakte import administration

        before = _direct_roles(self, principal_id)
        wanted = set(roles or ())
        administration.check_global_role_change(self, principal_id, wanted - before, before - wanted)
        result = original(self, roles, principal_id, *args, **kw)
        after = _direct_roles(self, principal_id)
        _roles_changed(portal, principal_id, after - before, before - after)
        return result

    return assignRolesToPrincipal


# Groups and memberships (source_groups) ------------------------------------------------------


def _member_of(plugin, principal_id, group_id) -> bool:
    return group_id in plugin._principal_groups.get(principal_id, ())


def _add_member(original):
    def addPrincipalToGroup(self, principal_id, group_id, *args, **kw):
        portal = _portal(self)
        if portal is None or _member_of(self, principal_id, group_id):
            return original(self, principal_id, group_id, *args, **kw)
        from eakte import administration
        from eakte import protokoll

        administration.check_membership_change(self, principal_id, group_id)
        result = original(self, principal_id, group_id, *args, **kw)
        if _member_of(self, principal_id, group_id):
            _log(portal, protokoll.MITGLIED_HINZUGEFUEGT, {"principal": principal_id, "gruppe": group_id})
        return result

    return addPrincipalToGroup


def _remove_member(original):
    def removePrincipalFromGroup(self, principal_id, group_id, *args, **kw):
        portal = _portal(self)
        if portal is None or not _member_of(self, principal_id, group_id):
            return original(self, principal_id, group_id, *args, **kw)
        from eakte import administration
        from eakte import protokoll

        administration.check_membership_change(self, principal_id, group_id, adding=False)
        result = original(self, principal_id, group_id, *args, **kw)
        _log(portal, protokoll.MITGLIED_ENTFERNT, {"principal": principal_id, "gruppe": group_id})
        return result

    return removePrincipalFromGroup


def _add_group(original):
    def addGroup(self, group_id, *args, **kw):
        portal = _portal(self)
        result = original(self, group_id, *args, **kw)
        if portal is not None:
            from eakte import protokoll

            _log(portal, protokoll.GRUPPE_ANGELEGT, {"gruppe": group_id})
        return result

    return addGroup


def _remove_group(original):
    def removeGroup(self, group_id, *args, **kw):
        portal = _portal(self)
        if portal is None:
            return original(self, group_id, *args, **kw)
        from eakte import administration
        from eakte import protokoll

        administration.check_group_removal(self, group_id)
        result = original(self, group_id, *args, **kw)
        _log(portal, protokoll.GRUPPE_GELOESCHT, {"gruppe": group_id})
        return result

    return removeGroup


# Users and passwords (source_users) ----------------------------------------------------------


def _add_user(original):
    def addUser(self, user_id, login_name, password, *args, **kw):
        portal = _portal(self)
        result = original(self, user_id, login_name, password, *args, **kw)
        if portal is not None:
            from eakte import administration
            from eakte import protokoll

            administration.password_set(portal, user_id)
            _log(portal, protokoll.BENUTZER_ANGELEGT, {"principal": user_id, "login": login_name})
        return result

    return addUser


def _remove_user(original):
    def removeUser(self, user_id, *args, **kw):
        portal = _portal(self)
        if portal is None:
            return original(self, user_id, *args, **kw)
        from eakte import administration
        from eakte import protokoll

        administration.check_account_change(self, user_id)
        result = original(self, user_id, *args, **kw)
        administration.account_removed(portal, user_id)
        _log(portal, protokoll.BENUTZER_GELOESCHT, {"principal": user_id})
        return result

    return removeUser


def _set_password(original):
    def set_password(self, user_id, password, *args, **kw):
        portal = _portal(self)
        if portal is None:
            return original(self, user_id, password, *args, **kw)
        from eakte import administration
        from eakte import protokoll

        administration.check_account_change(self, user_id)
        result = original(self, user_id, password, *args, **kw)
        administration.password_set(portal, user_id)
        _log(portal, protokoll.PASSWORT_GEAENDERT, {"principal": user_id})  # never the password
        return result

    return set_password


def _update_login(original):
    def updateUser(self, user_id, login_name, *args, **kw):
        portal = _portal(self)
        before = self._userid_to_login.get(user_id)
        result = original(self, user_id, login_name, *args, **kw)
        if portal is not None and before != login_name:
            from eakte import protokoll

            _log(portal, protokoll.BENUTZER_GEAENDERT,
                 {"principal": user_id, "eigenschaften": ["login"], "login": {"alt": before, "neu": login_name}})
        return result

    return updateUser


# Properties, e-mail (mutable_properties) ----------------------------------------------------


def _set_properties(original):
    def setPropertiesForUser(self, user, propertysheet, *args, **kw):
        portal = _portal(self)
        if portal is None:
            return original(self, user, propertysheet, *args, **kw)
        from eakte import administration
        from eakte import protokoll

        principal_id = user.getId()
        before = dict(self._storage.get(principal_id) or {})
        new = dict(propertysheet.propertyItems())
        changed = sorted(name for name, value in new.items()
                         if name not in BOOKKEEPING_PROPERTIES and before.get(name) != value and (before or value))
        is_group = bool(getattr(user, "isGroup", lambda: False)())
        if "email" in changed and not is_group:
            administration.check_account_change(self, principal_id)
        result = original(self, user, propertysheet, *args, **kw)
        if changed:  # names only: what changed, not the (personal) values
            _log(portal, protokoll.GRUPPE_GEAENDERT if is_group else protokoll.BENUTZER_GEAENDERT,
                 {"principal": principal_id, "eigenschaften": changed})
        return result

    return setPropertiesForUser


def install() -> None:
    """Wrap the plugin methods (once per process)."""
    from Products.PlonePAS.plugins.group import GroupManager
    from Products.PlonePAS.plugins.property import ZODBMutablePropertyProvider
    from Products.PlonePAS.plugins.role import GroupAwareRoleManager
    from Products.PlonePAS.plugins.user import UserManager

    _wrap(GroupAwareRoleManager, "assignRoleToPrincipal", _assign_role)
    _wrap(GroupAwareRoleManager, "removeRoleFromPrincipal", _remove_role)
    _wrap(GroupAwareRoleManager, "assignRolesToPrincipal", _assign_roles)
    _wrap(GroupManager, "addPrincipalToGroup", _add_member)
    _wrap(GroupManager, "removePrincipalFromGroup", _remove_member)
    _wrap(GroupManager, "addGroup", _add_group)
    _wrap(GroupManager, "removeGroup", _remove_group)
    _wrap(UserManager, "addUser", _add_user)
    _wrap(UserManager, "removeUser", _remove_user)
    _wrap(UserManager, "doChangeUser", _set_password)
    _wrap(UserManager, "updateUserPassword", _set_password)
    _wrap(UserManager, "updateUser", _update_login)
    _wrap(ZODBMutablePropertyProvider, "setPropertiesForUser", _set_properties)
