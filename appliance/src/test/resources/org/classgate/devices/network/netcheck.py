#!/usr/bin/env python3
"""Tiny TCP helpers for the classroom namespace tests (run inside a namespace with ip netns exec).

  netcheck.py serve NAME ADDR:PORT [ADDR:PORT ...]
      Listens on every ADDR:PORT; each connection is answered with "NAME ADDR:PORT\\n" and closed.
      Prints "ready" once all sockets listen, then serves until killed.
  netcheck.py connect ADDR PORT [SECONDS]
      Connects once and prints what happened: "connected <banner>", "refused" (RST or ICMP port
      unreachable), "unreachable" (ICMP host/admin prohibited), "timeout" or "error <errno name>".
"""
import errno
import socket
import sys
import threading


def serve(name, endpoints):
    sockets = []
    for endpoint in endpoints:
        address, port = endpoint.rsplit(":", 1)
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((address, int(port)))
        listener.listen(16)
        sockets.append((listener, endpoint))
    for listener, endpoint in sockets:
        threading.Thread(target=accept, args=(listener, name, endpoint), daemon=True).start()
    print("ready", flush=True)
    threading.Event().wait()


def accept(listener, name, endpoint):
    while True:
        connection, _ = listener.accept()
        try:
            connection.sendall(("%s %s\n" % (name, endpoint)).encode())
        finally:
            connection.close()


def connect(address, port, seconds):
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.settimeout(seconds)
    try:
        client.connect((address, port))
        banner = client.recv(200).decode(errors="replace").strip()
        print("connected " + banner)
    except socket.timeout:
        print("timeout")
    except ConnectionRefusedError:
        print("refused")
    except OSError as e:
        if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EACCES, errno.EPERM):
            print("unreachable")
        else:
            print("error " + errno.errorcode.get(e.errno, str(e.errno)))
    finally:
        client.close()


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "connect":
        connect(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) == 5 else 2.0)
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
