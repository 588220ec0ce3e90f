"""Classic UI of the Aktenplan: import form and export downloads for the Registratur."""
