"""Staff accounts: login lockout (django-axes) and two-factor (django-otp)."""

from datetime import timedelta

from .env import env

# Where failures are counted. With Redis (production, `make test`) in the shared cache, so every web process
# sees the same count and a counter simply expires after the cool-off. Without Redis (`make run` on SQLite) in
# the database: django-axes refuses the file cache (axes.W001: its add/incr are not atomic across processes,
# so parallel guesses could slip through uncounted), and the SQLite file is what every process shares there.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler" if env("REDIS_URL", "")
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_CACHE = "default"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(env("AXES_COOLOFF_MINUTES", "15")))
# Two separate counters, each with the limit: the account (whoever tries it, from wherever) and the client
# address (whichever accounts it tries). A success resets both, so one colleague's typo in a shared town
# office does not lock the office out once someone has signed in.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "cunwu.security.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cunwu.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Every successful staff login would otherwise add a row to axes' access log; the audit trail keeps what matters.
AXES_DISABLE_ACCESS_LOG = True

# Two-factor sign-in for staff (django-otp, TOTP apps such as 微信/支付宝 authenticators or Google Authenticator):
#   "optional"                  each staff member may enrol from their account (default)
#   "required_for_town_admins"  town administrators and platform operators must enrol at their next login
#   "required"                  every staff member must
CUNWU_STAFF_2FA = env("CUNWU_STAFF_2FA", "optional")
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "村务")
# A password accepted but no code yet: the code must follow within this many seconds.
CUNWU_2FA_PENDING_SECONDS = 300
