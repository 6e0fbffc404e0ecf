"""A real SSH session: cjtui on the pty sshd gives it, the client killed mid-interview.

.ci/run installs OpenSSH; the test starts its own sshd on 127.0.0.1 with a throwaway host
key, key-only login for the current user, and stops it afterwards.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cjtui.services.interview import Interview
from cjtui.store import Store

from .conftest import make_session
from .pty_helpers import ESCAPES

pytestmark = pytest.mark.slow

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)
SSH = shutil.which("ssh")
KEYGEN = shutil.which("ssh-keygen")
AVAILABLE = bool(SSHD and SSH and KEYGEN) and hasattr(os, "geteuid") and os.geteuid() == 0
if not AVAILABLE and os.environ.get("CI"):
    raise RuntimeError("CI needs OpenSSH server and client, run as root (.ci/run installs them)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def sshd(tmp_path: Path):  # type: ignore[no-untyped-def]
    if not AVAILABLE:
        pytest.skip("OpenSSH server/client missing, or not root")
    import getpass

    folder = tmp_path / "ssh"
    folder.mkdir(mode=0o700)
    for key in ("host_key", "client_key"):
        subprocess.run(
            [KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)], check=True
        )
    authorized = folder / "authorized_keys"
    authorized.write_bytes((folder / "client_key.pub").read_bytes())
    authorized.chmod(0o600)
    port = free_port()
    user = getpass.getuser()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host_key'}\n"
        f"PidFile {folder / 'sshd.pid'}\nAuthorizedKeysFile {authorized}\n"
        "PubkeyAuthentication yes\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
        f"AllowUsers {user}\nStrictModes no\nUsePAM no\nPrintMotd no\nPrintLastLog no\n"
    )
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # privilege separation needs it
    server = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        if server.poll() is not None:
            pytest.fail(
                f"sshd did not start: {server.stderr.read().decode() if server.stderr else ''}"
            )
        time.sleep(0.05)
    try:
        yield {"port": port, "key": folder / "client_key", "user": user}
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()


def test_killed_ssh_client_loses_nothing_and_session_resumes(sshd, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store_dir = tmp_path / "store-over-ssh"
    store = Store.open(store_dir)
    s = make_session("inbound", perspective="internal", touchpoints=1)
    s.set_answer("decision", "moment_of_truth", "|")
    store.save(s)
    exe = shutil.which("cjtui")
    program = [exe] if exe else [sys.executable, "-m", "cjtui"]
    remote = "stty cols 80 rows 24; exec env TERM=xterm-256color LANG=C.UTF-8 " + shlex.join(
        [*program, "--db", str(store_dir), "--lang", "en", "interview", "--resume", s.id]
    )
    client = subprocess.Popen(
        [
            SSH or "ssh",
            "-tt",
            "-i",
            str(sshd["key"]),
            "-p",
            str(sshd["port"]),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            f"{sshd['user']}@127.0.0.1",
            remote,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output = bytearray()

    def read() -> None:
        assert client.stdout is not None
        while chunk := client.stdout.read1(65536):
            output.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def shown() -> str:
        return ESCAPES.sub(b"", bytes(output)).decode("utf-8", "replace")

    def wait_for(needle: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while needle not in shown():
            if time.monotonic() > deadline or client.poll() is not None:
                raise AssertionError(f"{needle!r} never appeared:\n{shown()[-1500:]}")
            time.sleep(0.05)

    try:
        wait_for("Stage 3/3")
        time.sleep(0.4)
        assert client.stdin is not None
        client.stdin.write("typed over ssh ñ".encode())
        client.stdin.flush()
        wait_for("typed over ssh ñ")
        client.send_signal(signal.SIGKILL)  # the connection drops
        client.wait(5)
    finally:
        if client.poll() is None:
            client.kill()
    # sshd closes the pty; cjtui gets SIGHUP, saves and exits.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        running = subprocess.run(["pgrep", "-f", re.escape(str(store_dir))], capture_output=True)
        if not running.stdout.strip():
            break
        time.sleep(0.1)
    else:
        raise AssertionError("cjtui kept running after the SSH connection dropped")
    answer = store.load(s.id).stage("decision").answers["moment_of_truth"]
    assert answer == "|typed over ssh ñ"  # continued after what was there
    Interview.resume(store, s.id).close()
