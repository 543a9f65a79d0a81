"""Staff accounts: login lockout (django-axes) and two-factor (django-otp)."""

from .env import env

AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "cunwu.security.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
