#!/usr/bin/env python3
"""Reference decryptor for an encrypted alliance data home (docs/encryption.md).

    script/decrypt-log.py --passphrase-file F HOME SESSION

Prints the decrypted lines of the log of SESSION (an id, or a path to a log file) one per line,
exactly as `alliance replay --json SESSION` prints them, using only the `cryptography` package
(pip install cryptography). Checks each line's CRC-32, its authentication (alliance id and seq as
associated data), that its sealed `prev` is the one stored, and the chain over the stored lines.
A line that fails is named on standard error and the exit status is 1. A plain log is printed as
it is. A last line without its newline (never committed) is not printed.
"""

import argparse
import base64
import hashlib
import json
import os
import sys
import zlib

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt


def fail(message):
    print("error: " + message, file=sys.stderr)
    sys.exit(1)


def unlock(home, passphrase):
    """The home's key: scrypt of the passphrase with key.json's salt and parameters, checked."""
    with open(os.path.join(home, "key.json"), "rb") as f:
        record = json.loads(f.read())
    if record.get("v") != 1 or record.get("kdf") != "scrypt":
        fail("key.json: not a key file this decryptor knows")
    key = Scrypt(salt=base64.b64decode(record["salt"]), length=32,
                 n=record["n"], r=record["r"], p=record["p"]).derive(passphrase)
    check = base64.b64decode(record["check"])
    try:
        text = ChaCha20Poly1305(key).decrypt(check[:12], check[12:], b"alliance key check")
    except Exception:
        fail("key.json: wrong passphrase")
    if text != b"alliance data home key v1":
        fail("key.json: wrong passphrase")
    return key


def data_key(home, alliance, home_key):
    """The alliance's data key, unwrapped from keys/<id>.key (associated data: the id)."""
    path = os.path.join(home, "keys", alliance + ".key")
    try:
        with open(path, "rb") as f:
            record = json.loads(f.read())
    except FileNotFoundError:
        fail(f"{path}: no data key (the alliance was purged, or its log is from another home)")
    box = base64.b64decode(record["key"])
    return ChaCha20Poly1305(home_key).decrypt(box[:12], box[12:], alliance.encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passphrase-file", required=True)
    parser.add_argument("home")
    parser.add_argument("session")
    args = parser.parse_args()
    path = args.session
    if "/" not in path and not path.endswith(".jsonl"):
        path = os.path.join(args.home, "sessions", path + ".jsonl")
    name = os.path.basename(path)
    alliance = name[:-len(".jsonl")] if name.endswith(".jsonl") else name
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")[:-1]  # the part after the last newline was never committed
    out = sys.stdout.buffer
    if not lines or not lines[0].startswith(b'{"v":2,'):
        for line in lines:
            out.write(line + b"\n")
        return
    with open(args.passphrase_file, "rb") as f:
        passphrase = f.read().split(b"\n")[0].rstrip(b"\r")
    aead = ChaCha20Poly1305(data_key(args.home, alliance, unlock(args.home, passphrase)))
    head = hashlib.sha256(alliance.encode()).hexdigest()
    for number, line in enumerate(lines, 1):
        where = f"{path}:{number}"
        body, _, crc = line.rpartition(b',"crc":"')
        if not crc.endswith(b'"}') or int(crc[:-2], 16) != zlib.crc32(body):
            fail(f"{where}: checksum mismatch")
        stored = json.loads(line)
        if stored["prev"] != head:
            fail(f"{where}: its prev is not the hash of the line before it (the chain is broken)")
        box = base64.b64decode(stored["box"])
        try:
            plain = aead.decrypt(box[:12], box[12:], f"{alliance}\n{stored['seq']}".encode())
        except Exception:
            fail(f"{where}: does not authenticate (edited, damaged or moved)")
        event = json.loads(plain)
        if event.get("prev") != stored["prev"] or event.get("seq") != stored["seq"]:
            fail(f"{where}: the sealed event does not match the line's seq and prev")
        out.write(plain + b"\n")
        head = hashlib.sha256(line).hexdigest()


if __name__ == "__main__":
    main()
