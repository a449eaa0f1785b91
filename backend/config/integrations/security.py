"""Browser-facing security settings: HTTPS behind a proxy, the Content Security Policy, and the
separate media domain (read from the environment; see .env.example).

Production sits behind nginx (or an ingress) that terminates TLS and sets X-Forwarded-Proto;
Django trusts that header only because nothing reaches gunicorn except through the proxy.
"""

from __future__ import annotations

from csp.constants import NONE, SELF, UNSAFE_INLINE

from config.env import PRODUCTION, env
from config.integrations.media import MEDIA_URL

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Probes and the metrics scrape reach the pods over plain HTTP from inside the cluster: a
# redirect to HTTPS would make every probe "pass" on a 301 without testing anything.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$", r"^metrics/?$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The SPA reads the CSRF token from its cookie, so it stays readable by scripts; the session
# cookie never is. Lax keeps the session on top-level navigations from email links.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Uploaded files are served from another registrable domain (Django's security guide: a file
# that is both a valid image and HTML must not run on the site's origin). A relative
# MEDIA_URL is fine embedded; production requires an absolute one, checked by
# `common.checks` under `check --deploy`. MEDIA_URL itself is read in integrations/media.py.
_MEDIA_ORIGIN = MEDIA_URL.split("/", 3)[:3] if MEDIA_URL.startswith("https://") else []

# Content Security Policy (django-csp; Django's own CSP middleware arrives with 6.0). The SPA's
# entry page is served by nginx with the same policy (infra/nginx/); this one covers the API,
# the admin and Swagger UI. Swagger loads its bundle from jsDelivr (drf-spectacular's default)
# and its init script from our own URL (the split view), so no inline script is allowed.
# Inline styles stay allowed: the admin and Swagger UI set `style` attributes.
SWAGGER_CDN = "https://cdn.jsdelivr.net"
# Stripe.js on the fund step, only where Stripe is configured (Stripe's CSP guide: the script
# and its frames from js.stripe.com, 3-D Secure from hooks.stripe.com, calls to api.stripe.com).
_STRIPE = bool(env.str("STRIPE_PUBLISHABLE_KEY", default=""))
STRIPE_JS = ["https://js.stripe.com"] if _STRIPE else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, SWAGGER_CDN, *STRIPE_JS],
        "style-src": [SELF, UNSAFE_INLINE, SWAGGER_CDN],
        "img-src": [SELF, "data:", *(["/".join(_MEDIA_ORIGIN)] if _MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        # CSP 3's 'self' covers the chat socket on the same host (ws:// and wss://).
        "connect-src": [SELF, *(["https://api.stripe.com"] if _STRIPE else [])],
        "frame-src": [SELF, *([*STRIPE_JS, "https://hooks.stripe.com"] if _STRIPE else [])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if PRODUCTION else {}),
    },
}
