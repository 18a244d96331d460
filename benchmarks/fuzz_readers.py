"""Fuzz the list readers for a fixed budget: 0 tracebacks, 0 aborts, memory bounded.

Random and malformed CSV, JSON, XLSX and ODS files (and bytes with no structure),
from the strategies of ``tests/adversarial/test_readers_fuzz.py``, are read as
`tally ingest` reads them (every row of every batch). Any exception that is not
a TallyError counts as a traceback. The reading runs in a child process under a
memory limit (RLIMIT_AS), so an abort (a signal: calamine's Rust panics abort)
or running out of memory is seen by the parent, counted, its input kept under
``benchmarks/_work/fuzz/``, and a new child goes on until the budget is spent.

    python benchmarks/fuzz_readers.py [--seconds 180] [--memory-gib 3] [--seed 1]

Prints examples run (per kind), tracebacks, aborts and the children's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(__file__).parent / "_work" / "fuzz"


def child(seconds: float, memory_gib: float, seed: int) -> None:
    """Read random files until ``seconds`` are spent; one JSON line per event."""
    limit = int(memory_gib * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.path.insert(0, str(ROOT))
    from hypothesis import HealthCheck, Phase, given, settings, seed as hseed

    from tally.errors import TallyError
    from tests.adversarial.test_readers_fuzz import OPTIONS, any_files, read_all

    folder = WORK / f"child-{os.getpid()}"  # the example being read; kept on an abort
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + seconds
    counts = {"examples": 0, "refused": 0, "read": 0, "rows": 0}
    kinds: dict[str, int] = {}

    class Spent(Exception):
        pass

    def emit(**event) -> None:
        print(json.dumps(event), flush=True)

    @hseed(seed)
    @settings(max_examples=10**9, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(file=any_files(), options=OPTIONS)
    def run(file, options) -> None:
        if time.monotonic() > deadline:
            raise Spent
        suffix, data = file
        kind = ("ods" if b"opendocument" in data[:200] else "xlsx" if data[:2] == b"PK"
                else "json" if suffix in (".json", ".jsonl") else "csv")
        kinds[kind] = kinds.get(kind, 0) + 1
        for old in folder.iterdir():
            old.unlink()
        (folder / "options.json").write_text(json.dumps(options))
        path = folder / f"list{suffix}"
        path.write_bytes(data)
        counts["examples"] += 1
        try:
            counts["rows"] += read_all(path, **options)
            counts["read"] += 1
        except TallyError:
            counts["refused"] += 1
        except Exception as exc:  # the bug this benchmark looks for
            keep = WORK / f"traceback-{os.getpid()}-{counts['examples']}{suffix or '.dat'}"
            keep.write_bytes(data)
            emit(event="traceback", kind=kind, options=options, input=str(keep),
                 error=f"{type(exc).__name__}: {exc}"[:300],
                 where=traceback.format_exc(limit=-3)[-1200:])
        if counts["examples"] % 200 == 0:
            emit(event="progress", **counts, kinds=kinds)

    try:
        run()
    except Spent:
        pass
    for old in folder.iterdir():
        old.unlink()
    folder.rmdir()
    emit(event="done", **counts, kinds=kinds,
         peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--memory-gib", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1,
                        help="first child's seed (runs are reproducible; change it to explore)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.seconds, args.memory_gib, args.child)
        return
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    totals = {"examples": 0, "refused": 0, "read": 0, "rows": 0}
    kinds: dict[str, int] = {}
    tracebacks: list[dict] = []
    aborts: list[dict] = []
    seed = args.seed - 1
    while (left := args.seconds - (time.monotonic() - started)) > 1:
        seed += 1
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(seed), "--seconds", str(left),
             "--memory-gib", str(args.memory_gib)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        stdout, stderr = process.communicate()
        last = None
        for line in stdout.splitlines():
            event = json.loads(line)
            if event["event"] == "traceback":
                tracebacks.append(event)
            else:
                last = event
        if last:
            for key in totals:
                totals[key] += last[key]
            for kind, n in last["kinds"].items():
                kinds[kind] = kinds.get(kind, 0) + n
        if process.returncode != 0 and last is None and not (
                WORK / f"child-{process.pid}").exists():
            sys.exit(f"a fuzzing child failed before reading anything:\n{stderr[-1500:]}")
        if process.returncode != 0:
            folder = WORK / f"child-{process.pid}"
            kept = WORK / f"abort-{process.pid}"
            if folder.exists():
                folder.rename(kept)
            said = [ln for ln in stderr.splitlines() if "panicked" in ln or "memory" in ln
                    or "Error" in ln] or stderr.strip().splitlines()[:1]
            aborts.append({"returncode": process.returncode, "said": said[0][:200] if said else "",
                           "input": str(kept)})
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    elapsed = time.monotonic() - started
    print(f"budget {args.seconds:.0f} s, ran {elapsed:.0f} s, memory limit "
          f"{args.memory_gib:g} GiB per child, {seed - args.seed + 1} child process(es), "
          f"seeds {args.seed}..{seed}")
    print(f"examples run: {totals['examples']:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(kinds.items()))}); "
          f"read {totals['read']:,} ({totals['rows']:,} rows), refused with IngestError "
          f"{totals['refused']:,}")
    print(f"tracebacks (exceptions other than TallyError): {len(tracebacks)}")
    distinct: dict[str, list[dict]] = {}
    for event in tracebacks:  # one line per kind of failure, with a count and an input
        distinct.setdefault(f"{event['kind']}: {event['error'][:40]}", []).append(event)
    for key, events in sorted(distinct.items(), key=lambda kv: -len(kv[1]))[:15]:
        where = events[0]["where"].strip().splitlines()
        print(f"  {len(events):5d} x {key}  (e.g. {events[0]['input']}; "
              f"{where[-3].strip() if len(where) >= 3 else ''})")
    print(f"aborts (child killed by a signal or failing): {len(aborts)}")
    for event in aborts[:5]:
        print(f"  rc {event['returncode']}: {event['said']} (input kept in {event['input']})")
    print(f"peak RSS of a child: {peak:.0f} MiB")
    print("Python", sys.version.split()[0], "on", os.uname().sysname, os.uname().machine)


if __name__ == "__main__":
    main()
