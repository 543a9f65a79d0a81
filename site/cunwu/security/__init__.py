"""Abuse resistance and personal data: the real client address, limits on public forms, upload checks,
the audit trail and the retention of personal data. Plugins reach all of it through cunwu.plugins.api."""
