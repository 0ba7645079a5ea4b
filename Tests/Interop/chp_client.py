#!/usr/bin/env python3
"""An independent CHP client, written from rfc.zeromq.org spec 12/CHP (and TownSync's
docs/PROTOCOL.md for the extra properties), used to check townd's interoperability.

usage: chp_client.py BASE_PORT
Exits 0 when every check passes; prints what it checked.
"""
import struct
import sys
import time
import uuid

import zmq

port = int(sys.argv[1])
ctx = zmq.Context()
deadline_ms = 5000


def recv(sock, timeout_ms=deadline_ms):
    if sock.poll(timeout_ms) == 0:
        raise SystemExit(f"timed out waiting on {sock}")
    return sock.recv_multipart()


def properties(frame):
    props = {}
    for line in frame.decode("utf-8").split("\n"):
        if line:
            name, value = line.split("=", 1)
            props[name] = value
    return props


def snapshot(subtree):
    dealer = ctx.socket(zmq.DEALER)
    dealer.linger = 0
    dealer.connect(f"tcp://127.0.0.1:{port}")
    dealer.send_multipart([b"ICANHAZ?", subtree.encode()])
    values = {}
    while True:
        frames = recv(dealer)
        assert len(frames) == 5, f"snapshot reply has {len(frames)} frames"
        key, seq = frames[0], struct.unpack(">Q", frames[1])[0]
        if key == b"KTHXBAI":
            assert frames[4] == subtree.encode(), "KTHXBAI must carry the subtree"
            dealer.close()
            return values, seq
        values[key.decode()] = (frames[4], seq, properties(frames[3]))


# 1. Subscribe first (CHP: subscribe, then snapshot, then apply updates after the snapshot).
sub = ctx.socket(zmq.SUB)
sub.linger = 0
sub.setsockopt(zmq.SUBSCRIBE, b"/interop/")
sub.setsockopt(zmq.SUBSCRIBE, b"HUGZ")
sub.connect(f"tcp://127.0.0.1:{port + 1}")
frames = recv(sub, 3000)
assert frames[0] == b"HUGZ" and len(frames) == 5, f"expected HUGZ first, got {frames[0]!r}"
hugz_seq = struct.unpack(">Q", frames[1])[0]
print(f"ok HUGZ received, sequence {hugz_seq}")

values, seq = snapshot("/interop/")
print(f"ok snapshot of /interop/: {len(values)} keys at sequence {seq}")

# 2. Set through the collector as a stock CHP client: PUB, KVSET, no stamp (townd stamps it).
pub = ctx.socket(zmq.PUB)
pub.linger = 1000
pub.connect(f"tcp://127.0.0.1:{port + 2}")
time.sleep(0.5)  # a PUB drops what it sends before its connection is up
key = b"/interop/2023/hello"
pub.send_multipart([key, struct.pack(">Q", 0), uuid.uuid4().bytes, b"ttl=600\n", "三魁".encode()])

# 3. The change comes back as KVPUB with a strictly greater sequence, stamp and origin.
while True:
    frames = recv(sub)
    if frames[0] == b"HUGZ":
        continue
    assert frames[0] == key, f"unexpected key {frames[0]!r}"
    kv_seq = struct.unpack(">Q", frames[1])[0]
    assert kv_seq > seq, "KVPUB sequence must exceed the snapshot's"
    assert len(frames[2]) == 16, "uuid kept"
    props = properties(frames[3])
    assert props.get("origin") == "admin", props
    wall, counter = props["stamp"].split(".")
    assert int(wall) > 1_600_000_000_000 and int(counter) >= 0
    assert props.get("ttl") == "600", props
    assert frames[4].decode() == "三魁"
    print(f"ok KVPUB {key.decode()} sequence {kv_seq} stamp {props['stamp']} origin {props['origin']}")
    break

# 4. A new snapshot holds it, with the same sequence.
values, seq2 = snapshot("/interop/")
assert values[key.decode()][0].decode() == "三魁"
assert values[key.decode()][1] == kv_seq
assert seq2 >= kv_seq
print(f"ok snapshot now has {key.decode()} at sequence {kv_seq}")

# 5. Delete (empty value) through the collector: KVPUB with an empty body.
pub.send_multipart([key, struct.pack(">Q", 0), b"", b"", b""])
while True:
    frames = recv(sub)
    if frames[0] == b"HUGZ":
        continue
    assert frames[0] == key and frames[4] == b""
    print("ok delete published as an empty KVPUB")
    break
values, _ = snapshot("/interop/")
assert key.decode() not in values
print("ok deleted key is gone from the snapshot")
print("interop: all checks passed")
