"""Staff accounts: lockout after failed logins, one admin login, optional two-factor."""
