"""scripts/release-assets on a folder shaped like a draft release's assets: latest.json's draft
URLs become the published ones, a missing platform, an empty signature or a file that is not there
fails it, and SHA256SUMS reads back with sha256sum (issue 29)."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "release-assets")
REPO = "lookout-status/lookout"
TAG = "v0.2.0"
DRAFT = "https://github.com/lookout-status/lookout/releases/download/untagged-1a2b3c/"

FILES = {
    "linux-x86_64": "Lookout_0.2.0_amd64.deb",
    "linux-aarch64": "Lookout_0.2.0_arm64.deb",
    "darwin-x86_64": "Lookout_universal.app.tar.gz",
    "darwin-aarch64": "Lookout_universal.app.tar.gz",
    "windows-x86_64": "Lookout_0.2.0_x64-setup.exe",
}


class ReleaseAssets(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        packages = {"Lookout_0.2.0_amd64.deb", "Lookout_0.2.0_arm64.deb", "Lookout-0.2.0-1.x86_64.rpm",
                    "Lookout-0.2.0-1.aarch64.rpm"}
        signatures = {name + ".sig" for name in packages}
        for name in set(FILES.values()) | packages | signatures | {"lookout-app.cdx.json"}:
            with open(os.path.join(self.dir, name), "wb") as f:
                f.write(("sig of " + name[:-4]) .encode() if name.endswith(".sig") else name.encode())
        self.manifest = {
            "version": "0.2.0",
            "notes": "Fixes.",
            "pub_date": "2026-12-07T18:00:00Z",
            "platforms": {k: {"signature": "dW50cnVzdGVk", "url": DRAFT + v} for k, v in FILES.items()},
        }

    def run_script(self):
        with open(os.path.join(self.dir, "latest.json"), "w") as f:
            json.dump(self.manifest, f)
        return subprocess.run(
            ["python3", SCRIPT, self.dir, "--repo", REPO, "--tag", TAG], capture_output=True, text=True
        )

    def test_draft_urls_become_the_published_ones_and_the_sums_check(self):
        ran = self.run_script()
        self.assertEqual(ran.returncode, 0, ran.stderr)
        with open(os.path.join(self.dir, "latest.json")) as f:
            platforms = json.load(f)["platforms"]
        self.assertEqual(
            platforms["linux-aarch64"]["url"],
            "https://github.com/lookout-status/lookout/releases/download/v0.2.0/Lookout_0.2.0_arm64.deb",
        )
        self.assertFalse(any("untagged" in p["url"] for p in platforms.values()))
        checked = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=self.dir,
                                 capture_output=True, text=True)
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
        listed = checked.stdout.count(": OK")
        self.assertEqual(listed, len(os.listdir(self.dir)) - 1, "every asset but SHA256SUMS itself")

    def test_a_missing_platform_fails(self):
        del self.manifest["platforms"]["windows-x86_64"]
        ran = self.run_script()
        self.assertEqual(ran.returncode, 1)
        self.assertIn("no windows-x86_64 entry", ran.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "SHA256SUMS")))

    def test_an_empty_signature_fails(self):
        self.manifest["platforms"]["linux-x86_64"]["signature"] = " "
        ran = self.run_script()
        self.assertEqual(ran.returncode, 1)
        self.assertIn("linux-x86_64: empty signature", ran.stderr)

    def test_a_url_to_a_file_that_is_not_there_fails(self):
        os.remove(os.path.join(self.dir, "Lookout_0.2.0_x64-setup.exe"))
        ran = self.run_script()
        self.assertEqual(ran.returncode, 1)
        self.assertIn("Lookout_0.2.0_x64-setup.exe is not among the assets", ran.stderr)

    def test_a_version_other_than_the_tags_fails(self):
        self.manifest["version"] = "0.1.9"
        ran = self.run_script()
        self.assertEqual(ran.returncode, 1)
        self.assertIn("the tag is v0.2.0", ran.stderr)

    def test_no_manifest_fails(self):
        ran = subprocess.run(["python3", SCRIPT, self.dir, "--repo", REPO, "--tag", TAG],
                             capture_output=True, text=True)
        self.assertEqual(ran.returncode, 1)
        self.assertIn("no latest.json", ran.stderr)


if __name__ == "__main__":
    unittest.main()

    def test_each_linux_package_gets_its_own_entry_signed_by_its_sig_file(self):
        ran = self.run_script()
        self.assertEqual(ran.returncode, 0, ran.stderr)
        with open(os.path.join(self.dir, "latest.json")) as f:
            platforms = json.load(f)["platforms"]
        rpm = platforms["linux-x86_64-rpm"]
        self.assertEqual(rpm["signature"], "sig of Lookout-0.2.0-1.x86_64.rpm")
        self.assertEqual(
            rpm["url"],
            "https://github.com/lookout-status/lookout/releases/download/v0.2.0/Lookout-0.2.0-1.x86_64.rpm",
        )
        self.assertTrue(platforms["linux-aarch64-deb"]["url"].endswith("/Lookout_0.2.0_arm64.deb"))

    def test_an_unsigned_rpm_fails_the_release(self):
        os.remove(os.path.join(self.dir, "Lookout-0.2.0-1.aarch64.rpm.sig"))
        ran = self.run_script()
        self.assertEqual(ran.returncode, 1)
        self.assertIn("no linux-aarch64-rpm entry", ran.stderr)
