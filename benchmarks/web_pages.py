"""Page times of the workspace, in-process (FastAPI's test client: no network, one
user, the server's own code), on a project such as the demo's:

    tally demo /tmp/demo && python benchmarks/web_pages.py /tmp/demo/project

Adds an analyst account ``bench`` to the project if it has none (a write: use a
copy of a real project). Each page is fetched 7 times; the median and the
slowest are printed. The load test with many users is benchmarks/web_load.py.
"""

from __future__ import annotations

import re
import statistics
import sys
import time

from fastapi.testclient import TestClient

from tally.errors import TallyError
from tally.project import Project
from tally.store.accounts import add_user
from tally.web import create_app

PASSWORD = "correct horse battery"


def main(root: str, repeats: int = 7) -> None:
    try:
        add_user(Project.open(root), "bench", "analyst", PASSWORD)
    except TallyError:
        pass  # there already
    app = create_app(root)
    client = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"name": "bench", "password": PASSWORD, "csrf_token": token})
    with app.state.project.connect() as con:
        records = con.execute("SELECT count(*) FROM victim_record").fetchall()[0][0]
        person = con.execute("SELECT min(person_id) FROM person_record").fetchall()[0][0]
    print(f"{records:,} records")
    pages = ["/", "/sources", "/documents", "/records", "/records?name=Mohammed+al-Ahmad",
             "/records?name=محمد&governorate=SY06&date_from=2025-03-01", f"/persons/{person}"]
    for path in pages:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
        print(f"{path:60s} median {statistics.median(times) * 1000:7.1f} ms   "
              f"slowest {max(times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1])
