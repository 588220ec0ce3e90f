"""One exception type, two channels, one error shape.

A domain rule that refused an action (``EakteError``) becomes a German page in the Classic UI and
a 4xx JSON error in the REST API. Every JSON error of the e-Akte has the same shape, whoever
produced it (an e-Akte service, plone.restapi, plone.rest's exception view, Zope):

    {"type": "<name>", "message": "<German text>"}        (plus "errors": [...] for field errors)

``normalize_error_response`` enforces it at one place, just before the publisher commits or
aborts (subscribers in ``eakte.api``): it lifts plone.restapi's ``{"error": {...}}`` to the top
level, drops ``context`` and ``traceback`` (a real 404 and a hidden object's 404 must not differ),
answers input errors that escaped as 500 with 400, a lost database with 503 and
``Retry-After``, and translates Plone's own English messages (German by default, English with
``Accept-Language: en``).
"""

from eakte import _
from eakte.i18n import translate_message
from plone.rest.interfaces import IAPIRequest
from Products.Five import BrowserView
from zope.i18n import translate
from zope.i18nmessageid import Message

import json
import re


RETRY_AFTER_SECONDS = 5

NOT_FOUND = _("error_not_found", default="Die angeforderte Ressource wurde nicht gefunden.")
UNAUTHORIZED = _("error_unauthorized", default="Sie sind nicht berechtigt, diese Ressource aufzurufen.")
INVALID_REQUEST = _("error_invalid_request", default="Die Anfrage ist ungültig.")
NOT_UTF8 = _("error_not_utf8", default="Die Anfrage enthält Zeichen, die kein gültiges UTF-8 sind.")
DATABASE_UNAVAILABLE = _(
    "error_database_unavailable",
    default="Die Datenbank ist gerade nicht erreichbar. Bitte in einigen Sekunden erneut versuchen.",
)

# Plone's own English messages that reach an API client, and their German text.
# (English pattern, message with ${...} for the pattern's named groups)
PLONE_MESSAGES = (
    (r"Disallowed subobject type: (?P<type>.*)",
     _("error_disallowed_subobject_type", default="Objekte vom Typ »${type}« können hier nicht angelegt werden.")),
    (r'The id "(?P<id>.*)" is invalid - it is already in use\.?',
     _("error_id_in_use", default="Die Kennung »${id}« ist hier bereits vergeben.")),
    (r'The id "(?P<id>.*)" is invalid.*',
     _("error_id_invalid", default="Die Kennung »${id}« ist nicht zulässig.")),
    (r"Invalid '@type' parameter\. No content type with the name '(?P<type>.*)' found",
     _("error_unknown_type", default="Es gibt keinen Inhaltstyp »${type}«.")),
    (r"Property '@type' is required",
     _("error_type_required", default="Bitte »@type« angeben.")),
    (r"'?(No JSON object could be decoded|Malformed body)'?",
     _("error_json_object", default="Der Inhalt der Anfrage muss ein JSON-Objekt sein.")),
    (r"The request is not valid UTF-8\.?",
     NOT_UTF8),
    (r"Invalid (?P<name>[\w.]+): not a text",
     _("error_parameter_record", default="Der Parameter »${name}« ist ein Text oder eine Liste von Texten.")),
    (r"Invalid b_size: 0",
     _("error_batch_size_zero", default="b_size muss mindestens 1 sein.")),
    (r"Invalid b_start: .*|Invalid b_size: .*|Having an orphan size higher than batch size is undefined"
     r"|invalid literal for int\(\) with base 10: .*",
     _("error_batching", default="b_start und b_size müssen ganze Zahlen ab 0 sein.")),
    (r"Empty entry when .* expected",
     _("error_converter_empty", default="Ein Parameter ist leer, erwartet wird ein Wert.")),
    (r".* was expected in the value '?(?P<value>.*?)'?",
     _("error_converter", default="Ein Parameter hat einen ungültigen Wert: »${value}«.")),
    (r"Missing transition",
     _("error_missing_transition", default="Bitte den Arbeitsschritt angeben (@workflow/<Schritt>).")),
    (r"Resource is locked\.?",
     _("error_locked", default="Das Objekt ist gesperrt.")),
)
PLONE_MESSAGES = tuple((re.compile(pattern, re.DOTALL), message) for pattern, message in PLONE_MESSAGES)

# Messages that are the same whatever English detail Plone gave.
MESSAGES_BY_TYPE = {"NotFound": NOT_FOUND, "Unauthorized": UNAUTHORIZED}

TYPE_NAMES = {"Bad Request": "BadRequest", "Precondition Failed": "PreconditionFailed"}


def error_body(type_name: str, message: str, errors=None) -> dict:
    """The one shape of every JSON error of the e-Akte."""
    body = {"type": type_name, "message": message}
    if errors:
        body["errors"] = errors
    return body


def not_found_body(request) -> dict:
    """The body of every 404 of the API: a missing object and a hidden one answer the same."""
    return error_body("NotFound", plone_message_text(NOT_FOUND, "Resource not found", request))


def wants_english(request) -> bool:
    accept = (request.get("HTTP_ACCEPT_LANGUAGE") or "") if request is not None else ""
    first = accept.split(",")[0].split(";")[0].strip().lower()
    return first.startswith("en")


def plone_message_text(message, english: str, request) -> str:
    """A message of Plone itself: Plone's English text for English clients, else German."""
    if wants_english(request):
        return english
    return translate(message, target_language="de")


def localized_plone_message(type_name: str, message: str, request) -> str:
    """German (or, with Accept-Language: en, the original English) for Plone's own messages;
    other messages (the e-Akte's, already translated) stay as they are."""
    if type_name in MESSAGES_BY_TYPE:
        return plone_message_text(MESSAGES_BY_TYPE[type_name], _english_default(type_name, message), request)
    for pattern, msgid in PLONE_MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match:
            mapping = {key: value for key, value in match.groupdict().items() if value is not None}
            if wants_english(request):
                return message
            return translate(Message(msgid, mapping=mapping), target_language="de")
    return message


def _english_default(type_name, message):
    if type_name == "NotFound":
        return "Resource not found"
    return message or "You are not authorized to access this resource."


def write_json_error(response, status: int, body: dict) -> None:
    """Set status and JSON body, overriding what an exception view locked before."""
    response._locked_status = False
    response._locked_body = False
    response.setStatus(status, lock=1)
    response.setHeader("Content-Type", "application/json")
    response.setBody(json.dumps(body, ensure_ascii=False), lock=1)
    response._has_challenged = True


def is_database_unavailable(exception) -> bool:
    """The database server went away (restart, network): psycopg2 or RelStorage say so."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, _database_errors()):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def _database_errors() -> tuple:
    errors = []
    try:
        import psycopg2

        errors += [psycopg2.OperationalError, psycopg2.InterfaceError]
    except ImportError:  # pragma: no cover - psycopg2 is a dependency
        pass
    try:
        from relstorage.adapters.interfaces import ReplicaClosedException

        errors.append(ReplicaClosedException)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


def database_unavailable_body(request) -> dict:
    return error_body("ServiceUnavailable", plone_message_text(
        DATABASE_UNAVAILABLE, "The database is unavailable. Please try again in a few seconds.", request))


INPUT_PARSERS = ("ZPublisher.Converters", "plone.batching")
INPUT_FUNCTIONS = {("ZPublisher.HTTPRequest", "processInputs")}
# Code that checks values of the request and says so with a ValueError or TypeError: the batching
# and deserializers of plone.restapi, and the catalog's query parsing behind @search.
INPUT_VALUE_CHECKERS = ("plone.restapi.batching", "plone.restapi.deserializer", "plone.restapi.search",
                        "Products.ZCatalog", "Products.PluginIndexes", "Products.ExtendedPathIndex",
                        "plone.app.querystring")


def is_input_error(exception, traceback) -> bool:
    """An exception caused by the request's data, not by the application: ZPublisher could not
    parse the query or convert a parameter (``:int``, ``:date``), plone.batching refused a batch
    size, a body was no JSON, bytes were no UTF-8."""
    if is_unicode_error(exception) or type(exception).__name__ == "DeserializationError":
        return True
    while traceback is not None:
        frame = traceback.tb_frame
        module = frame.f_globals.get("__name__", "")
        if module.startswith(INPUT_PARSERS) or (module, frame.f_code.co_name) in INPUT_FUNCTIONS:
            return True
        if isinstance(exception, (ValueError, TypeError)) and module.startswith(INPUT_VALUE_CHECKERS):
            return True
        traceback = traceback.tb_next
    return False


def is_unicode_error(exception) -> bool:
    """Bytes that are no UTF-8; ZPublisher wraps the UnicodeDecodeError in a BadRequest."""
    if exception is None:
        return False
    return any(isinstance(candidate, UnicodeError) for candidate in
               (exception, exception.__context__, *(exception.args[:1] if exception.args else ())))


def _parsed_body(response):
    body = response.body
    if not body:
        return None
    try:
        data = json.loads(body)
    except (ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _field_errors(exception):
    """plone.restapi's deserializer raises BadRequest([{"field", "message", "error"}, ...])."""
    details = exception.args[0] if exception is not None and exception.args else None
    if isinstance(details, list) and details and all(isinstance(item, dict) for item in details):
        return [{"field": item.get("field"), "message": str(item.get("message", ""))} for item in details]
    return None


def normalize_error_response(request, exc_info=None) -> None:
    """Give the response of an API request the e-Akte's error shape, status and language."""
    response = request.response
    exception, traceback = (exc_info[1], exc_info[2]) if exc_info else (None, None)
    if exception is not None and is_database_unavailable(exception):
        write_json_error(response, 503, database_unavailable_body(request))
        response.setHeader("Retry-After", str(RETRY_AFTER_SECONDS))
        return
    is_json = "json" in (response.getHeader("Content-Type") or "")
    if not (IAPIRequest.providedBy(request) or is_json):
        return
    status = response.getStatus()
    if exception is not None and status >= 500 and is_input_error(exception, traceback):
        status = 400
    if status < 400:
        return
    data = _parsed_body(response) if is_json else None
    if data is None:
        if exception is None:
            return
        data = {"type": type(exception).__name__, "message": str(exception)}
    inner = data.get("error") if isinstance(data.get("error"), dict) else {}
    type_name = data.get("type") or inner.get("type") or (type(exception).__name__ if exception else "Error")
    type_name = TYPE_NAMES.get(str(type_name), str(type_name))
    if exception is not None and is_input_error(exception, traceback) and not data.get("errors"):
        type_name = "BadRequest"
    message = data["message"] if "message" in data else inner.get("message", "")
    errors = data.get("errors")
    field_errors = None if errors else _field_errors(exception)
    if field_errors:
        errors = field_errors
        message = " ".join(item["message"] for item in field_errors).strip() or message
    if is_unicode_error(exception):
        message = plone_message_text(NOT_UTF8, "The request is not valid UTF-8.", request)
    else:
        text = message if isinstance(message, str) else str(message)
        message = localized_plone_message(type_name, text, request)
        if message == text and exception is not None and is_input_error(exception, traceback) \
                and not wants_english(request):
            message = ""  # an input error of Zope's without a German text: the general one below
    if not message:
        message = plone_message_text(INVALID_REQUEST, "The request is invalid.", request)
    write_json_error(response, status, error_body(type_name, message, errors if isinstance(errors, list) else None))


class EakteErrorView(BrowserView):
    def __call__(self):
        exception = self.context
        response = self.request.response
        message = exception.translated(self.request)
        if IAPIRequest.providedBy(self.request) or "text/html" not in self.request.getHeader("Accept", ""):
            response.setHeader("Content-Type", "application/json")
            response.setStatus(exception.status, lock=1)
            body = error_body(type(exception).__name__, message, getattr(exception, "errors", None))
            response.setBody(json.dumps(body, ensure_ascii=False), lock=1)
            response._has_challenged = True
            return None
        self.context = self.__parent__
        response.setStatus(exception.status, lock=1)
        self.request.set("disable_border", True)
        return self.index(message=message)
