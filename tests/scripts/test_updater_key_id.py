"""scripts/updater-key-id: the id of the updater key committed in tauri.conf.json is the id in a
signature made with the secret key kept outside the repository (fixtures/updater-key, signed once
with it), a signature by another key fails the release workflow's check, and a file that is not
a key says so (issue 29)."""
import os
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
SCRIPT = os.path.join(ROOT, "scripts", "updater-key-id")
CONF = os.path.join(ROOT, "src-tauri", "tauri.conf.json")
FIXTURES = os.path.join(HERE, "fixtures", "updater-key")


def run(*args):
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True)


class UpdaterKeyId(unittest.TestCase):
    def test_the_committed_public_key_has_the_project_key_id(self):
        done = run(CONF)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.strip(), "218D39C3B36B0259")

    def test_a_signature_by_the_project_key_matches(self):
        done = run("--check", CONF, os.path.join(FIXTURES, "key-check.txt.sig"))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("matches the app's public key 218D39C3B36B0259", done.stdout)

    def test_a_signature_by_another_key_fails_with_both_ids(self):
        done = run("--check", CONF, os.path.join(FIXTURES, "other-key.sig"))
        self.assertEqual(done.returncode, 1)
        self.assertIn("1F8B9BA1C16450DA is not the pair of the app's public key 218D39C3B36B0259", done.stderr)

    def test_a_file_that_is_no_key_says_so(self):
        done = run(os.path.join(FIXTURES, "key-check.txt"))
        self.assertEqual(done.returncode, 1)
        self.assertIn("not a minisign key or signature", done.stderr)


if __name__ == "__main__":
    unittest.main()
