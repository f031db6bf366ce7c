"""The build's memory budget, which every plugin that forks a process keeps.

fast_build's ``FAST_BUILD_MEMORY_BUDGET`` is the budget of the whole build
(its process and the processes it forks); a plugin that forks one more
process asks ``fork_may_exceed`` first, with that budget.
"""

from __future__ import annotations

import os

# What a forked process adds to the build's memory, as a share of this one's:
# the pages it copies (reference counts are written as it reads posts) and its
# own garbage. Measured for render processes: 35 % at 4,000 posts, 45-58 % at
# 10,000.
FORKED_PROCESS_SHARE = 0.6


def resident_mib() -> float:
    """Return this process's resident memory in MiB (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def fork_may_exceed(budget_mib: float) -> bool:
    """Tell whether forking a process could take the build over ``budget_mib``.

    A budget of 0 is no limit.
    """
    return bool(budget_mib) and resident_mib() * (1 + FORKED_PROCESS_SHARE) > budget_mib
