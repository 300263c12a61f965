#!/usr/bin/env python3
"""Checks the deployment files against the code, since no Docker engine runs on our machines:
docker-compose.yml, Deploy/Dockerfile, Deploy/jixiao.service, Deploy/jixiao.env.example and
Deploy/nginx.conf must name the services, ports, environment variables and paths that the
code really reads. Run: python3 Deploy/check_deploy.py (the test command runs it)."""
import pathlib
import re
import shlex
import unittest

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def read(path):
    return (ROOT / path).read_text(encoding="utf-8")


def code_env_vars():
    """Every JIXIAO_* name that the Swift sources read."""
    names = set()
    for source in (ROOT / "Sources").rglob("*.swift"):
        names.update(re.findall(r'"(JIXIAO_[A-Z_]+)"', source.read_text(encoding="utf-8")))
    return names


def resource_bundles():
    """The resource bundle of every target with a Resources folder."""
    return sorted(f"jixiao_{d.parent.name}.resources" for d in (ROOT / "Sources").glob("*/Resources") if d.is_dir())


def cli_subcommands():
    """Command names declared in the CLI (commandName: "…" or type names)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "Sources/jixiao").rglob("*.swift"))
    return set(re.findall(r'commandName:\s*"([a-z-]+)"', text))


class ComposeTests(unittest.TestCase):
    def setUp(self):
        self.compose = yaml.safe_load(read("docker-compose.yml"))
        self.services = self.compose["services"]

    def test_services(self):
        self.assertEqual(set(self.services), {"db", "migrate", "jixiao"})
        self.assertTrue(self.services["db"]["image"].startswith("postgres:15"))

    def test_named_volume_and_healthcheck(self):
        volume = self.services["db"]["volumes"][0].split(":")[0]
        self.assertIn(volume, self.compose["volumes"])
        self.assertIn("pg_isready", " ".join(self.services["db"]["healthcheck"]["test"]))

    def test_migrate_is_one_shot_after_db(self):
        migrate = self.services["migrate"]
        self.assertEqual(migrate["command"], ["db", "migrate"])
        self.assertEqual(migrate["depends_on"]["db"]["condition"], "service_healthy")
        self.assertEqual(migrate["build"]["dockerfile"], "Deploy/Dockerfile")
        self.assertTrue((ROOT / migrate["build"]["dockerfile"]).is_file())
        self.assertEqual(self.services["jixiao"]["depends_on"]["migrate"]["condition"], "service_completed_successfully")

    def test_commands_exist_in_the_cli(self):
        commands = cli_subcommands()
        for name in ("migrate", "jixiao"):
            self.assertIn(self.services[name]["command"][0], commands | {"db"})
        self.assertIn("serve", commands)
        self.assertIn("migrate", commands)

    def test_environment_matches_the_code(self):
        known = code_env_vars()
        for name in ("migrate", "jixiao"):
            for variable in self.services[name]["environment"]:
                self.assertIn(variable, known, f"{name} sets {variable}, which the code never reads")

    def test_port_mapping_matches_the_server_port(self):
        service = self.services["jixiao"]
        port = service["environment"]["JIXIAO_PORT"]
        self.assertEqual(service["environment"]["JIXIAO_HOST"], "0.0.0.0")
        self.assertTrue(any(mapping.endswith(":" + port) for mapping in service["ports"]))

    def test_no_secrets_in_the_file(self):
        password = self.services["db"]["environment"]["POSTGRES_PASSWORD"]
        self.assertTrue(password.startswith("${"), "the database password must come from the environment")
        migrate = self.services["migrate"]["environment"]
        self.assertIn("${POSTGRES_PASSWORD}", migrate["JIXIAO_DATABASE_URL"])
        self.assertTrue(migrate["JIXIAO_APP_PASSWORD"].startswith("${"), "the app password must come from the environment")
        self.assertIn("${JIXIAO_APP_PASSWORD}", self.services["jixiao"]["environment"]["JIXIAO_DATABASE_URL"])

    def test_server_logs_in_as_the_application_role(self):
        # jixiao serve refuses the owner's and a superuser's login (issue 15, item 1).
        environment = self.services["jixiao"]["environment"]
        self.assertTrue(environment["JIXIAO_DATABASE_URL"].startswith("postgres://jixiao_app:"))
        self.assertNotIn("JIXIAO_DB_ROLE", environment)
        example = read("Deploy/jixiao.env.example")
        self.assertRegex(example, r"(?m)^JIXIAO_DATABASE_URL=postgres://jixiao_app:")
        self.assertNotRegex(example, r"(?m)^JIXIAO_DB_ROLE=")


class DockerfileTests(unittest.TestCase):
    def setUp(self):
        self.text = read("Deploy/Dockerfile")
        self.lines = [line.strip() for line in self.text.splitlines() if line.strip() and not line.strip().startswith("#")]

    def test_multi_stage_with_slim_runtime(self):
        stages = [line for line in self.lines if line.startswith("FROM ")]
        self.assertEqual(len(stages), 2)
        self.assertIn("slim", stages[1])
        runtime = self.text.split(stages[1], 1)[1]
        self.assertIn("libpq5", runtime)
        self.assertNotIn("libpq-dev", runtime)

    def test_copied_paths_exist(self):
        for line in self.lines:
            if line.startswith("COPY ") and "--from" not in line:
                for source in shlex.split(line)[1:-1]:
                    self.assertTrue((ROOT / source).exists(), f"COPY {source}: no such path")

    def test_non_root_user_and_schema(self):
        users = [line.split()[1] for line in self.lines if line.startswith("USER ")]
        self.assertTrue(users and users[-1] not in ("root", "0"))
        self.assertIn("COPY Schema /app/Schema", self.lines)
        self.assertIn("JIXIAO_SCHEMA_DIR=/app/Schema", self.text)

    def test_healthcheck_and_port(self):
        self.assertIn("/healthz", self.text)
        exposed = [line.split()[1] for line in self.lines if line.startswith("EXPOSE ")]
        compose = yaml.safe_load(read("docker-compose.yml"))
        self.assertEqual(exposed, [compose["services"]["jixiao"]["environment"]["JIXIAO_PORT"]])

    def test_environment_matches_the_code(self):
        known = code_env_vars()
        for variable in re.findall(r"(JIXIAO_[A-Z_]+)=", self.text):
            self.assertIn(variable, known)

    def test_resource_bundles_beside_the_binary(self):
        # The code reads SwiftPM resource bundles (jixiao_<target>.resources) from the binary's folder.
        for bundle in resource_bundles():
            self.assertIn(f"COPY --from=build /out/{bundle} /usr/local/bin/{bundle}", self.lines)
            self.assertIn(bundle, read("Deploy/jixiao.service"))


class HostDeploymentTests(unittest.TestCase):
    def test_systemd_unit(self):
        text = read("Deploy/jixiao.service")
        self.assertRegex(text, r"(?m)^User=(?!root)\w+")
        self.assertRegex(text, r"(?m)^EnvironmentFile=")
        self.assertRegex(text, r"(?m)^Restart=on-failure")
        self.assertRegex(text, r"(?m)^ExecStart=\S*jixiao serve")

    def test_maintenance_timer(self):
        service = read("Deploy/jixiao-maintain.service")
        self.assertRegex(service, r"(?m)^Type=oneshot")
        self.assertRegex(service, r"(?m)^User=(?!root)\w+")
        self.assertRegex(service, r"(?m)^ExecStart=\S*jixiao db maintain$")
        self.assertRegex(read("Deploy/jixiao-maintain.timer"), r"(?m)^OnCalendar=")

    def test_env_example_matches_the_code(self):
        known = code_env_vars()
        for line in read("Deploy/jixiao.env.example").splitlines():
            if line and not line.startswith("#"):
                self.assertIn(line.split("=", 1)[0], known)

    def test_nginx_balances_several_instances(self):
        text = read("Deploy/nginx.conf")
        servers = re.findall(r"server (127\.0\.0\.1:\d+)", text)
        self.assertGreaterEqual(len(set(servers)), 2)
        self.assertIn("proxy_pass http://jixiao", text)
        self.assertIn("client_max_body_size 1m", text)


if __name__ == "__main__":
    unittest.main(verbosity=1)
