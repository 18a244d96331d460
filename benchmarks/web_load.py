"""Workspace load: N simulated users for S seconds against `tally serve` on 127.0.0.1.

    python benchmarks/web_load.py --size 100000 --users 50 --seconds 60
    python benchmarks/web_load.py --workdir /tmp/load --keep      # reuse the built project

Builds (or reuses) a project of simulated records — `tally simulate`, every list
ingested with its mapping, `tally link` — adds one reviewer account per user, starts
`tally serve` in its own process (the server under test; this process only sends
requests), and lets each user, after signing in, loop until the time is up:

* browse (35%): the dashboard, a page of the records list, or a person's page;
* search (35%): the records list searched by a name taken from the data;
* review (30%): the review page (ten most doubtful pairs), then a verdict on one
  pair no other user has taken, posted as the keyboard script posts it (htmx), with
  a note naming the user and the verdict's number;

with a think time between actions (--think, default 1-5 s). Users first sign in,
arriving over --arrival seconds (default 20: each sign-in is an Argon2id check,
64 MiB and about a second of CPU by design, so 50 at once would be a different
test); the --seconds of load start when every user has signed in, and sign-in is
timed apart from the pages. Afterwards it stops the server and
reads the store: every verdict the server accepted must be stored exactly once
(its note found once), and no other. Prints errors (any status other than the
expected one, or a failed connection), p50/p95 page and verdict times.

Only ever talks to 127.0.0.1. Bounded: --seconds (default 60) of load, plus the
build (100,000 records: simulate, ingest and link take a few minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

PASSWORD = "load test password"
THINK = (1.0, 5.0)
ARRIVAL_S = 20.0


def build(workdir: Path, size: int, users: int, seed: int) -> dict:
    """The project under test (made once; reused when it exists)."""
    from tally.demo import ingest_simulation
    from tally.link import link_project
    from tally.project import Project
    from tally.simulate import simulate_conflict
    from tally.store.accounts import add_user, list_users

    project_dir = workdir / "project"
    timings = {}
    if not (project_dir / "tally.toml").exists():
        if project_dir.exists():
            shutil.rmtree(project_dir)
        start = time.monotonic()
        simulate_conflict(workdir / "sim", seed=seed, size=size)
        timings["simulate_s"] = time.monotonic() - start
        start = time.monotonic()
        project = Project.init(project_dir, name=f"Load {size}")
        ingest_simulation(project, workdir / "sim")
        timings["ingest_s"] = time.monotonic() - start
        start = time.monotonic()
        link_project(project)
        timings["link_s"] = time.monotonic() - start
    project = Project.open(project_dir)
    have = {u.name for u in list_users(project)}
    for i in range(users):
        if f"load{i}" not in have:
            add_user(project, f"load{i}", "reviewer", PASSWORD)
    with project.connect(read_only=True) as con:
        records = con.execute("SELECT count(*) FROM victim_record").fetchall()[0][0]
        persons = [r[0] for r in con.execute(
            "SELECT DISTINCT person_id FROM person_record USING SAMPLE 500 ROWS").fetchall()]
        names = [r[0] for r in con.execute(
            "SELECT name FROM victim_record WHERE name IS NOT NULL USING SAMPLE 500 ROWS"
        ).fetchall()]
        pairs_before = con.execute("SELECT count(*) FROM review_decision").fetchall()[0][0]
    return {"project": project, "records": records, "persons": persons,
            "names": [n for n in names if n.strip()], "decisions_before": pairs_before,
            **timings}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(project_dir: Path, port: int) -> subprocess.Popen:
    tally = Path(sys.executable).with_name("tally")
    proc = subprocess.Popen([str(tally), "-p", str(project_dir), "serve", "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL)
    end = time.monotonic() + 120
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("tally serve exited before it listened")
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("tally serve did not listen within 120 s")


class Load:
    def __init__(self, base: str, data: dict, seconds: float, seed: int,
                 think: tuple[float, float] = THINK) -> None:
        self.base = base
        self.think = think
        self.data = data
        self.seconds = seconds
        self.deadline = float("inf")          # set when every user has signed in
        self.arrival = ARRIVAL_S
        self.signed_in = asyncio.Event()
        self.waiting = 0
        self.random = random.Random(seed)
        self.times: dict[str, list[float]] = {"page": [], "verdict": []}
        self.by_kind: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.taken: set[tuple[str, str]] = set()
        self.sent: list[str] = []        # notes of verdicts the server accepted
        self.refused: list[str] = []

    async def timed(self, client, kind: str, method: str, url: str, expect: int, **kw):
        start = time.perf_counter()
        try:
            response = await client.request(method, url, **kw)
        except Exception as exc:  # a refused or dropped connection is an error
            self.errors.append(f"{method} {url}: {type(exc).__name__}")
            return None
        took = time.perf_counter() - start
        if kind != "sign-in":
            self.times["verdict" if kind == "verdict" else "page"].append(took)
        self.by_kind.setdefault(kind, []).append(took)
        if response.status_code != expect:
            self.errors.append(f"{method} {url}: {response.status_code}")
        return response

    async def user(self, number: int) -> None:
        import httpx2

        rnd = random.Random(self.random.random())
        async with httpx2.AsyncClient(base_url=self.base, timeout=30.0,
                                      follow_redirects=False) as client:
            # users arrive over the first seconds, as a team does (and one Argon2id
            # check each is the point of the password hash: 50 at once queue)
            await asyncio.sleep(rnd.uniform(0, self.arrival))
            page = await self.timed(client, "sign-in", "GET", "/login", 200)
            if page is None:
                return
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            signed = await self.timed(client, "sign-in", "POST", "/login", 303,
                                      data={"name": f"load{number}", "password": PASSWORD,
                                            "csrf_token": token, "next": "/"})
            self.waiting -= 1  # one fewer to sign in (failed or not)
            if self.waiting == 0:
                self.deadline = time.monotonic() + self.seconds
                self.signed_in.set()
            if signed is None or signed.status_code != 303:
                return
            await self.signed_in.wait()  # the load starts with everyone in
            seq = 0
            while time.monotonic() < self.deadline:
                await asyncio.sleep(rnd.uniform(*self.think))
                if time.monotonic() >= self.deadline:
                    break
                roll = rnd.random()
                if roll < 0.35:
                    choice = rnd.random()
                    if choice < 0.3:
                        await self.timed(client, "dashboard", "GET", "/", 200)
                    elif choice < 0.6:
                        await self.timed(client, "records", "GET",
                                         f"/records?page={rnd.randint(1, 200)}", 200)
                    else:
                        person = rnd.choice(self.data["persons"])
                        await self.timed(client, "person", "GET", f"/persons/{person}", 200)
                elif roll < 0.70:
                    name = rnd.choice(self.data["names"])
                    await self.timed(client, "search", "GET", "/records",
                                     200, params={"name": name})
                else:
                    page = await self.timed(client, "review", "GET", "/review/pairs", 200)
                    if page is None or page.status_code != 200:
                        continue
                    pairs = re.findall(r'name="record_a" value="([^"]+)">\s*<input '
                                       r'type="hidden" name="record_b" value="([^"]+)"',
                                       page.text)
                    free = [p for p in pairs if p not in self.taken]
                    if not free:
                        continue
                    pair = rnd.choice(free)
                    self.taken.add(pair)
                    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
                    seq += 1
                    note = f"load{number}-{seq}"
                    done = await self.timed(
                        client, "verdict", "POST", "/review/pairs", 200,
                        headers={"HX-Request": "true"},
                        data={"csrf_token": token, "record_a": pair[0], "record_b": pair[1],
                              "verdict": rnd.choice(("match", "no-match", "unsure")),
                              "note": note})
                    if done is not None and done.status_code == 200 and "pair done" in done.text:
                        self.sent.append(note)
                    else:
                        self.refused.append(note)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--think", default=f"{THINK[0]},{THINK[1]}",
                        help="seconds between a user's actions, LOW,HIGH (uniform)")
    parser.add_argument("--arrival", type=float, default=ARRIVAL_S,
                        help="users sign in over this many seconds before the load starts")
    parser.add_argument("--workdir", type=Path, default=Path("benchmarks/_work/web_load"))
    parser.add_argument("--keep", action="store_true", help="keep the built project")
    args = parser.parse_args()
    if args.seconds > 600 or args.users > 500:
        raise SystemExit("bounded: at most 600 s and 500 users")
    args.workdir.mkdir(parents=True, exist_ok=True)

    start = time.monotonic()
    data = build(args.workdir, args.size, args.users, args.seed)
    project = data.pop("project")
    print(f"project: {data['records']:,} records, built/opened in {time.monotonic() - start:.0f} s "
          + " ".join(f"{k}={v:.0f}" for k, v in data.items() if k.endswith("_s")), flush=True)
    port = free_port()
    server = serve(project.root, port)
    try:
        think = tuple(float(x) for x in args.think.split(","))
        load = Load(f"http://127.0.0.1:{port}", data, args.seconds, args.seed, think)

        loads: list[float] = []

        async def sample_load() -> None:  # the shared machine's load while we ran
            await load.signed_in.wait()
            while time.monotonic() < load.deadline:
                loads.append(os.getloadavg()[0])
                await asyncio.sleep(5)

        async def run() -> None:
            load.signed_in = asyncio.Event()
            load.waiting = args.users
            load.arrival = args.arrival
            await asyncio.gather(sample_load(), *(load.user(i) for i in range(args.users)))

        began = time.monotonic()
        asyncio.run(run())
        wall = time.monotonic() - began
        if load.deadline != float("inf"):  # the load's own time, sign-in apart
            wall = time.monotonic() - (load.deadline - load.seconds)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    with project.connect(read_only=True) as con:
        notes = [r[0] for r in con.execute(
            "SELECT note FROM review_decision WHERE note LIKE 'load%' AND decision_id > ?",
            [data["decisions_before"]]).fetchall()]
    counts: dict[str, int] = {}
    for n in notes:
        counts[n] = counts.get(n, 0) + 1
    # accepted verdicts: stored exactly once; one whose answer never came (a timeout):
    # stored at most once; nothing else stored
    once = (all(counts.get(n) == 1 for n in load.sent)
            and all(c == 1 for c in counts.values())
            and set(counts) <= set(load.sent) | set(load.refused))
    requests = sum(len(v) for v in load.times.values())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average during the run "
          f"{min(loads, default=0):.1f}-{max(loads, default=0):.1f} "
          f"(mean {statistics.fmean(loads) if loads else 0:.1f}); {args.users} users, "
          f"{wall:.0f} s, think {load.think[0]}-{load.think[1]} s")
    signin_errors = [e for e in load.errors if " /login" in e]
    errors = [e for e in load.errors if " /login" not in e]
    print(f"requests: {requests:,} ({requests / wall:.1f}/s); errors: {len(errors)}"
          + (f" (first: {errors[:5]})" if errors else "")
          + f"; sign-in errors: {len(signin_errors)}")
    unanswered = len(set(counts) & set(load.refused))
    print(f"verdicts accepted: {len(load.sent)}, stored: {len(notes)}, each exactly once: {once}; "
          f"refused or unanswered: {len(load.refused)} (of which stored once: {unanswered})")
    for kind in ("page", "verdict"):
        v = load.times[kind]
        print(f"{kind}: n={len(v)} p50 {1000 * pct(v, 0.5):.0f} ms, p95 {1000 * pct(v, 0.95):.0f} ms, "
              f"max {1000 * max(v, default=0):.0f} ms")
    for kind, v in sorted(load.by_kind.items()):
        print(f"  {kind}: n={len(v)} p50 {1000 * pct(v, 0.5):.0f} ms, "
              f"p95 {1000 * pct(v, 0.95):.0f} ms, mean {1000 * statistics.fmean(v):.0f} ms")
    if not args.keep and args.workdir.name == "web_load":
        shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
