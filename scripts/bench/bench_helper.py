#!/usr/bin/env python3
"""Helpers for scripts/bench-dns: data generation, config rendering and result parsing.

Kept in Python because building a million-line list and its two server configurations is
seconds here and minutes in a shell loop. Every subcommand is deterministic (fixed seeds) so
two runs of the benchmark query the same names.
"""
import argparse
import glob
import hashlib
import json
import os
import random
import re
import socket
import statistics
import sys

# A hostname label as found in real blocklists: letters, digits, hyphen and underscore
# (underscore appears in real entries; resolvers accept it in names, RFC 2181 section 11).
LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
SYNTHETIC_TLDS = ["com", "net", "org", "info", "xyz", "fr", "de", "io", "co.uk", "online"]
ALLOWED_ZONE = "allowed.test"


def normalise(line):
    """Returns the normalised domain of one list line, or None when the line is not a domain."""
    name = line.strip().lower()
    if not name or name.startswith("#"):
        return None
    name = name.lstrip(".").rstrip(".")
    if not name or IPV4.match(name) or ":" in name or len(name) > 253:
        return None
    labels = name.split(".")
    # A single label (e.g. "localhost", "com") would block a whole TLD: never a real entry.
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    if not all(LABEL.match(label) for label in labels):
        return None
    # The benchmark's allowed names must stay allowed whatever the lists contain.
    if name == "test" or name.endswith(".test"):
        return None
    return name


def cmd_domains(args):
    """Writes exactly args.count normalised, deduplicated blocked domains: real lists first."""
    seen = set()
    ordered = []
    stats = {"lines": 0, "skipped": 0, "duplicates": 0}
    files = sorted(glob.glob(os.path.join(args.blocklists, "ut1", "*", "domains")))
    files += sorted(glob.glob(os.path.join(args.blocklists, "porn-top1m", "domains")))
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                stats["lines"] += 1
                name = normalise(line)
                if name is None:
                    stats["skipped"] += 1
                elif name in seen:
                    stats["duplicates"] += 1
                else:
                    seen.add(name)
                    ordered.append(name)
    real = min(len(ordered), args.count)
    ordered = ordered[:real]
    index = 0
    while len(ordered) < args.count:
        digest = hashlib.blake2b(str(index).encode(), digest_size=4).hexdigest()
        name = "b%07d-%s.%s" % (index, digest, SYNTHETIC_TLDS[index % len(SYNTHETIC_TLDS)])
        index += 1
        if name not in seen:
            seen.add(name)
            ordered.append(name)
    with open(args.out, "w", encoding="ascii") as out:
        out.write("\n".join(ordered))
        out.write("\n")
    print(
        "domains: %d (real %d from %d files, %d lines, %d skipped, %d duplicates; synthetic %d)"
        % (len(ordered), real, len(files), stats["lines"], stats["skipped"],
           stats["duplicates"], len(ordered) - real),
        file=sys.stderr,
    )


def read_domains(path):
    with open(path, encoding="ascii") as handle:
        return [line.strip() for line in handle if line.strip()]


def cmd_queries(args):
    """Writes the dnsperf query file, the warm-up file and one blocked probe name."""
    rng = random.Random(20240517)
    domains = read_domains(args.domains)
    lines = []
    for i in range(args.count):
        if i % 2 == 0:
            name = domains[rng.randrange(len(domains))]
            # Half of the blocked queries ask for a subdomain: lists cover subdomains.
            if (i // 2) % 2 == 1 and len(name) <= 249:
                name = "www." + name
        else:
            name = "n%d.%s" % (rng.randrange(args.allowed_pool), ALLOWED_ZONE)
        lines.append("%s A\n" % name)
    with open(args.out, "w", encoding="ascii") as out:
        out.writelines(lines)
    with open(args.warmup, "w", encoding="ascii") as out:
        for i in range(args.allowed_pool):
            out.write("n%d.%s A\n" % (i, ALLOWED_ZONE))
    # The probe for time-to-ready is the last domain: a server that is still loading its
    # list in order cannot answer it early.
    print(domains[-1])


def cmd_dnsmasq_conf(args):
    with open(args.out, "w", encoding="ascii") as out:
        out.write("no-resolv\nno-hosts\nno-poll\nbind-interfaces\n")
        out.write("listen-address=127.0.0.1\nport=%d\n" % args.port)
        out.write("server=127.0.0.1#%d\n" % args.upstream)
        out.write("cache-size=%d\n" % args.cache_size)
        # The default of 150 concurrent forwards would drop queries during warm-up under
        # 200 outstanding queries; this is not a blocking-speed advantage.
        out.write("dns-forward-max=1000\n")
        out.write("pid-file=%s\n" % args.pidfile)
        out.write("user=root\n")
        for name in read_domains(args.domains):
            out.write("address=/%s/\n" % name)


def unbound_common(out, port, workdir):
    out.write("server:\n")
    out.write("  interface: 127.0.0.1@%d\n  port: %d\n" % (port, port))
    out.write("  interface-automatic: no\n  do-ip6: no\n  do-ip4: yes\n  do-udp: yes\n  do-tcp: yes\n")
    out.write("  access-control: 127.0.0.0/8 allow\n")
    out.write("  do-daemonize: no\n  chroot: \"\"\n  username: \"\"\n  use-syslog: no\n")
    out.write("  logfile: \"\"\n  verbosity: 0\n")
    out.write("  directory: \"%s\"\n  pidfile: \"%s/unbound-%d.pid\"\n" % (workdir, workdir, port))
    out.write("  num-threads: 1\n  so-reuseport: no\n")


def cmd_unbound_conf(args):
    with open(args.out, "w", encoding="ascii") as out:
        unbound_common(out, args.port, args.workdir)
        out.write("  module-config: \"iterator\"\n")
        out.write("  do-not-query-localhost: no\n")
        # test. is one of unbound's default local zones (RFC 6761); the allowed names live there.
        out.write("  local-zone: \"test.\" nodefault\n")
        # unbound sizes its caches in bytes; these hold far more than the 10,000 answers the
        # other servers keep, so the allowed pool (5,000 names) never leaves the cache.
        out.write("  msg-cache-size: 4m\n  rrset-cache-size: 8m\n")
        for name in read_domains(args.domains):
            out.write("  local-zone: \"%s.\" always_nxdomain\n" % name)
        out.write("forward-zone:\n  name: \".\"\n  forward-addr: 127.0.0.1@%d\n" % args.upstream)


def cmd_upstream_conf(args):
    with open(args.out, "w", encoding="ascii") as out:
        unbound_common(out, args.port, args.workdir)
        out.write("  module-config: \"iterator\"\n")
        out.write("  local-zone: \"test.\" nodefault\n")
        out.write("  local-zone: \"%s.\" redirect\n" % ALLOWED_ZONE)
        out.write("  local-data: \"%s. 3600 IN A 192.0.2.10\"\n" % ALLOWED_ZONE)
        # Anything else is refused rather than sent to the internet.
        out.write("  local-zone: \".\" refuse\n")


def cmd_freeport(args):
    """Prints a port free for both UDP and TCP on 127.0.0.1."""
    for _ in range(100):
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.bind(("127.0.0.1", 0))
        port = tcp.getsockname()[1]
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            udp.bind(("127.0.0.1", port))
        except OSError:
            continue
        finally:
            udp.close()
            tcp.close()
        print(port)
        return
    sys.exit("no free port found on 127.0.0.1")


DNSPERF_FIELDS = {
    "sent": re.compile(r"Queries sent:\s+(\d+)"),
    "completed": re.compile(r"Queries completed:\s+(\d+)"),
    "lost": re.compile(r"Queries lost:\s+(\d+)"),
    "qps": re.compile(r"Queries per second:\s+([\d.]+)"),
    "latency": re.compile(r"Average Latency \(s\):\s+([\d.]+)"),
}


def cmd_parse_dnsperf(args):
    text = open(args.file, encoding="utf-8", errors="replace").read()
    result = {}
    for key, pattern in DNSPERF_FIELDS.items():
        match = pattern.search(text)
        if match is None:
            sys.exit("dnsperf output %s has no '%s' line" % (args.file, key))
        result[key] = float(match.group(1))
    codes = re.search(r"Response codes:\s+(.*)", text)
    result["rcodes"] = codes.group(1).strip() if codes else ""
    print(json.dumps(result))


def cmd_summarise(args):
    """Reads one JSON object per line (one per server) and prints the table and ratios."""
    servers = {}
    with open(args.results, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                entry = json.loads(line)
                servers[entry["server"]] = entry
    print()
    print("%-10s %12s %14s %16s %10s %10s  %s" % (
        "server", "qps(median)", "latency(ms)", "lost/sent", "RSS(MiB)", "ready(s)", "runs qps"))
    for name in ("dnsmasq", "unbound", "classgate"):
        entry = servers.get(name)
        if entry is None:
            continue
        if entry.get("skipped"):
            print("%-10s skipped: %s" % (name, entry["skipped"]))
            continue
        runs = entry["runs"]
        qps = statistics.median(r["qps"] for r in runs)
        latency = statistics.median(r["latency"] for r in runs) * 1000
        lost = sum(r["lost"] for r in runs)
        sent = sum(r["sent"] for r in runs)
        entry["qps"], entry["latency_ms"] = qps, latency
        print("%-10s %12.0f %14.3f %16s %10.1f %10.3f  %s" % (
            name, qps, latency, "%d/%d" % (lost, sent), entry["rss_kib"] / 1024,
            entry["ready_s"], " ".join("%.0f" % r["qps"] for r in runs)))
        print("%-10s rcodes (last run): %s" % ("", runs[-1]["rcodes"]))
    cg = servers.get("classgate")
    if cg is None or cg.get("skipped") or "qps" not in cg:
        print("\nClassGate ratios: not measured")
        return 0
    print("\nClassGate against targets:")
    checks = []

    def check(label, value, target, ok, fmt="%.2f"):
        checks.append(ok)
        print("  %-26s %-10s target %-12s %s" % (label, fmt % value, target, "PASS" if ok else "FAIL"))

    unbound = servers.get("unbound")
    dnsmasq = servers.get("dnsmasq")
    if unbound and "qps" in unbound:
        ratio = cg["qps"] / unbound["qps"]
        check("qps vs unbound", ratio, ">= 1.05x", ratio >= 1.05, "%.2fx")
        ratio = cg["latency_ms"] / unbound["latency_ms"]
        check("latency vs unbound", ratio, "<= 1.00x", ratio <= 1.0, "%.2fx")
    if dnsmasq and "qps" in dnsmasq:
        ratio = cg["qps"] / dnsmasq["qps"]
        check("qps vs dnsmasq", ratio, ">= 1.2x", ratio >= 1.2, "%.2fx")
        ratio = cg["rss_kib"] / dnsmasq["rss_kib"]
        check("RSS vs dnsmasq", ratio, "<= 1.00x", ratio <= 1.0, "%.2fx")
    check("time to ready", cg["ready_s"], "<= 1 s", cg["ready_s"] <= 1.0, "%.3f s")
    return 0 if all(checks) else 3


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("domains")
    p.add_argument("--blocklists", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_domains)
    p = sub.add_parser("queries")
    p.add_argument("--domains", required=True)
    p.add_argument("--count", type=int, default=200000)
    p.add_argument("--allowed-pool", type=int, default=5000)
    p.add_argument("--out", required=True)
    p.add_argument("--warmup", required=True)
    p.set_defaults(func=cmd_queries)
    p = sub.add_parser("dnsmasq-conf")
    for flag in ("--domains", "--out", "--pidfile"):
        p.add_argument(flag, required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--upstream", type=int, required=True)
    p.add_argument("--cache-size", type=int, default=10000)
    p.set_defaults(func=cmd_dnsmasq_conf)
    p = sub.add_parser("unbound-conf")
    for flag in ("--domains", "--out", "--workdir"):
        p.add_argument(flag, required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--upstream", type=int, required=True)
    p.set_defaults(func=cmd_unbound_conf)
    p = sub.add_parser("upstream-conf")
    p.add_argument("--out", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--port", type=int, required=True)
    p.set_defaults(func=cmd_upstream_conf)
    p = sub.add_parser("freeport")
    p.set_defaults(func=cmd_freeport)
    p = sub.add_parser("parse-dnsperf")
    p.add_argument("file")
    p.set_defaults(func=cmd_parse_dnsperf)
    p = sub.add_parser("summarise")
    p.add_argument("results")
    p.set_defaults(func=cmd_summarise)
    args = parser.parse_args()
    sys.exit(args.func(args) or 0)


if __name__ == "__main__":
    main()
