"""A stand-in for systemd's notification socket (sd_notify(3)) for SystemdNotifyIT.

Binds a Unix datagram socket at argv[1] and appends each message to argv[2], its assignments
joined by '|', one message a line. File descriptors passed with a message (systemd-notify's
BARRIER=1 passes one and waits for it to be closed) are closed at once, as systemd does.
"""
import array
import os
import socket
import sys

sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sys.argv[1])
with open(sys.argv[2], "a", encoding="utf-8") as out:
    while True:
        data, ancillary, _flags, _addr = sock.recvmsg(4096, socket.CMSG_SPACE(16 * 4))
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds = array.array("i")
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
                for fd in fds:
                    os.close(fd)
        out.write(data.decode("utf-8", "replace").replace("\n", "|") + "\n")
        out.flush()
