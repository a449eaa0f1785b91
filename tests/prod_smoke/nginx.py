"""infra/nginx/ as the smoke runs it: the same files, rendered the way the nginx image's
entrypoint renders them (envsubst of the NANOGUILD_* variables), with the paths of a container
moved into the smoke's folder and the upstreams pointed at the local processes."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from tests.prod_smoke.processes import REPO_DIR

NGINX_DIR = REPO_DIR / "infra" / "nginx"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    assert found, (
        "nginx is not installed: `make prod-smoke` installs it (apt-get install nginx-light)"
    )
    return found


def spa_root(workdir: Path) -> Path:
    """The built SPA when there is one (frontend/dist), else the entry page it replaces."""
    dist = REPO_DIR / "frontend" / "dist"
    if (dist / "index.html").exists():
        return dist
    root = workdir / "spa"
    shutil.copytree(REPO_DIR / "frontend" / "public", root, dirs_exist_ok=True)
    return root


def render(
    workdir: Path,
    *,
    port: int,
    web_port: int,
    realtime_port: int,
    static_root: Path,
    media_root: Path,
) -> Path:
    """Write nginx.conf and its includes under workdir/nginx; returns the main file."""
    home = workdir / "nginx"
    (home / "conf.d").mkdir(parents=True, exist_ok=True)
    (home / "snippets").mkdir(exist_ok=True)
    variables = {
        "NANOGUILD_SERVER_NAME": "127.0.0.1",
        "NANOGUILD_MEDIA_SERVER_NAME": "media.nanoguild-usercontent.test",
        "NANOGUILD_WEB_UPSTREAM": f"127.0.0.1:{web_port}",
        "NANOGUILD_REALTIME_UPSTREAM": f"127.0.0.1:{realtime_port}",
    }
    moves = {
        "/etc/nginx/conf.d/": f"{home}/conf.d/",
        "/etc/nginx/snippets/": f"{home}/snippets/",
        "/srv/nanoguild/spa": str(spa_root(workdir)),
        "/srv/nanoguild/static/": f"{static_root}/",
        "/srv/nanoguild/media": str(media_root),
        "/tmp/": f"{home}/",  # noqa: S108  (the container's path, replaced here)
        "listen 8080": f"listen 127.0.0.1:{port}",
    }

    # One pass, so a replacement (a path under /tmp/) is never replaced again.
    moved = re.compile("|".join(re.escape(old) for old in moves))

    def adapt(text: str) -> str:
        text = re.sub(r"\$\{(NANOGUILD_[A-Z_]+)\}", lambda m: variables[m.group(1)], text)
        return moved.sub(lambda m: moves[m.group(0)], text)

    main = adapt((NGINX_DIR / "nginx.conf").read_text())
    if os.geteuid() == 0:
        # The container's workers run as the `nginx` user over world-readable files; the
        # smoke's files are private to the user running it, so the workers must be that user.
        main = "user root;\n" + main
    (home / "nginx.conf").write_text(main)
    (home / "conf.d" / "nanoguild.conf").write_text(
        adapt((NGINX_DIR / "nanoguild.conf").read_text())
    )
    shutil.copy(NGINX_DIR / "security-headers.conf", home / "snippets" / "security-headers.conf")
    return home / "nginx.conf"
