"""The production settings of the served app, plus the reference view's URL (bench only)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
