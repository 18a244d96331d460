"""Named points where a test kills the running process, to prove crash safety.

A multi-step operation that must leave the old or the new state whatever
instant it is killed at (``tally keys rotate``, ``tally encrypt``, ``tally
forget``) calls :func:`crash_point` between its steps. When the environment
variable ``TALLY_CRASH_AT`` names that point, the process sends itself SIGKILL
there — the same signal as ``kill -9``: no ``finally``, no ``atexit``, no
flush. A test starts the real command in a subprocess with the variable set,
then checks the project. Unset (always, outside tests), it costs one dict look-up.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "TALLY_CRASH_AT"


def crash_point(name: str) -> None:
    """SIGKILL this process if ``TALLY_CRASH_AT`` is ``name``."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
