# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The command line of every simulator: bind, print one JSON line saying where it is, serve until signalled."""

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile

import uvicorn

from .app import build
from .tls import self_signed


class Server(uvicorn.Server):
    """uvicorn's server, announcing itself once it accepts connections and exiting 0 on SIGTERM/SIGINT."""

    def __init__(self, config, info):
        super().__init__(config)
        self.info = info

    async def startup(self, sockets=None):
        await super().startup(sockets=sockets)
        if self.started:
            # The first stdout line is the contract with launchers (README.md, "Start it").
            sys.stdout.write(json.dumps(self.info) + "\n")
            sys.stdout.flush()

    def handle_exit(self, sig, frame):
        super().handle_exit(sig, frame)
        # uvicorn re-raises captured signals after its graceful shutdown, which ends the process with
        # -SIGTERM; a signal is the normal way to stop the simulator, so end with status 0 instead.
        self._captured_signals.clear()


def cidr_list(text):
    return [c.strip() for c in text.split(",") if c.strip()]


def parser_for(spec, defaults):
    parser = argparse.ArgumentParser(prog=spec.name, description="A local simulator of %s's REST API." % spec.vendor)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 (the default) picks a free one")
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a self-signed certificate made at start")
    if spec.add_options:
        spec.add_options(parser, defaults)
    parser.add_argument("--rate-limit", type=int, default=defaults["rate_limit"], metavar="N",
                        help="requests per %s (default %d)" % (spec.state_class.BUDGET_TEXT, defaults["rate_limit"]))
    parser.add_argument("--whitelist", type=cidr_list, metavar="CIDR[,CIDR]",
                        help="only these client addresses may call the API (default: all)")
    parser.add_argument("--data", metavar="FILE", help="seed data JSON; its top-level keys replace the built-in ones")
    return parser


def listen(host, port):
    """A listening TCP socket for uvicorn, made here so that --port 0 can report the port it got."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must be IPPROTO_TCP, not 0: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP,
    # and without it every keep-alive response waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(512)
    return sock


def main(spec, argv=None):
    """Run ``spec``'s simulator until SIGTERM/SIGINT; return the exit status (0)."""
    config_class = spec.state_class.config_class
    parser = parser_for(spec, config_class.DEFAULTS)
    opts = parser.parse_args(argv)
    # An option whose dest names a setting sets it; options left out keep the setting's default.
    settings = {name: getattr(opts, name) for name in config_class.DEFAULTS if getattr(opts, name, None) is not None}
    try:
        state = spec.state_class(spec.load_seed(opts.data), config_class(**settings))
    except (OSError, ValueError) as exc:
        parser.error(str(exc))

    sock = listen(opts.host, opts.port)
    ssl = {}
    ca_cert = tls_dir = None
    if opts.tls:
        tls_dir = tempfile.mkdtemp(prefix=spec.name + "-tls-")
        ca_cert, key = self_signed(tls_dir, opts.host, "%s simulator" % spec.vendor)
        ssl = {"ssl_certfile": ca_cert, "ssl_keyfile": key}
    shown = "[%s]" % opts.host if sock.family == socket.AF_INET6 else opts.host
    url = "%s://%s:%d" % ("https" if opts.tls else "http", shown, sock.getsockname()[1])
    info = {key: url for key in spec.url_keys}
    info.update(ca_cert=ca_cert, pid=os.getpid())
    info.update(spec.announce(state))

    config = uvicorn.Config(build(spec, state), log_level="warning", access_log=False, lifespan="off",
                            timeout_keep_alive=30, **ssl)
    try:
        Server(config, info).run(sockets=[sock])
    finally:
        if tls_dir:
            shutil.rmtree(tls_dir, ignore_errors=True)
    return 0
