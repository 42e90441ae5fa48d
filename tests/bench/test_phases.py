"""The bench's posts land at random phases of the poll interval (issue 31, finding 15): spread
over the whole interval, and repeated by the same seed."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from bench_phases import post_waits  # noqa: E402


class PostPhases(unittest.TestCase):
    def test_twenty_posts_cover_the_interval(self):
        waits = post_waits(seed=7, count=20, interval=60)
        self.assertEqual(len(waits), 20)
        self.assertTrue(all(0 <= w < 60 for w in waits))
        # Every quarter of the interval is hit (a fixed phase would hit one).
        quarters = {int(w // 15) for w in waits}
        self.assertEqual(quarters, {0, 1, 2, 3}, waits)

    def test_the_same_seed_repeats_a_run_and_another_differs(self):
        self.assertEqual(post_waits(42, 20, 60), post_waits(42, 20, 60))
        self.assertNotEqual(post_waits(42, 20, 60), post_waits(43, 20, 60))


if __name__ == "__main__":
    unittest.main()
