"""The audit trail and retention screens in the admin (issue 10, personal data)."""
