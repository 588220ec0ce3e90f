"""The Akte: all records of one subject (Sachakte) or one case (Fallakte)."""
