# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line: bind, print one JSON line saying where the simulator is, then serve until signalled."""

import argparse
import datetime
import ipaddress
import json
import os
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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="plutora-sim", description="A local simulator of Plutora's REST API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--tls", action="store_true", help="serve HTTPS with a self-signed certificate")
    parser.add_argument("--token-ttl", type=int, default=12000, help="token lifetime in seconds")
    parser.add_argument("--rate-limit", type=int, default=26000, help="requests per hour per client id")
    parser.add_argument("--whitelist", default="", help="CIDR[,CIDR]: only these addresses may call the API")
    parser.add_argument("--data", help="seed data JSON file (format in README.md)")
    opts = parser.parse_args(argv)

    seed = build_seed()
    if opts.data:
        with open(opts.data) as handle:
            seed.update(json.load(handle))
    whitelist = [c.strip() for c in opts.whitelist.split(",") if c.strip()] or None
    state = State(seed, Config(opts.token_ttl, opts.rate_limit, whitelist))

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
    ca_cert = None
    if opts.tls:
        ca_cert, key = self_signed(tempfile.mkdtemp(prefix="plutora-sim-tls-"), opts.host)
        ssl = {"ssl_certfile": ca_cert, "ssl_keyfile": key}
    shown = "[%s]" % opts.host if family == socket.AF_INET6 else opts.host
    url = "%s://%s:%d" % ("https" if opts.tls else "http", shown, port)
    info = {"api_url": url, "auth_url": url, "ca_cert": ca_cert, "pid": os.getpid()}
    info.update(seed["credentials"])
    # The socket already listens, so connections queue from this moment on.
    sys.stdout.write(json.dumps(info) + "\n")
    sys.stdout.flush()

    config = uvicorn.Config(build(state), log_level="warning", access_log=False, lifespan="off",
                            timeout_keep_alive=30, **ssl)
    uvicorn.Server(config).run(sockets=[sock])
    return 0
