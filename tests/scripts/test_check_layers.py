"""scripts/check-layers fails when the time is read outside the clock and tests, when
lookout-alerts depends on lookout-poller, when a front end depends on the layers below the engine
or runs its own work on the engine's database handles; run on small trees of its own (issue 24)."""
import os
import shutil
import subprocess
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "check-layers")

ALERTS_MANIFEST = """[package]
name = "lookout-alerts"

[dependencies]
lookout-core.workspace = true
lookout-http.workspace = true

[dev-dependencies]
tempfile.workspace = true
"""

APP_MANIFEST = """[package]
name = "lookout-app"

[dependencies]
lookout-core.workspace = true
lookout-desktop.workspace = true
lookout-engine.workspace = true

[dev-dependencies]
lookout-store.workspace = true
"""

CLI_MANIFEST = """[package]
name = "lookout-cli"

[dependencies]
lookout-core.workspace = true
lookout-engine.workspace = true

[dev-dependencies]
lookout-store.workspace = true
lookout-alerts.workspace = true
"""

DESKTOP_MANIFEST = """[package]
name = "lookout-desktop"

[dependencies]
lookout-core.workspace = true
lookout-engine.workspace = true

[dev-dependencies]
lookout-store.workspace = true
lookout-alerts.workspace = true
lookout-poller.workspace = true
"""

CLOCK = "impl Clock for SystemClock {\n    fn now(&self) -> DateTime<Utc> {\n        Utc::now()\n    }\n}\n"


class CheckLayers(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.root)
        os.makedirs(os.path.join(self.root, "scripts"))
        shutil.copy(SCRIPT, os.path.join(self.root, "scripts", "check-layers"))
        self.write("crates/core/src/clock.rs", CLOCK)
        self.write("crates/alerts/Cargo.toml", ALERTS_MANIFEST)
        self.write("crates/alerts/src/lib.rs", "//! Alerts.\n")
        self.write("src-tauri/src/main.rs", "fn main() {}\n")
        self.write("src-tauri/Cargo.toml", APP_MANIFEST)
        self.write("crates/cli/Cargo.toml", CLI_MANIFEST)
        self.write("crates/desktop/Cargo.toml", DESKTOP_MANIFEST)

    def write(self, path, text):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)

    def run_check(self):
        done = subprocess.run(
            [os.path.join(self.root, "scripts", "check-layers")],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode, done.stdout + done.stderr

    def test_a_tree_that_keeps_the_rules_passes(self):
        code, out = self.run_check()
        self.assertEqual((code, out.strip()), (0, "check-layers: ok (4 checks)"))

    def test_each_way_of_reading_the_time_outside_the_clock_is_named(self):
        self.write(
            "crates/alerts/src/lib.rs",
            "//! Alerts.\nfn a() { let _ = chrono::Utc::now(); }\n"
            "fn b() { let _ = Local::now(); }\nfn c() { let _ = std::time::SystemTime::now(); }\n",
        )
        self.write("src-tauri/src/tray.rs", "fn d() {\n    let _ = chrono::Local::now();\n}\n")
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        for line in [
            "crates/alerts/src/lib.rs:2:",
            "crates/alerts/src/lib.rs:3:",
            "crates/alerts/src/lib.rs:4:",
            "src-tauri/src/tray.rs:2:",
        ]:
            self.assertIn(line, out)
        self.assertIn("the time is read outside the clock", out)

    def test_tests_comments_and_strings_may_name_now(self):
        self.write(
            "crates/store/src/lib.rs",
            "//! Store: never `Utc::now()` here.\n"
            "/// Not Utc::now().\n"
            'const S: &str = "Utc::now()";\n'
            "let b = '{'; /* Local::now() */\n"
            "#[cfg(test)]\n#[path = \"store_tests.rs\"]\nmod tests;\n"
            "#[cfg(test)]\nmod more {\n    fn t() {\n        let _ = Utc::now();\n    }\n}\n",
        )
        self.write("crates/store/src/store_tests.rs", "fn t() { Utc::now(); }\n")
        self.write("crates/store/src/tests/it.rs", "fn t() { Utc::now(); }\n")
        code, out = self.run_check()
        self.assertEqual(code, 0, out)

    def test_a_test_only_function_in_the_middle_hides_nothing_after_it(self):
        self.write(
            "crates/poller/src/fetch.rs",
            "#[cfg(test)]\nfn fixed() -> char {\n    '}'\n}\n\nfn late() {\n    Utc::now();\n}\n",
        )
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("crates/poller/src/fetch.rs:7:", out)

    def test_a_front_end_may_not_depend_on_the_store_poller_or_alerts(self):
        fronts = [
            ("src-tauri", APP_MANIFEST),
            ("crates/cli", CLI_MANIFEST),
            ("crates/desktop", DESKTOP_MANIFEST),
        ]
        for (front, manifest) in fronts:
            for package in ["lookout-store", "lookout-poller", "lookout-alerts"]:
                with self.subTest(front=front, package=package):
                    self.write(f"{front}/Cargo.toml", manifest.replace(
                        "lookout-engine.workspace = true\n",
                        f"lookout-engine.workspace = true\n{package}.workspace = true\n",
                    ))
                    code, out = self.run_check()
                    self.assertEqual(code, 1, out)
                    self.assertIn(f"{front} must not depend on {package}", out)
                    self.write(f"{front}/Cargo.toml", manifest)

    def test_a_front_end_never_runs_its_own_work_on_the_database(self):
        for (path, line) in [
            ("src-tauri/src/commands.rs", "    state.lookout.reader.run(|s| s.providers()).await?;"),
            ("crates/desktop/src/views.rs", "    lookout.store.run(move |s| s.remove_provider(id)).await?;"),
            ("crates/cli/src/list.rs", "    lookout.store.blocking(|s| s.providers())?;"),
        ]:
            with self.subTest(path=path):
                self.write(path, "//! A front end.\nfn f() {\n" + line + "\n}\n")
                code, out = self.run_check()
                self.assertEqual(code, 1, out)
                self.assertIn(f"{path}:3:", out)
                self.assertIn("make it an operation of lookout_engine::operations", out)
                self.write(path, "//! A front end.\nfn f() {\n    lookout.providers();\n}\n")
        self.write(
            "crates/desktop/src/settings.rs",
            "//! Settings.\n#[cfg(test)]\nmod tests {\n    fn t() { lookout.store.blocking(|s| s); }\n}\n",
        )
        self.write("crates/cli/src/metrics_tests.rs", "fn t() { lookout.reader.run(|s| s); }\n")
        code, out = self.run_check()
        self.assertEqual(code, 0, out)

    def test_the_alerts_crate_may_not_name_the_poller_in_any_dependency_table(self):
        for added in [
            "[dependencies]\nlookout-poller.workspace = true\n",
            '[dev-dependencies]\nlookout-poller = { path = "../poller" }\n',
            "[dependencies.lookout-poller]\nworkspace = true\n",
            "[target.'cfg(unix)'.dependencies]\n"
            'poller = { package = "lookout-poller", path = "../poller" }\n',
        ]:
            with self.subTest(added=added):
                self.write("crates/alerts/Cargo.toml", ALERTS_MANIFEST + added)
                code, out = self.run_check()
                self.assertEqual(code, 1, out)
                self.assertIn("crates/alerts must not depend on lookout-poller", out)
        self.write("crates/alerts/Cargo.toml", ALERTS_MANIFEST + "# once on lookout-poller\n")
        self.assertEqual(self.run_check()[0], 0)


if __name__ == "__main__":
    unittest.main()
