"""Run the installed `cjtui` on a pseudo-terminal, as sshd does, and watch what it writes."""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import threading
import time

ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[@-Z\\-_]"  # other two-byte escapes
)


def cjtui_argv() -> list[str]:
    exe = shutil.which("cjtui")
    return [exe] if exe else [sys.executable, "-m", "cjtui"]


class PtyApp:
    """`cjtui` as the session leader of a new pty of 80x24, output collected as it comes."""

    def __init__(
        self, args: list[str], env: dict[str, str] | None = None, program: list[str] | None = None
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

        def become_session_leader() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        full_env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", COLUMNS="80", LINES="24")
        full_env.pop("NO_COLOR", None)
        full_env.update(env or {})
        self.proc = subprocess.Popen(
            (program or cjtui_argv()) + args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            preexec_fn=become_session_leader,
            env=full_env,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def text(self) -> str:
        return ESCAPES.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 15.0, poll: float = 0.05) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(poll)
        raise AssertionError(f"{needle!r} never appeared:\n{self.text()[-2000:]}")

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def hang_up(self) -> None:
        """Close the master side, as sshd does when the connection drops."""
        self._stop.set()
        self._reader.join(2)
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        if self.master >= 0:
            self._stop.set()
            self._reader.join(2)
            os.close(self.master)
            self.master = -1
