# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line: bind, print one JSON line saying where the simulator is, then serve until signalled."""

import argparse
import datetime
import ipaddress
import json
import os
import shutil
import socket
import sys
import tempfile

import uvicorn

from .app import build
from .seed import build_seed
from .state import Config, State


def self_signed(directory, host):
    """A certificate for localhost, 127.0.0.1 and the bind address, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Plutora simulator")])
    alt = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    try:
        if host not in ("127.0.0.1", "0.0.0.0"):
            alt.append(x509.IPAddress(ipaddress.ip_address(host)))
    except ValueError:
        alt.append(x509.DNSName(host))
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return cert_path, key_path


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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="plutora-sim", description="A local simulator of Plutora's REST API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 (the default) picks a free one")
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a self-signed certificate made at start")
    parser.add_argument("--token-ttl", type=int, default=12000, metavar="SECONDS", help="token lifetime (default 12000)")
    parser.add_argument("--rate-limit", type=int, default=26000, metavar="N",
                        help="requests per sliding hour per client id (default 26000)")
    parser.add_argument("--whitelist", default="", metavar="CIDR[,CIDR]",
                        help="only these client addresses may call the API (default: all)")
    parser.add_argument("--data", metavar="FILE", help="seed data JSON; its top-level keys replace the built-in ones")
    opts = parser.parse_args(argv)

    try:
        seed = build_seed(opts.data)
        whitelist = [c.strip() for c in opts.whitelist.split(",") if c.strip()] or None
        state = State(seed, Config(opts.token_ttl, opts.rate_limit, whitelist))
    except (OSError, ValueError) as exc:
        parser.error(str(exc))

    family = socket.AF_INET6 if ":" in opts.host else socket.AF_INET
    # proto must be IPPROTO_TCP, not 0: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP,
    # and without it every keep-alive response waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((opts.host, opts.port))
    sock.listen(512)
    port = sock.getsockname()[1]

    ssl = {}
    ca_cert = tls_dir = None
    if opts.tls:
        tls_dir = tempfile.mkdtemp(prefix="plutora-sim-tls-")
        ca_cert, key = self_signed(tls_dir, opts.host)
        ssl = {"ssl_certfile": ca_cert, "ssl_keyfile": key}
    shown = "[%s]" % opts.host if family == socket.AF_INET6 else opts.host
    url = "%s://%s:%d" % ("https" if opts.tls else "http", shown, port)
    info = {"api_url": url, "auth_url": url, "ca_cert": ca_cert, "pid": os.getpid()}
    info.update(seed["credentials"])

    config = uvicorn.Config(build(state), log_level="warning", access_log=False, lifespan="off",
                            timeout_keep_alive=30, **ssl)
    try:
        Server(config, info).run(sockets=[sock])
    finally:
        if tls_dir:
            shutil.rmtree(tls_dir, ignore_errors=True)
    return 0
