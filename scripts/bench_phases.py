"""When `scripts/bench` posts to the fake vendor: each post after a wait drawn uniformly from one
poll interval, from a seeded generator, so posts land at every phase of the app's poll cycle (a
post every interval would land at one phase, and its latency figures would describe only that).
"""
import random


def post_waits(seed, count, interval):
    """The seconds to wait before each of `count` posts: uniform over [0, interval), the same
    for the same seed."""
    rng = random.Random(seed)
    return [rng.uniform(0, interval) for _ in range(count)]
