"""@aktenplan-import and @aktenplan-export: the Aktenplan as CSV or XLSX over the REST API."""
