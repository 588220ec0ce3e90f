"""Ämter (Organisationseinheiten): the departments of the city administration.

This is the one place where Ämter are kept. Each Amt is stored on the site (number, name, short
name, active flag) and has

- an umbrella group ``amt-<nummer>`` (all its staff; the role groups are members of it),
- one group per role an Amt has, ``amt-<nummer>-<rolle>`` (Sachbearbeitung, Amtsleitung,
  Registratur, Lesen, Poststelle), which receive their roles as local roles with the cause
  ``amt:<nummer>`` (see ``eakte.security``) on the Aktenplaneinheiten the Amt leads (their field
  ``aemter``) and on its Postfach in the central Posteingang; Zope inherits them downwards.

Modules: ``model`` (the Amt, its storage, the errors), ``groups``, ``grants`` (local roles on
units and Postfach) and ``services`` (the domain services). Everything public is importable
from ``eakte.organisation`` itself.

``onboard_amt`` is the one domain service that brings a new Amt into the e-Akte (control panel,
REST ``POST @aemter`` and ``scripts/onboard_amt.py`` all call it). It is idempotent. Renaming and
deactivating never delete anything: a deactivated Amt keeps its groups, its Postfach and its
records; only its working grants are revoked (its Lesen group keeps reading).
"""

from eakte.organisation.grants import led_units  # noqa: F401
from eakte.organisation.grants import sync_unit  # noqa: F401
from eakte.organisation.grants import unit_saved  # noqa: F401
from eakte.organisation.grants import units_by_amt  # noqa: F401
from eakte.organisation.groups import amt_groups  # noqa: F401
from eakte.organisation.model import _storage  # noqa: F401
from eakte.organisation.model import Amt  # noqa: F401
from eakte.organisation.model import AmtConflict  # noqa: F401
from eakte.organisation.model import AMTSLEITUNG  # noqa: F401
from eakte.organisation.model import ANNOTATION_KEY  # noqa: F401
from eakte.organisation.model import get_amt  # noqa: F401
from eakte.organisation.model import group_id  # noqa: F401
from eakte.organisation.model import INACTIVE_GROUPS  # noqa: F401
from eakte.organisation.model import LESEN  # noqa: F401
from eakte.organisation.model import list_aemter  # noqa: F401
from eakte.organisation.model import OrganisationError  # noqa: F401
from eakte.organisation.model import POSTFACH_GROUPS  # noqa: F401
from eakte.organisation.model import POSTSTELLE  # noqa: F401
from eakte.organisation.model import REGISTRATUR  # noqa: F401
from eakte.organisation.model import require_amt  # noqa: F401
from eakte.organisation.model import ROLE_GROUPS  # noqa: F401
from eakte.organisation.model import role_group_id  # noqa: F401
from eakte.organisation.model import ROLES  # noqa: F401
from eakte.organisation.model import SACHBEARBEITUNG  # noqa: F401
from eakte.organisation.model import UNIT_GROUPS  # noqa: F401
from eakte.organisation.model import UnknownAmt  # noqa: F401
from eakte.organisation.services import deactivate_amt  # noqa: F401
from eakte.organisation.services import describe  # noqa: F401
from eakte.organisation.services import ensure_all_onboarded  # noqa: F401
from eakte.organisation.services import ensure_amt  # noqa: F401
from eakte.organisation.services import lead_units  # noqa: F401
from eakte.organisation.services import onboard_amt  # noqa: F401
from eakte.organisation.services import parse_kennzeichen  # noqa: F401
from eakte.organisation.services import reactivate_amt  # noqa: F401
from eakte.organisation.services import rename_amt  # noqa: F401
