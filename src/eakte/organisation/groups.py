"""Ämter: their groups (an umbrella group with all staff, one group per role inside it)."""

from eakte.organisation.model import Amt
from eakte.organisation.model import ROLE_GROUPS
from plone import api


def _ensure_group(groupname: str, title: str, description: str) -> bool:
    group = api.group.get(groupname=groupname)
    if group is None:
        api.group.create(groupname=groupname, title=title, description=description)
        return True
    if group.getProperty("title") != title or group.getProperty("description") != description:
        group.setGroupProperties({"title": title, "description": description})
        return True
    return False


def _ensure_groups(amt: Amt) -> bool:
    """The umbrella group and the role groups (members of the umbrella group), with titles."""
    changed = _ensure_group(amt.group_id, amt.title, amt.kurzname)
    groups_tool = api.portal.get_tool("portal_groups")
    members = set(groups_tool.getGroupMembers(amt.group_id))
    for key, role in ROLE_GROUPS:
        groupname = amt.role_group_id(key)
        changed |= _ensure_group(groupname, amt.role_group_title(key), f"{amt.kurzname}: {role}")
        if groupname not in members:
            groups_tool.addPrincipalToGroup(groupname, amt.group_id)
            changed = True
    return changed


def amt_groups(amt: Amt) -> list[dict]:
    """The groups of an Amt: the umbrella group first, then one per role."""
    result = []
    for groupname, role in [(amt.group_id, None)] + [(amt.role_group_id(k), r) for k, r in ROLE_GROUPS]:
        group = api.group.get(groupname=groupname)
        result.append({"id": groupname, "title": group.getProperty("title") if group else "", "rolle": role})
    return result
