"""Mail leaves the e-Akte through a durable queue, never inside a request.

The site's MailHost writes each message into a maildir when the transaction commits, and its
queue thread delivers it to the SMTP server (``plone.smtp_host``/``plone.smtp_port``), retrying
while the server is unreachable. A mail server that is down therefore neither fails nor slows
the action that sends the mail (e.g. the Notfallzugriff), and no message is lost.
The queue lives in ``$EAKTE_VAR/mailqueue`` (or the instance's client home).
"""

from App.config import getConfiguration

import os


def queue_directory() -> str:
    base = os.environ.get("EAKTE_VAR") or getattr(getConfiguration(), "clienthome", None) or "var"
    return os.path.join(base, "mailqueue")


def configure(portal) -> None:
    mailhost = portal.MailHost
    mailhost.smtp_queue = True
    mailhost.smtp_queue_directory = queue_directory()
    for folder in ("tmp", "new", "cur"):  # a maildir
        os.makedirs(os.path.join(mailhost.smtp_queue_directory, folder), exist_ok=True)
