"""Jobs pages (analyst and admin): start a stage run in the background and watch
its progress and log (htmx polls the job's fragment once a second while it runs).

The runs themselves are :mod:`tally.web.jobs`; the report a report job wrote is
served from here (the project's ``reports/`` folder, by the job's id only).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import FileResponse, RedirectResponse

from tally.errors import TallyError
from tally.web import review_text  # noqa: F401  (adds the jobs pages' Arabic)
from tally.web import security
from tally.web.jobs import KINDS, REPORTS, job_runner
from tally.web.reading import record_web_read
from tally.web.security import require
from tally.web.templating import render

router = APIRouter(dependencies=[Depends(security.check_csrf)])


@router.get("/jobs")
def jobs(request: Request, session=require("run_stages")):
    return render(request, "jobs.html", kinds=KINDS, jobs=job_runner(request.app).jobs(),
                  error=None)


@router.get("/jobs/list")
def jobs_list(request: Request, session=require("run_stages")):
    return render(request, "jobs_list.html", jobs=job_runner(request.app).jobs())


@router.post("/jobs")
def start_job(request: Request, session=require("run_stages"), kind: str = Form("")):
    runner = job_runner(request.app)
    try:
        job = runner.submit(kind, session.user.name)
    except TallyError as exc:
        return render(request, "jobs.html", 400, kinds=KINDS, jobs=runner.jobs(), error=str(exc))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _job(request: Request, job_id: str):
    job = job_runner(request.app).get(job_id)
    if job is None:
        return None, render(request, "error.html", 404, title="404",
                            message=f"no job {job_id!r}")
    return job, None


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str, session=require("run_stages")):
    job, missing = _job(request, job_id)
    return missing or render(request, "job.html", job=job)


@router.get("/jobs/{job_id}/status")
def job_status(request: Request, job_id: str, session=require("run_stages")):
    job, missing = _job(request, job_id)
    return missing or render(request, "job_status.html", job=job)


@router.get("/jobs/{job_id}/report")
def job_report(request: Request, job_id: str, session=require("run_stages")):
    job, missing = _job(request, job_id)
    if missing:
        return missing
    name = job.result.get("file") if job.kind == "report" and job.state == "done" else None
    path = request.app.state.project.root / REPORTS / name if name else None
    if path is None or not path.is_file():
        return render(request, "error.html", 404, title="404", message="this job wrote no report")
    try:  # the report handed out: in the read audit first
        record_web_read(request, "report", job.id, {"file": name})
    except TallyError as exc:
        return render(request, "error.html", 503, title="503", message=str(exc))
    return FileResponse(path, media_type="text/html")
