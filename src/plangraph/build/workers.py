"""Worker processes that never outlive the build that started them.

A build's workers are forked (they share the spaCy pipeline the parent built). On
Linux each asks the kernel for SIGKILL when its parent dies (``PR_SET_PDEATHSIG``),
so even ``kill -9`` of the build leaves no worker behind; a build that stops on an
exception (Ctrl-C, SIGTERM, a failure) kills its workers instead of waiting for the
file each is on. ``stopping_on_sigterm`` turns SIGTERM into an exception for the
length of a build, so its clean-up runs as on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


class Terminated(SystemExit):
    """SIGTERM arrived during a build; exits with status 143 like an unhandled SIGTERM."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


def usable_cpus() -> int:
    """CPUs this process may run on (``taskset -c 0`` makes it 1): the default ``--jobs``."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextlib.contextmanager
def stopping_on_sigterm() -> Iterator[None]:
    """Raise ``Terminated`` in the main thread on SIGTERM, then restore the previous handler."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _fork_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def die_with(parent: int) -> None:
    """In a process the build started (a worker, the store's loader): die with ``parent``, leave signals to it."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us


def _start_worker(parent: int, initializer: Callable[[], object] | None) -> None:
    """In a new worker: die with ``parent`` (``die_with``), then run ``initializer``."""
    die_with(parent)
    if initializer is not None:
        initializer()


@contextlib.contextmanager
def worker_pool(jobs: int, initializer: Callable[[], object] | None = None) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers die with this process; leaving on an exception kills them."""
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_fork_context(), initializer=_start_worker,
                               initargs=(os.getpid(), initializer))
    try:
        yield pool
    except BaseException:
        kill_workers(pool)
        raise
    finally:
        pool.shutdown(cancel_futures=True)


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """SIGKILL every worker of ``pool`` and reap it (Python 3.14 has ``pool.kill_workers``)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for proc in processes:
        with contextlib.suppress(OSError, ValueError):
            proc.kill()
    for proc in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            proc.join(5)
