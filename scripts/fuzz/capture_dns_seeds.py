#!/usr/bin/env python3
"""Captures real DNS queries (from dig) and real responses (from unbound) as fuzzing seeds.

Starts a private unbound on loopback serving a small test. zone, puts a recording relay in
front of it (UDP and TCP), runs a set of dig commands through the relay and writes every
query and response it saw, byte for byte, into each output directory:

    scripts/fuzz/capture_dns_seeds.py DIR [DIR ...]

Nothing leaves the machine: unbound refuses every name outside test. (so one seed is a real
REFUSED answer). Re-running it rewrites the seeds; IDs and cookies change, the shapes do not.
"""
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

ZONE = """$ORIGIN test.
@ 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 30
@ 3600 IN NS ns.test.
ns 3600 IN A 192.0.2.53
allowed 3600 IN A 192.0.2.10
allowed 3600 IN AAAA 2001:db8::10
*.allowed 3600 IN A 192.0.2.10
chain 60 IN CNAME chain1
chain1 60 IN CNAME chain2
chain2 60 IN A 192.0.2.20
old 60 IN DNAME renamed
www.renamed 60 IN A 192.0.2.30
mail 3600 IN MX 10 mx1.mail
mail 3600 IN MX 20 mx2.mail
mx1.mail 3600 IN A 192.0.2.25
mx2.mail 3600 IN A 192.0.2.26
_sip._udp 3600 IN SRV 10 60 5060 sip.allowed
naptr 3600 IN NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp
caa 3600 IN CAA 0 issue "ca.example"
rp 3600 IN RP admin.mail txt.mail
txt.mail 3600 IN TXT "responsible person"
"""

# (seed name, dig arguments). Defaults of dig 9.18: RD set, EDNS(0) with a cookie.
QUERIES = [
    ("a-edns-cookie", ["allowed.test", "A"]),
    ("a-plain", ["+noedns", "allowed.test", "A"]),
    ("a-mixed-case", ["+nocookie", "AlLoWeD.TeSt", "A"]),
    ("aaaa-dnssec-ok", ["+dnssec", "allowed.test", "AAAA"]),
    ("a-wildcard", ["www.deep.allowed.test", "A"]),
    ("cname-chain", ["chain.test", "A"]),
    ("dname", ["www.old.test", "A"]),
    ("nxdomain-soa", ["missing.test", "A"]),
    ("nodata-soa", ["chain2.test", "TXT"]),
    ("mx-additional", ["mail.test", "MX"]),
    ("srv", ["_sip._udp.test", "SRV"]),
    ("naptr", ["naptr.test", "NAPTR"]),
    ("caa", ["caa.test", "CAA"]),
    ("rp", ["rp.test", "RP"]),
    ("soa-apex", ["test", "SOA"]),
    ("ns-apex", ["test", "NS"]),
    ("any", ["allowed.test", "ANY"]),
    ("ptr-refused", ["-x", "192.0.2.10"]),
    ("refused-outside-zone", ["example.com", "A"]),
    ("no-recursion", ["+norecurse", "allowed.test", "A"]),
    ("padding-option", ["+padding=128", "allowed.test", "A"]),
    ("nsid-option", ["+nsid", "allowed.test", "A"]),
    ("client-subnet-option", ["+subnet=192.0.2.0/24", "allowed.test", "A"]),
    ("tcp-a", ["+tcp", "allowed.test", "A"]),
]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_config(directory, port):
    with open(os.path.join(directory, "test.zone"), "w", encoding="ascii") as zone:
        zone.write(ZONE)
        for i in range(20):
            zone.write('big 60 IN TXT "record-%02d-%s"\n' % (i, "x" * 88))
        for i in range(1, 41):
            zone.write("many 60 IN A 198.51.100.%d\n" % i)
    settings = [
        "interface: 127.0.0.1@%d" % port,
        "port: %d" % port,
        "do-ip6: no",
        "access-control: 127.0.0.0/8 allow",
        "do-daemonize: no",
        'chroot: ""',
        'username: ""',
        "use-syslog: no",
        'logfile: ""',
        'directory: "%s"' % directory,
        'pidfile: "%s"' % os.path.join(directory, "unbound.pid"),
        "num-threads: 1",
        'module-config: "iterator"',
        "nsid: ascii_classgate-seed",
        'local-zone: "." refuse',
        'local-zone: "test." transparent',
    ]
    auth = [
        'name: "test."',
        'zonefile: "%s"' % os.path.join(directory, "test.zone"),
        "for-upstream: yes",
        "for-downstream: no",
        "fallback-enabled: no",
    ]
    conf = "server:\n" + "".join("  %s\n" % s for s in settings)
    conf += "auth-zone:\n" + "".join("  %s\n" % s for s in auth)
    path = os.path.join(directory, "unbound.conf")
    with open(path, "w", encoding="ascii") as out:
        out.write(conf)
    return path


def read_exact(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError("connection closed after %d of %d bytes" % (len(data), count))
        data += chunk
    return data


class Relay:
    """Forwards UDP and TCP DNS messages to the upstream and records each exchange."""

    def __init__(self, upstream_port):
        self.upstream = ("127.0.0.1", upstream_port)
        self.exchanges = []
        self.lock = threading.Lock()
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.port = self.udp.getsockname()[1]
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.tcp.bind(("127.0.0.1", self.port))
        self.tcp.listen(4)
        for target in (self.serve_udp, self.serve_tcp):
            threading.Thread(target=target, daemon=True).start()

    def record(self, transport, query, response):
        with self.lock:
            self.exchanges.append((transport, query, response))

    def serve_udp(self):
        while True:
            query, client = self.udp.recvfrom(65535)
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as up:
                up.settimeout(5)
                up.sendto(query, self.upstream)
                response, _ = up.recvfrom(65535)
            self.record("udp", query, response)
            self.udp.sendto(response, client)

    def serve_tcp(self):
        while True:
            conn, _ = self.tcp.accept()
            with conn:
                (length,) = struct.unpack("!H", read_exact(conn, 2))
                query = read_exact(conn, length)
                with socket.create_connection(self.upstream, timeout=5) as up:
                    up.sendall(struct.pack("!H", len(query)) + query)
                    (rlength,) = struct.unpack("!H", read_exact(up, 2))
                    response = read_exact(up, rlength)
                self.record("tcp", query, response)
                conn.sendall(struct.pack("!H", len(response)) + response)


def wait_ready(port, deadline):
    probe = bytes.fromhex("abcd01000001000000000000") + b"\x02ns\x04test\x00\x00\x01\x00\x01"
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.settimeout(0.2)
            try:
                sock.sendto(probe, ("127.0.0.1", port))
                sock.recvfrom(512)
                return
            except OSError:
                time.sleep(0.1)
    raise SystemExit("unbound did not answer on port %d" % port)


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    outputs = argv[1:]
    for tool in ("unbound", "dig"):
        if not shutil.which(tool, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin"):
            raise SystemExit("capture_dns_seeds: '%s' is not installed" % tool)
    work = tempfile.mkdtemp(prefix="dns-seeds.")
    port = free_port()
    config = write_config(work, port)
    unbound = shutil.which("unbound", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    server = subprocess.Popen([unbound, "-d", "-c", config], stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(work, "unbound.log"), "w"))
    try:
        wait_ready(port, time.monotonic() + 10)
        relay = Relay(port)
        seeds = []
        runs = QUERIES + [("truncated-big-txt", ["+ignore", "big.test", "TXT"]),
                          ("tcp-big-txt", ["+tcp", "big.test", "TXT"]),
                          ("many-a", ["+bufsize=4096", "many.test", "A"])]
        for name, args in runs:
            before = len(relay.exchanges)
            subprocess.run(["dig", "@127.0.0.1", "-p", str(relay.port), "+tries=1", "+time=3"]
                           + args, check=True, stdout=subprocess.DEVNULL)
            transport, query, response = relay.exchanges[before]
            seeds.append(("query-" + name, query))
            seeds.append(("response-" + name, response))
        for directory in outputs:
            os.makedirs(directory, exist_ok=True)
            for name, data in seeds:
                with open(os.path.join(directory, name), "wb") as out:
                    out.write(data)
        print("wrote %d seeds to %s" % (len(seeds), ", ".join(outputs)))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv)
