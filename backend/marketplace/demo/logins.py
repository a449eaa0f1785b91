"""The three demo logins `seed_demo` prints; all use `settings.DEMO_PASSWORD`."""

from __future__ import annotations

from marketplace.demo.specs import MemberSpec

DEMO_FREELANCER_EMAIL = "freelancer@nanoguild.test"
DEMO_OWNER_EMAIL = "owner@nanoguild.test"
DEMO_ADMIN_EMAIL = "admin@nanoguild.test"

# Staff and superuser: Django admin and every object through the API.
DEMO_ADMIN = MemberSpec(
    email=DEMO_ADMIN_EMAIL,
    full_name="Nanoguild Admin",
    ui_language="en",
    time_zone="Europe/Berlin",
)

# (who, email), in the order the command prints them.
DEMO_LOGINS: tuple[tuple[str, str], ...] = (
    ("Freelancer", DEMO_FREELANCER_EMAIL),
    ("Business owner", DEMO_OWNER_EMAIL),
    ("Admin", DEMO_ADMIN_EMAIL),
)
