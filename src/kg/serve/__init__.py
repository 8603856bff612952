"""`kg serve`: a read-only SPARQL 1.1 endpoint and Linked Data pages over the store (Starlette).

Queries run in worker processes (`kg.serve.pool`, `kg.serve.worker`), each with its own read-only
handle on the store; the pages (`kg.serve.pages`, `kg.serve.html`) and the endpoint
(`kg.serve.sparql`) answer by content negotiation (`kg.serve.negotiate`). It must not write the
store, build, or import the command line.
"""
from __future__ import annotations

import socket

from ..errors import KgError
from .app import Settings, create_app

__all__ = ["Settings", "check_port", "create_app", "run"]


def check_port(host: str, port: int) -> None:
    """Fail with one clear line, before starting, when the address cannot be listened on."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise KgError(f"cannot listen on {host}:{port}: {exc.strerror}",
                          hint="choose another --port, or stop what is using it") from exc


def run(settings: Settings, host: str, port: int) -> None:
    """Serve until interrupted."""
    import uvicorn

    # h11 reads request heads of up to 1 MiB, so a long URL reaches the app and gets a proper 414
    # (with h11's default 16 KiB the connection would just be dropped).
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False, http="h11",
                h11_max_incomplete_event_size=1 << 20)
