"""Online backups and restores of the whole platform: database, uploaded files, checks (issue 12)."""
