"""Prints `scripts/bench`'s table and writes the same figures to target/bench.json.

Owns: the list of figures and their goals (in the table's order), whether each goal is met, and
the comparison with the previous run (the bench.json that existed before this run).
Input rows (one a line): `figure|value|unit|limit|note`; a figure with no value, or no line, is
printed with its goal and "not measured: …".
Usage: bench_table.py ROWS OUT.json [--quick] [--missing REASON]
"""
import argparse, json, os, platform, sys
from datetime import datetime, timezone

# (figure, unit, limit): every goal is an upper bound; None: shown, no goal.
FIGURES = [
    ("poll cycle of 500 providers, cold: wall", "s", 2),
    ("poll cycle of 500 providers, cold: CPU", "s", 0.5),
    ("poll cycle of 500 providers, conditional: wall", "s", 2),
    ("poll cycle of 500 providers, conditional: CPU", "s", 0.5),
    ("database after a year of 50 providers", "MB", 100),
    ("`lookout incidents --json` on it", "ms", 300),
    ("private memory, window never opened", "MB", 32),
    ("private memory, window open", "MB", 110),
    ("private memory, window closed again", "MB", 45),
    ("private memory, window open on the overview", "MB", 80),
    ("window opened and closed 50 times: memory growth", "MB", 2),
    ("overview with 500 providers rendered", "ms", 100),
    ("overview with 500 providers rendered, in WebKitGTK as the app runs it", "ms", 100),
    ("idle CPU, 50 providers, nothing changing", "% of a core", 0.1),
    ("start → tray icon shown", "s", 1),
    ("start → first poll stored", "s", 3),
    ("vendor post → OS notification, p50", "s", None),
    ("vendor post → OS notification, p95", "s", 65),
    ("`vendor_status`, watched, 100 providers stored: p95", "ms", 20),
    ("`lookout mcp` idle: private memory", "MB", 10),
    ("`serve` /api/v1/providers at 200 req/s: p99", "ms", 20),
    ("`serve`, 1,000 SSE clients: private memory", "MB", 60),
    ("`serve` event → the last of 1,000 SSE clients", "s", 1),
    ("`catalog search` over 5,000 entries, per query", "ms", 2),
]


def read_rows(path):
    rows = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            figure, value, _unit, _limit, note = (line.rstrip("\n").split("|", 4) + [""] * 5)[:5]
            rows[figure] = (float(value) if value else None, note)
    return rows


def previous(path):
    try:
        return {r["figure"]: r["value"] for r in json.load(open(path, encoding="utf-8"))["rows"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def number(value):
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows")
    parser.add_argument("out")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--missing", default="the run stopped before it")
    args = parser.parse_args()
    measured, before = read_rows(args.rows), previous(args.out)
    rows = []
    for figure, unit, limit in FIGURES:
        value, note = measured.get(figure, (None, ""))
        if value is None and not note.startswith("not measured"):
            note = f"not measured: {args.missing}" + (f" ({note})" if note else "")
        met = None if value is None or limit is None else value <= limit
        rows.append({"figure": figure, "value": value, "unit": unit,
                     "goal": None if limit is None else f"≤ {number(limit)} {unit}", "met": met,
                     "note": note})
    report = {"run_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "quick": args.quick,
              "machine": {"cores": os.cpu_count(), "kernel": platform.release()}, "rows": rows}
    print(f"Lookout benchmarks ({'--quick: idle CPU over 60 s, 3 posts, 10 s of load on serve' if args.quick else 'full'}; "
          f"{os.cpu_count()} cores, kernel {platform.release()}; {report['run_at']})")
    print(f"{'figure':<48} {'value':>16} {'goal':>18} {'met':>4} {'previous':>10}  note")
    for row in rows:
        value = f"{number(row['value'])} {row['unit']}" if row["value"] is not None else "—"
        met = {True: "yes", False: "NO", None: "—"}[row["met"]]
        print(f"{row['figure']:<48} {value:>16} {row['goal'] or '—':>18} {met:>4} "
              f"{number(before.get(row['figure'])) or '—':>10}  {row['note']}")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
