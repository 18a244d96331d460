"""Upload a list: column mapping, preview, dry run, ingest (filled in below)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from tally.web import security

router = APIRouter(dependencies=[Depends(security.check_csrf)])
