"""The build's worker processes, which no file can stall or crash: each file has a time limit.

A multiprocessing Pool cannot stop one task, and a worker that dies takes its task with it (the
pool then waits forever). So the build runs its own: `jobs` forked processes, each given two
files at a time over a pipe. A file that takes longer than `limit` seconds (a pathological text
that makes a pattern backtrack, a worker stopped by a signal) has its worker killed and replaced,
and comes back as a problem; so does a file whose worker dies (the OOM killer, a crash in a C
library). The other files go on. Results come back in file order.

The workers are forked from a process that has the gazetteer, the topic scheme and the shapes
loaded (`Worker`), so they start at once and share that memory. Each ends when the build does,
or when the build's process dies (PR_SET_PDEATHSIG): a `kill -9` of `kg build` leaves none behind.
"""
from __future__ import annotations

import os
import pickle
import queue
import select
import signal
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator

from .worker import FileResult, Worker

DEPTH = 2  # files handed to one worker at a time: the next is there when it finishes one
_HEADER = struct.Struct(">Q")


def results(worker: Worker, names: list[str], jobs: int, limit: float, window: int) -> Iterator[FileResult]:
    """Run `worker` on every file in `names` in `jobs` processes; yield the results in file order.

    At most `window` files are in flight or waiting to be taken, so results wait in the workers
    when the caller (the store's loader) is slower than they are.
    """
    if not names:
        return
    room = threading.Semaphore(max(window, jobs * DEPTH))
    out: queue.Queue = queue.Queue()
    pool = _Pool(worker, names, min(jobs, len(names)), limit, room, out)
    thread = threading.Thread(target=pool.run, name="kg-build-workers", daemon=True)
    thread.start()
    done: dict[int, FileResult] = {}
    try:
        for i in range(len(names)):
            while i not in done:
                index, result = out.get()
                if index < 0:
                    raise result
                done[index] = result
            room.release()
            yield done.pop(i)
    finally:
        pool.stopped = True
        room.release()
        thread.join()


class _Proc:
    """One forked worker: its process, the pipe ends the parent holds, and the files it was given."""

    def __init__(self, process, send: int, recv: int):
        self.process, self.send, self.recv = process, send, recv
        self.buffer = bytearray()
        self.files: deque[int] = deque()
        self.since = 0.0  # when the file at the head of `files` was started


class _Pool:
    def __init__(self, worker: Worker, names: list[str], jobs: int, limit: float, room, out: queue.Queue):
        self.worker, self.names, self.jobs, self.limit = worker, names, jobs, limit
        self.room, self.out = room, out
        self.todo: deque[int] = deque(range(len(names)))
        self.procs: list[_Proc] = []
        self.stopped = False

    def run(self) -> None:
        try:
            for _ in range(self.jobs):
                self.procs.append(self._fork())
            while not self.stopped and (self.todo or any(p.files for p in self.procs)):
                self._hand_out()
                self._collect()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, which raises it
            self.out.put((-1, exc))
        finally:
            for p in self.procs:
                self._end(p)

    def _hand_out(self) -> None:
        for p in list(self.procs):
            while self.todo and len(p.files) < DEPTH and self.room.acquire(blocking=False):
                index = self.todo.popleft()
                try:
                    _send(p.send, self.names[index])
                except OSError:  # the worker is gone (its pipe is broken): the file goes to another
                    self.todo.appendleft(index)
                    self.room.release()
                    self._gone(p)
                    break
                if not p.files:
                    p.since = time.monotonic()
                p.files.append(index)

    def _collect(self) -> None:
        busy = [p for p in self.procs if p.files]
        if not busy:  # the window is full: wait for the caller to take a result
            if self.room.acquire(timeout=0.2):
                self.room.release()
            return
        now = time.monotonic()
        wait = max(0.0, min(p.since + self.limit for p in busy) - now)
        ready, _, _ = select.select([p.recv for p in busy], [], [], min(wait, 1.0))
        for p in busy:
            if p.recv in ready:
                self._read(p)
        now = time.monotonic()
        for p in list(self.procs):
            if p.files and now - p.since > self.limit:
                self._replace(p, f"took longer than {self.limit:g} s to read, extract, map and validate; "
                                 "skipped (raise the limit with --time-limit if the file is a release)")

    def _read(self, p: _Proc) -> None:
        try:
            chunk = os.read(p.recv, 1 << 20)
        except OSError:
            chunk = b""
        if not chunk:
            self._gone(p)
            return
        p.buffer += chunk
        while len(p.buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(p.buffer)
            if len(p.buffer) < _HEADER.size + size:
                break
            result = pickle.loads(bytes(p.buffer[_HEADER.size:_HEADER.size + size]))
            del p.buffer[:_HEADER.size + size]
            self.out.put((p.files.popleft(), result))
            p.since = time.monotonic()

    def _gone(self, p: _Proc) -> None:
        """A worker that died: the file it was reading is its problem; an idle one is just replaced."""
        p.process.join(1.0)  # its pipe closes as it exits
        code = p.process.exitcode
        how = f" (killed by {signal.Signals(-code).name})" if code and code < 0 else \
            f" (exit status {code})" if code is not None else ""
        if p.files:
            self._replace(p, f"the worker reading it stopped unexpectedly{how}; skipped")
        else:
            self._end(p)
            self.procs.remove(p)
            self.procs.append(self._fork())

    def _replace(self, p: _Proc, problem: str) -> None:
        """Kill a stuck or dead worker: its current file comes back as a problem, the next goes to another."""
        self._end(p)
        self.procs.remove(p)
        index = p.files.popleft()
        self.out.put((index, FileResult(self.names[index], "", problem=problem)))
        for later in reversed(p.files):
            self.todo.appendleft(later)
            self.room.release()
        self.procs.append(self._fork())

    def _fork(self) -> _Proc:
        import multiprocessing

        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        parents = [fd for p in self.procs for fd in (p.send, p.recv)] + [from_parent, to_parent]
        process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(self.worker, to_child, from_child, parents), name="kg-build-worker", daemon=True)
        process.start()
        os.close(to_child)
        os.close(from_child)
        return _Proc(process, from_parent, to_parent)

    def _end(self, p: _Proc) -> None:
        for fd in (p.send, p.recv):
            if fd >= 0:
                os.close(fd)
        p.send = p.recv = -1
        p.process.kill()
        p.process.join()


def _serve(worker: Worker, inp: int, out: int, parents: list[int]) -> None:
    """The worker's loop: a file name in, its FileResult out, until the build closes the pipe.
    `parents`: the build's ends of the pipes, inherited by the fork, closed here."""
    for fd in parents:
        os.close(fd)
    _die_with_parent()
    reader = os.fdopen(inp, "rb", buffering=0)
    while True:
        head = _read_exactly(reader, _HEADER.size)
        if head is None:
            return
        name = _read_exactly(reader, _HEADER.unpack(head)[0]).decode("utf-8", "surrogateescape")
        data = pickle.dumps(worker.run(name), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(_HEADER.pack(len(data)) + data)
        while view:
            view = view[os.write(out, view):]


def _send(fd: int, name: str) -> None:
    data = name.encode("utf-8", "surrogateescape")
    os.write(fd, _HEADER.pack(len(data)) + data)


def _read_exactly(reader, n: int) -> bytes | None:
    parts, left = [], n
    while left:
        chunk = reader.read(left)
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _die_with_parent() -> None:
    """Linux: this process is killed when the build's process dies, however it dies."""
    parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call
        raise SystemExit(1)
