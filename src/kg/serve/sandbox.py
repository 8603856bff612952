"""Cut a query worker off from the network, so that no query can make the server fetch anything.

SPARQL's SERVICE makes Oxigraph send an HTTP request to any address a query names. The endpoint
refuses such queries (sparql.py decides it from the parsed query), and a worker started without
`--allow-service` cannot open an Internet socket at all: a seccomp filter makes `socket()` for
IPv4 and IPv6 fail with EACCES (and so DNS look-ups and connections fail). The pipes to the
server and the store's files are untouched. Linux on x86-64 and AArch64; elsewhere `cut_off()`
says why it could not, and the parsed-query check stands alone.
"""
from __future__ import annotations

import ctypes
import errno
import platform
import socket
import struct

# <linux/audit.h>, <asm/unistd.h>
_ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198), "arm64": (0xC00000B7, 198)}
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
_LD_W_ABS, _JEQ_K, _RET_K = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K


def _program(arch: int, socket_nr: int) -> bytes:
    """seccomp_data: nr at 0, arch at 4, args[0] at 16. Deny socket(AF_INET|AF_INET6, ...)."""
    deny = _RET_ERRNO | errno.EACCES
    steps = [
        (_LD_W_ABS, 0, 0, 4), (_JEQ_K, 0, 5, arch),           # another ABI: allow
        (_LD_W_ABS, 0, 0, 0), (_JEQ_K, 0, 3, socket_nr),      # not socket(): allow
        (_LD_W_ABS, 0, 0, 16), (_JEQ_K, 2, 0, socket.AF_INET),
        (_JEQ_K, 1, 0, socket.AF_INET6),
        (_RET_K, 0, 0, _RET_ALLOW),
        (_RET_K, 0, 0, deny),
    ]
    return b"".join(struct.pack("HBBI", *step) for step in steps)


def cut_off() -> str | None:
    """Forbid this process (and what it starts) Internet sockets; None when done, else why not."""
    arch = _ARCH.get(platform.machine().lower())
    if platform.system() != "Linux" or arch is None:
        return f"no network filter for {platform.system()} on {platform.machine()}"
    code = _program(*arch)
    buffer = ctypes.create_string_buffer(code, len(code))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(len(code) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0 or \
            libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) != 0:
        return f"seccomp refused: {errno.errorcode.get(ctypes.get_errno(), ctypes.get_errno())}"
    return None
