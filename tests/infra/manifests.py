"""Reading the deployment files under infra/: YAML documents, commands, variables."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO_DIR = Path(__file__).resolve().parents[2]
INFRA = REPO_DIR / "infra"
COMPOSE_FILE = INFRA / "compose" / "compose.yaml"
K8S_DIR = INFRA / "k8s"
NGINX_DIR = INFRA / "nginx"
DOCKERFILE = INFRA / "docker" / "Dockerfile"
# `# NAME=value` lines: what .env.example documents.
DOCUMENTED = re.compile(r"^# ([A-Z][A-Z0-9_]*)=", flags=re.MULTILINE)
INTERPOLATED = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")
APP_ROLES = ("release", "web", "realtime", "worker", "beat")


def documented_variables() -> set[str]:
    return set(DOCUMENTED.findall((REPO_DIR / ".env.example").read_text()))


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text())
    return loaded


def k8s_documents() -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in sorted(K8S_DIR.rglob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        found += [(path, doc) for doc in yaml.safe_load_all(path.read_text()) if doc]
    return found


def k8s_of_kind(kind: str) -> list[dict[str, Any]]:
    return [doc for _, doc in k8s_documents() if doc["kind"] == kind]


def pod_specs() -> Iterator[tuple[str, dict[str, Any]]]:
    """(workload name, pod spec) of every Deployment and Job."""
    for doc in k8s_of_kind("Deployment") + k8s_of_kind("Job"):
        yield doc["metadata"]["name"], doc["spec"]["template"]["spec"]


def k8s_containers() -> Iterator[tuple[str, dict[str, Any]]]:
    for name, spec in pod_specs():
        for container in spec.get("initContainers", []) + spec["containers"]:
            yield name, container


def as_argv(command: list[str] | str) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(arg) for arg in command]


def app_commands() -> list[list[str]]:
    """Every command line an application container runs, in compose and Kubernetes; an
    `sh -c "a && b"` is split into its parts."""
    commands = [as_argv(compose()["services"][role]["command"]) for role in APP_ROLES]
    commands += [
        as_argv(container["command"])
        for _, container in k8s_containers()
        if container["image"].startswith("nanoguild/app")
    ]
    split: list[list[str]] = []
    for argv in commands:
        if argv[:2] == ["sh", "-c"]:
            split += [shlex.split(part) for part in argv[2].split("&&")]
        else:
            split.append(argv)
    return split


def option(argv: list[str], name: str) -> str:
    """The value of `--name value` or `--name=value` in a command line."""
    for index, arg in enumerate(argv):
        if arg == name:
            return argv[index + 1]
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
    raise AssertionError(f"{name} missing from {argv}")
