# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start a simulator executable as a child process and stop it: the one launcher of scripts and test fixtures."""

import contextlib
import json
import subprocess
import sys
import threading


def start(executable, args=(), log_path=None):
    """``sys.executable EXECUTABLE --port 0 ARGS``; return (process, the JSON object of its first stdout line).

    Its stderr is appended to ``log_path``, or is this process's stderr if that is None.
    """
    with (open(log_path, "ab") if log_path else contextlib.nullcontext()) as log:
        proc = subprocess.Popen([sys.executable, executable, "--port", "0"] + list(args),
                                stdout=subprocess.PIPE, stderr=log)
    line = proc.stdout.readline()
    if not line:
        proc.wait(timeout=10)
        raise RuntimeError("the simulator did not start (exit %s)%s"
                           % (proc.returncode, "; see %s" % log_path if log_path else ""))
    # Keep draining stdout so the simulator can never block on a full pipe.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, json.loads(line.decode("utf-8"))


def stop(proc, timeout=10):
    """SIGTERM, then wait; return the exit status (0 for a clean stop), killing it if it outlives the timeout."""
    proc.terminate()
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()
