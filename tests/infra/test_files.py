"""The deployment files stay true without an engine to run them: every command, module, port
and variable they name exists in the project, and the manifests hold together."""

from __future__ import annotations

import importlib.util
import re
from typing import Any

import pytest
from django.core.management import get_commands
from django.urls import resolve

from tests.infra.manifests import (
    APP_ROLES,
    COMPOSE_FILE,
    DOCKERFILE,
    INTERPOLATED,
    K8S_DIR,
    NGINX_DIR,
    REPO_DIR,
    app_commands,
    compose,
    documented_variables,
    k8s_containers,
    k8s_documents,
    k8s_of_kind,
    option,
    pod_specs,
)

BACKEND = REPO_DIR / "backend"
# Variables of the engines' and nginx's images, or of compose itself, not of Nanoguild.
NOT_APP_VARIABLES = {"COMPOSE_PROFILES", "POSTGRES_PASSWORD", "NANOGUILD_IMAGE"}


def _module_exists(dotted: str) -> bool:
    return importlib.util.find_spec(dotted) is not None


# --- commands and modules ------------------------------------------------------------------------


def test_every_app_command_names_a_real_program_module_and_command() -> None:
    commands = app_commands()
    programs = {argv[0] for argv in commands}
    assert programs == {"gunicorn", "uvicorn", "celery", "python"}
    for argv in commands:
        if argv[0] == "gunicorn":
            assert (BACKEND / option(argv, "-c")).is_file()
            assert argv[-1] == "config.wsgi:application"
            assert _module_exists("config.wsgi")
        elif argv[0] == "uvicorn":
            assert argv[1] == "config.asgi:application"
            assert _module_exists("config.asgi")
        elif argv[0] == "celery":
            assert argv[1:3] == ["-A", "config"]
            assert argv[3] in {"worker", "beat"}
        else:
            assert argv[1] == "manage.py"
            assert argv[2] in get_commands(), f"no management command {argv[2]}"


def test_release_runs_migrations_skills_and_the_index_rebuild() -> None:
    managed = [argv[2] for argv in app_commands() if argv[0] == "python"]
    # Once in compose's release service, once in the Kubernetes release Job.
    assert managed == ["migrate", "skills_load", "search_rebuild"] * 2


def test_every_role_runs_in_both_compose_and_kubernetes() -> None:
    services = compose()["services"]
    assert set(APP_ROLES) | {"nginx", "postgres", "redis", "elasticsearch"} <= set(services)
    assert {"es01", "es02", "es03"} <= set(services)
    assert {services[n]["profiles"][0] for n in ("es01", "es02", "es03")} == {"es-cluster"}
    assert services["elasticsearch"]["profiles"] == ["es-single"]
    workloads = {name for name, _ in pod_specs()}
    assert workloads == {"web", "realtime", "worker", "beat", "nginx", "release"}


def test_dockerfile_copies_only_what_exists() -> None:
    text = DOCKERFILE.read_text()
    sources = re.findall(r"^COPY (?!--from)(\S+)", text, flags=re.MULTILINE)
    # The SPA's own files arrive with the frontend; its folder exists already.
    checked = [s for s in sources if not s.startswith("frontend/package")]
    assert checked
    for source in checked:
        assert (REPO_DIR / source.rstrip("/")).exists(), source
    targets = set(re.findall(r"^FROM \S+ AS (\S+)", text, flags=re.MULTILINE))
    assert {"app", "nginx"} <= targets
    for service in ("web", "nginx"):
        assert compose()["services"][service]["build"]["target"] in targets


# --- variables -----------------------------------------------------------------------------------


def _compose_app_variables() -> set[str]:
    names: set[str] = set()
    for role in APP_ROLES:
        environment = compose()["services"][role]["environment"]
        names |= set(environment)
        names |= {n for v in environment.values() for n in INTERPOLATED.findall(str(v))}
    return names


def _k8s_app_variables() -> set[str]:
    names: set[str] = set()
    for doc in k8s_of_kind("ConfigMap"):
        names |= set(doc["data"])
    for doc in k8s_of_kind("Secret"):
        names |= set(doc["stringData"])
    for _, container in k8s_containers():
        if container["image"].startswith("nanoguild/app"):
            names |= {env["name"] for env in container.get("env", [])}
    return names


def test_every_app_variable_in_compose_and_kubernetes_is_documented() -> None:
    documented = documented_variables()

    assert sorted(_compose_app_variables() - documented - NOT_APP_VARIABLES) == []
    assert sorted(_k8s_app_variables() - documented) == []


def test_every_variable_compose_interpolates_is_in_its_example_env() -> None:
    example = (COMPOSE_FILE.parent / "example.env").read_text()
    given = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    used = set(INTERPOLATED.findall(COMPOSE_FILE.read_text()))

    assert sorted(used - given) == []


def test_the_production_required_variables_reach_every_app_container() -> None:
    from config.env import PRODUCTION_REQUIRED

    for role in APP_ROLES:
        assert set(PRODUCTION_REQUIRED) <= set(compose()["services"][role]["environment"]), role
    configured = _k8s_app_variables()
    assert set(PRODUCTION_REQUIRED) <= configured


def test_nginx_variables_are_the_ones_its_template_uses() -> None:
    template = set(INTERPOLATED.findall((NGINX_DIR / "nanoguild.conf").read_text()))
    assert set(compose()["services"]["nginx"]["environment"]) == template
    (nginx,) = [c for name, c in k8s_containers() if name == "nginx"]
    assert {env["name"] for env in nginx["env"]} == template


# --- ports and routes ----------------------------------------------------------------------------


def test_upstream_ports_match_the_processes() -> None:
    services = compose()["services"]
    web_port = services["web"]["environment"]["GUNICORN_BIND"].rsplit(":", 1)[1]
    realtime_port = option(services["realtime"]["command"], "--port")
    upstreams = services["nginx"]["environment"]
    assert upstreams["NANOGUILD_WEB_UPSTREAM"] == f"web:{web_port}"
    assert upstreams["NANOGUILD_REALTIME_UPSTREAM"] == f"realtime:{realtime_port}"

    ports = {
        name: {p["containerPort"] for c in spec["containers"] for p in c.get("ports", [])}
        for name, spec in pod_specs()
    }
    assert ports["web"] == {int(web_port)}
    assert ports["realtime"] == {int(realtime_port)}
    services_k8s = {doc["metadata"]["name"]: doc for doc in k8s_of_kind("Service")}
    (nginx,) = [c for name, c in k8s_containers() if name == "nginx"]
    k8s_upstreams = {env["name"]: env["value"] for env in nginx["env"]}
    for variable, service in (
        ("NANOGUILD_WEB_UPSTREAM", "web"),
        ("NANOGUILD_REALTIME_UPSTREAM", "realtime"),
    ):
        host, port = k8s_upstreams[variable].split(":")
        assert host == service
        assert int(port) in {p["port"] for p in services_k8s[service]["spec"]["ports"]}


@pytest.mark.parametrize("route", ["api", "admin", "_allauth", "accounts", "i18n"])
def test_nginx_sends_django_routes_to_gunicorn(route: str) -> None:
    conf = (NGINX_DIR / "nanoguild.conf").read_text()
    (pattern,) = re.findall(
        r"location ~ \^/\(([^)]*)\)/ \{\s*proxy_pass http://nanoguild_web;", conf
    )
    assert route in pattern.split("|")


def test_nginx_routes_websockets_and_falls_back_to_the_spa() -> None:
    conf = (NGINX_DIR / "nanoguild.conf").read_text()
    websocket = conf.split("location /ws/ {", 1)[1].split("}", 1)[0]
    assert "proxy_pass http://nanoguild_realtime;" in websocket
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "try_files $uri /index.html;" in conf.split("location / {", 1)[1]
    assert "location ~ ^/metrics/?$ {\n        return 404;" in conf


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/api/v1/gigs/", "/admin/", "/metrics"])
def test_routes_named_by_the_infra_files_exist(path: str) -> None:
    assert resolve(path) is not None


# --- Kubernetes ----------------------------------------------------------------------------------


def test_every_manifest_has_the_required_fields() -> None:
    documents = k8s_documents()
    assert len(documents) >= 15
    for path, doc in documents:
        assert {"apiVersion", "kind", "metadata"} <= set(doc), path
        assert doc["metadata"].get("name"), path


def test_kustomization_lists_files_that_exist() -> None:
    import yaml

    kustomization = yaml.safe_load((K8S_DIR / "kustomization.yaml").read_text())
    for resource in kustomization["resources"]:
        assert (K8S_DIR / resource).is_file(), resource
    images = {image["name"] for image in kustomization["images"]}
    used = {c["image"].split(":")[0] for _, c in k8s_containers()}
    assert used == images


def test_deployments_select_their_own_pods_and_services_find_them() -> None:
    deployments = k8s_of_kind("Deployment")
    for doc in deployments:
        selector = doc["spec"]["selector"]["matchLabels"]
        labels = doc["spec"]["template"]["metadata"]["labels"]
        assert selector.items() <= labels.items(), doc["metadata"]["name"]
    for service in k8s_of_kind("Service"):
        matches = [
            d
            for d in deployments
            if service["spec"]["selector"].items()
            <= d["spec"]["template"]["metadata"]["labels"].items()
        ]
        assert len(matches) == 1, service["metadata"]["name"]
        port_names = {
            p.get("name")
            for c in matches[0]["spec"]["template"]["spec"]["containers"]
            for p in c["ports"]
        }
        for port in service["spec"]["ports"]:
            assert port["targetPort"] in port_names


def test_hpas_scale_web_realtime_and_workers() -> None:
    deployments = {doc["metadata"]["name"] for doc in k8s_of_kind("Deployment")}
    targets = {
        hpa["spec"]["scaleTargetRef"]["name"]: hpa for hpa in k8s_of_kind("HorizontalPodAutoscaler")
    }
    assert {"web", "realtime", "worker"} <= set(targets)
    assert set(targets) <= deployments
    for hpa in targets.values():
        assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    assert "beat" not in targets
    (beat,) = [d for d in k8s_of_kind("Deployment") if d["metadata"]["name"] == "beat"]
    assert (beat["spec"]["replicas"], beat["spec"]["strategy"]["type"]) == (1, "Recreate")


@pytest.mark.parametrize("workload", ["web", "realtime"])
def test_http_roles_probe_liveness_and_readiness(workload: str) -> None:
    (container,) = [c for name, c in k8s_containers() if name == workload]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"


def test_containers_read_config_and_secrets_that_exist() -> None:
    configmaps = {doc["metadata"]["name"] for doc in k8s_of_kind("ConfigMap")}
    secrets = {doc["metadata"]["name"] for doc in k8s_of_kind("Secret")}
    claims = {doc["metadata"]["name"] for doc in k8s_of_kind("PersistentVolumeClaim")}
    for name, spec in pod_specs():
        for container in spec.get("initContainers", []) + spec["containers"]:
            refs: list[dict[str, Any]] = container.get("envFrom", [])
            for ref in refs:
                if "configMapRef" in ref:
                    assert ref["configMapRef"]["name"] in configmaps, name
                else:
                    assert ref["secretRef"]["name"] in secrets, name
        for volume in spec.get("volumes", []):
            if "persistentVolumeClaim" in volume:
                assert volume["persistentVolumeClaim"]["claimName"] in claims


# Service keys of the Compose Specification these files may use: compose refuses a file with an
# unknown key (`healtcheck`), and there is no compose here to refuse it.
COMPOSE_SERVICE_KEYS = {
    "build", "command", "depends_on", "deploy", "entrypoint", "environment", "env_file",
    "healthcheck", "image", "init", "labels", "logging", "ports", "profiles", "read_only",
    "restart", "stop_grace_period", "stop_signal", "ulimits", "user", "volumes", "working_dir",
}  # fmt: skip
HEALTHCHECK_KEYS = {"test", "interval", "timeout", "retries", "start_period", "disable"}


def test_compose_uses_only_specification_keys() -> None:
    document = compose()
    assert set(document) - {"name", "services", "volumes"} == {"x-app"}
    for name, service in document["services"].items():
        assert set(service) <= COMPOSE_SERVICE_KEYS, name
        assert set(service.get("healthcheck", {})) <= HEALTHCHECK_KEYS, name
        for dependency in service.get("depends_on", {}).values():
            assert dependency["condition"] in {"service_started", "service_healthy"}
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in document["volumes"], (name, volume)
