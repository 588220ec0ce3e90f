"""The Aktenplan (filing plan) and its Aktenplaneinheiten (positions with a Kennzeichen)."""
