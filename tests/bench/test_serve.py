"""The pure parts of `lookout serve`'s bench rows (scripts/bench_serve.py, scripts/bench_sse.py):
oha's report read into figures, the SSE stream scanned for the awaited event, the kernel's
receive time read from ancillary data, and the fan-out arithmetic."""
import os
import socket
import struct
import sys
import tomllib
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from bench_serve import FANOUT_ROW, LATENCY_ROW, MEMORY_ROW, QUIET_PAGES  # noqa: E402
from bench_serve import load_figures, providers_file, shortfall  # noqa: E402
from bench_table import FIGURES  # noqa: E402
from bench_sse import SO_TIMESTAMPNS, first_event_after, fanout, kernel_time_ns  # noqa: E402

# The shape of `oha --output-format json` (1.16), trimmed to what is read, in seconds.
OHA_REPORT = {
    "summary": {"successRate": 1.0, "total": 30.0, "slowest": 0.0412, "fastest": 0.0011,
                "average": 0.0025, "requestsPerSec": 199.97},
    "latencyPercentiles": {"p10": 0.0015, "p50": 0.0021, "p90": 0.0042, "p99": 0.0123,
                           "p99.9": 0.030},
    "statusCodeDistribution": {"200": 5990, "503": 9},
    "errorDistribution": {"connection closed": 1},
}


class OhaReport(unittest.TestCase):
    def test_latencies_become_milliseconds_and_other_answers_are_counted(self):
        got = load_figures(OHA_REPORT)
        self.assertAlmostEqual(got["p99_ms"], 12.3)
        self.assertAlmostEqual(got["p50_ms"], 2.1)
        self.assertAlmostEqual(got["max_ms"], 41.2)
        self.assertAlmostEqual(got["rate"], 199.97)
        self.assertEqual((got["answered"], got["not_200"], got["errors"]), (5999, 9, 1))

    def test_a_clean_run_has_nothing_else(self):
        clean = {**OHA_REPORT, "statusCodeDistribution": {"200": 6000}, "errorDistribution": {}}
        got = load_figures(clean)
        self.assertEqual((got["answered"], got["not_200"], got["errors"]), (6000, 0, 0))
        self.assertEqual(shortfall(got, 6000), "")

    def test_a_server_that_fell_behind_makes_the_p99_a_lower_bound(self):
        got = load_figures(OHA_REPORT)  # 5,999 answered, 9 of them not 200
        self.assertEqual(shortfall(got, 6000), "")  # 10 of 6,000: within 1 %
        behind = load_figures({**OHA_REPORT, "statusCodeDistribution": {"200": 347},
                               "errorDistribution": {"aborted due to deadline": 50}})
        note = shortfall(behind, 2000)
        self.assertIn("a lower bound: 1653 of the 2000 requests due", note)
        self.assertIn("50 failed or cut off", note)


class Table(unittest.TestCase):
    def test_the_rows_are_the_tables_with_the_issues_goals(self):
        goals = {figure: (unit, limit) for figure, unit, limit in FIGURES}
        self.assertEqual(goals[LATENCY_ROW], ("ms", 20))
        self.assertEqual(goals[MEMORY_ROW], ("MB", 60))
        self.assertEqual(goals[FANOUT_ROW], ("s", 1))


class Providers(unittest.TestCase):
    def test_five_hundred_providers_on_the_fake_server(self):
        doc = tomllib.loads(providers_file("http://127.0.0.1:9"))
        providers = doc["providers"]
        self.assertEqual(len(providers), QUIET_PAGES + 1)
        self.assertEqual(len(providers), 500)
        self.assertEqual(providers[0]["url"], "http://127.0.0.1:9/acme/")
        self.assertEqual(len({p["name"] for p in providers}), 500)


class Stream(unittest.TestCase):
    STREAM = (b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n"
              b"2a\r\n: following the events stored\nretry: 3000\n\n\r\n"
              b"13\r\n: heartbeat\n\n\r\n"
              b"40\r\nid: 7\ndata: {\"kind\":\"incident_opened\"}\n\n\r\n"
              b"40\r\nid: 8\ndata: {\"kind\":\"component_changed\"}\n\n\r\n")

    def test_the_first_event_after_an_id(self):
        self.assertEqual(first_event_after(self.STREAM, 6), 7)
        self.assertEqual(first_event_after(self.STREAM, 7), 8)
        self.assertIsNone(first_event_after(self.STREAM, 8))

    def test_ids_inside_data_are_not_events(self):
        self.assertIsNone(first_event_after(b'data: {"note":"\\nid: 99"}\nid:x\n', 0))
        self.assertIsNone(first_event_after(b"data: id: 99\n", 0))


class KernelTime(unittest.TestCase):
    def test_the_timestamp_is_read_from_its_message(self):
        stamp = struct.pack("qq", 1_700_000_000, 250_000_000)
        ancdata = [(socket.SOL_SOCKET, SO_TIMESTAMPNS, stamp)]
        self.assertEqual(kernel_time_ns(ancdata), 1_700_000_000_250_000_000)

    def test_no_timestamp(self):
        self.assertIsNone(kernel_time_ns([]))
        self.assertIsNone(kernel_time_ns([(socket.SOL_SOCKET, 1, b"\0" * 16)]))


class Fanout(unittest.TestCase):
    def test_from_stored_to_first_and_last(self):
        got = fanout(1_000_000_000, [1_030_000_000, 1_010_000_000, 1_200_000_000])
        self.assertAlmostEqual(got["stored_to_first"], 0.010)
        self.assertAlmostEqual(got["first_to_last"], 0.190)
        self.assertAlmostEqual(got["stored_to_last"], 0.200)
        self.assertAlmostEqual(got["median_from_origin"], 0.030)

    def test_without_the_store_seen_times_count_from_the_first(self):
        got = fanout(None, [5_000, 2_000, 3_000, 9_000])
        self.assertIsNone(got["stored_to_first"])
        self.assertIsNone(got["stored_to_last"])
        self.assertAlmostEqual(got["first_to_last"], 7e-6)
        self.assertAlmostEqual(got["median_from_origin"], 1e-6)


if __name__ == "__main__":
    unittest.main()
