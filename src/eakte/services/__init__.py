"""plone.restapi services of the e-Akte: one folder per service, handlers only translate HTTP to domain calls."""
