"""Vocabularies of the e-Akte: fixed code lists (xdomea codes) and the Ämter."""

from eakte import _
from eakte.organisation import list_aemter
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(items):
    return SimpleVocabulary([SimpleTerm(value=value, token=value, title=title) for value, title in items])


# xdomea code list "Vertraulichkeitsstufe"
VERTRAULICHKEITSSTUFEN = _vocabulary(
    [
        ("003", _("vs_offen", default="offen")),
        ("002", _("vs_nfd", default="VS – Nur für den Dienstgebrauch")),
        ("005", _("vs_vertraulich", default="vertraulich")),
    ]
)
VERTRAULICH = "005"

# xdomea code list "Medium"
MEDIEN = _vocabulary(
    [
        ("001", _("medium_elektronisch", default="elektronisch")),
        ("002", _("medium_hybrid", default="hybrid")),
        ("003", _("medium_papier", default="Papier")),
    ]
)

# xdomea code list "Aussonderungsart"
AUSSONDERUNGSARTEN = _vocabulary(
    [
        ("A", _("aussonderung_a", default="A – archivwürdig")),
        ("B", _("aussonderung_b", default="B – bewerten")),
        ("V", _("aussonderung_v", default="V – vernichten")),
    ]
)

AKTENARTEN = _vocabulary(
    [
        ("Sachakte", _("aktenart_sachakte", default="Sachakte")),
        ("Fallakte", _("aktenart_fallakte", default="Fallakte")),
    ]
)


@provider(IVocabularyFactory)
def vertraulichkeitsstufen(context):
    return VERTRAULICHKEITSSTUFEN


@provider(IVocabularyFactory)
def medien(context):
    return MEDIEN


@provider(IVocabularyFactory)
def aussonderungsarten(context):
    return AUSSONDERUNGSARTEN


@provider(IVocabularyFactory)
def aktenarten(context):
    return AKTENARTEN


@provider(IVocabularyFactory)
def aemter(context):
    return SimpleVocabulary(
        [SimpleTerm(value=amt.nummer, token=amt.nummer, title=amt.title) for amt in list_aemter()]
    )
