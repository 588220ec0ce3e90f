"""The Dokument: one record, a primary file with metadata, versions and SHA-256 checksums."""
