"""A pool of query worker processes that the server can kill: the time limit is enforced for real.

pyoxigraph gives no way to interrupt a running query, and a thread cannot be stopped. So every
query runs in a separate process (worker.py) with its own read-only handle on the store; when the
time limit passes, the server kills that process, answers 503, and starts a fresh worker in its
place. The other workers go on serving meanwhile.

A request waits for a free worker in a bounded queue: up to `queue` requests wait, each up to
`wait` seconds; past either it gets 503 with Retry-After. Queries sent by clients (the "sparql"
lane) may hold all workers but one at a time, so a few slow or hostile queries cannot stall the
pages and saved queries (the "page" lane), which may use any worker.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from multiprocessing.connection import Connection

START_TIMEOUT = 60.0


class JobFailed(Exception):
    """A job that the worker answered with an error, or that was stopped: carries an HTTP status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, store_path: str, allow_service: bool = False):
        # A fresh interpreter (not a fork of the server's threads and event loop), talking pickled
        # messages over its stdin and stdout.
        self.note: str | None = None  # why the worker could not cut itself off from the network
        flags = ["--allow-service"] if allow_service else []
        self.process = subprocess.Popen([sys.executable, "-m", "kg.serve.worker", store_path, *flags],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        # The connections own their file descriptors: the Popen file objects are closed at once,
        # so no descriptor is ever closed twice (which could close a newer worker's pipe).
        self.out = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.inp = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        self._expect_ready()

    def _expect_ready(self) -> None:
        try:
            ready = self.inp.poll(START_TIMEOUT)
            answer = self.inp.recv() if ready else None
        except (EOFError, OSError):
            answer = None
        if answer is None:
            self.kill()
            raise JobFailed(500, "a query worker did not start")
        if answer[0] != "ok":
            self.kill()
            raise JobFailed(answer[1], answer[2])
        self.note = answer[1] if isinstance(answer[1], str) and answer[1] != "ready" else None

    def call(self, name: str, kwargs: dict, timeout: float):
        """Send a job and wait for its answer; TimeoutError when it does not come in time."""
        self.out.send((name, kwargs))
        if not self.inp.poll(max(0.0, timeout)):
            raise TimeoutError
        answer = self.inp.recv()
        if answer[0] == "error":
            raise JobFailed(answer[1], answer[2])
        return answer[1]

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        self.out.close()
        self.inp.close()


class WorkerPool:
    """`size` workers; `await pool.run(job, **kwargs)` runs a job on a free one within the time limit."""

    def __init__(self, store_path: str, size: int = 2, timeout: float = 10.0, *, allow_service: bool = False,
                 queue: int = 256, wait: float | None = None):
        self.store_path = store_path
        self.size = size
        self.timeout = timeout
        self.allow_service = allow_service
        self.queue = queue  # requests that may wait for a worker at once
        self.wait = wait if wait is not None else 3 * timeout  # seconds one may wait
        self.waiting = 0
        self.idle: asyncio.Queue[Worker] | None = None
        self.client_slots: asyncio.Semaphore | None = None
        self.workers: set[Worker] = set()
        self.notes: set[str] = set()
        self._restarts: set[asyncio.Task] = set()

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        self.client_slots = asyncio.Semaphore(max(1, self.size - 1))
        started = await asyncio.gather(*(asyncio.to_thread(Worker, self.store_path, self.allow_service)
                                         for _ in range(self.size)))
        for w in started:
            self.workers.add(w)
            self.idle.put_nowait(w)
            if w.note:
                self.notes.add(w.note)

    async def stop(self) -> None:
        for task in list(self._restarts):
            task.cancel()
        for w in list(self.workers):
            await asyncio.to_thread(w.kill)
        self.workers.clear()

    async def run(self, job: str, *, lane: str = "page", **kwargs):
        """Run a job; `lane` "sparql" for a query a client sent, "page" for the server's own."""
        if self.waiting >= self.queue:
            raise JobFailed(503, f"the server is busy: {self.waiting} requests are waiting already; try again later")
        limited = lane == "sparql"
        self.waiting += 1
        try:
            if limited:
                await self._within_wait(self.client_slots.acquire())
            try:
                w = await self._acquire()
            except BaseException:
                if limited:
                    self.client_slots.release()
                raise
        finally:
            self.waiting -= 1
        try:
            return await self._call(w, job, kwargs)
        finally:
            if limited:
                self.client_slots.release()

    async def _call(self, w: Worker, job: str, kwargs: dict):
        deadline = time.monotonic() + self.timeout
        try:
            result = await asyncio.to_thread(w.call, job, kwargs, deadline - time.monotonic())
        except TimeoutError:
            self._replace(w)
            raise JobFailed(503, f"the query ran longer than the server's limit of {self.timeout:g} s "
                                 "and was stopped; narrow it or add a LIMIT") from None
        except (EOFError, OSError):
            self._replace(w)
            raise JobFailed(500, "the query worker died while answering; it is being restarted") from None
        except JobFailed:
            self.idle.put_nowait(w)
            raise
        except BaseException:  # cancelled (the client went away): the worker may be mid-job
            self._replace(w)
            raise
        self.idle.put_nowait(w)
        return result

    async def _within_wait(self, awaitable):
        try:
            return await asyncio.wait_for(awaitable, self.wait)
        except asyncio.TimeoutError:
            raise JobFailed(503, f"the server is busy: no query worker became free within {self.wait:g} s; "
                                 "try again later") from None

    async def _acquire(self) -> Worker:
        """A free worker, or 503 when none frees up within the wait limit. Never loses a worker."""
        getter = asyncio.ensure_future(self.idle.get())
        try:
            return await self._within_wait(asyncio.shield(getter))
        except BaseException:  # timed out, or the request was cancelled
            if not getter.cancel():  # it got a worker just as time ran out: give it back
                self.idle.put_nowait(getter.result())
            raise

    def _replace(self, w: Worker) -> None:
        """Kill a stuck or dead worker and start a fresh one in its place, without holding up the answer."""
        self.workers.discard(w)
        task = asyncio.create_task(self._restart(w))
        self._restarts.add(task)
        task.add_done_callback(self._restarts.discard)

    async def _restart(self, w: Worker) -> None:
        await asyncio.to_thread(w.kill)
        while True:
            try:
                fresh = await asyncio.to_thread(Worker, self.store_path, self.allow_service)
                break
            except JobFailed:
                await asyncio.sleep(1.0)
        self.workers.add(fresh)
        self.idle.put_nowait(fresh)
