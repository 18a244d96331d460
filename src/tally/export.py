"""Moved: table exports are :mod:`tally.report.exports`, the public dataset
:mod:`tally.report.public`. This name stays only while the last importers move."""

from tally.report.exports import *  # noqa: F401,F403
from tally.report.exports import export_query as _export  # noqa: F401
from tally.report.public import *  # noqa: F401,F403
