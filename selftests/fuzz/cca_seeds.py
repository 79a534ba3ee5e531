#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write small synthetic seed corpora for the CBOR, CCA and Azure fuzzers.

Nothing here comes from the test vectors: the tokens, HCL reports and TPM
quotes are built from scratch with the documented layouts and fake values.
Run from the repository root: selftests/fuzz/cca_seeds.py
"""
import base64
import hashlib
import json
import os
import struct

CORPUS = "selftests/fuzz/corpus"


def head(major, arg):
    if arg < 24:
        return bytes([major << 5 | arg])
    for ai, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if arg < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | ai]) + struct.pack(fmt, arg)
    raise ValueError(arg)


def enc(v):
    """Deterministic CBOR for int, bytes, str, list, dict and (tag, v)."""
    if isinstance(v, bool):
        return b"\xf5" if v else b"\xf4"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(enc(x) for x in v)
    if isinstance(v, dict):
        return head(5, len(v)) + b"".join(enc(k) + enc(x)
                                          for k, x in v.items())
    if isinstance(v, tuple):
        return head(6, v[0]) + enc(v[1])
    raise TypeError(v)


def sign1(payload):
    return enc((18, [enc({1: -35}), {}, enc(payload), bytes(96)]))


def cca_token():
    rak = b"\x04" + bytes(range(1, 97))
    platform = {
        265: "tag:arm.com,2023:cca_platform#1.0.0",
        10: hashlib.sha256(rak).digest(),
        2396: bytes(32),
        256: b"\x01" + bytes(32),
        2401: b"\xcf\xcf",
        2395: 0x3003,
        2402: "sha-256",
        2399: [{1: "BL", 2: bytes(32), 4: "1.0", 5: bytes(32),
                6: "sha-256"}],
        2400: "https://example.invalid",
    }
    realm = {
        10: bytes(64),
        44235: bytes(64),
        44236: "sha-256",
        44237: rak,
        44238: bytes(32),
        44239: [bytes(32)] * 4,
        44240: "sha-256",
    }
    return enc((399, {44234: sign1(platform), 44241: sign1(realm)}))


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def hcl_report(report_type):
    runtime = json.dumps({
        "keys": [{"kid": "HCLAkPub", "key_ops": ["sign"], "kty": "RSA",
                  "e": "AQAB", "n": b64url(b"\xc1" + bytes(255))}],
        "vm-configuration": {"secure-boot": True, "tpm-enabled": True,
                             "vmUniqueId": "00000000-0000-0000-0000-0"},
        "user-data": "00" * 64,
    }, separators=(",", ":")).encode()
    hw = bytearray(1184)
    digest = hashlib.sha256(runtime).digest()
    if report_type == 2:
        hw[0x50:0x70] = digest
    else:
        hw[0] = 0x81
        hw[128:160] = digest
    igvm = struct.pack("<5I", 20 + len(runtime), 1, report_type, 1,
                       len(runtime)) + runtime
    size = 32 + 1184 + len(igvm)
    hdr = b"HCLA" + struct.pack("<7I", 2, size, 2, 0, 0, 0, 0)
    return hdr + bytes(hw) + igvm + bytes(16)


def tpm_quote():
    q = struct.pack(">IH", 0xFF544347, 0x8018)
    q += struct.pack(">H", 34) + b"\x00\x0b" + bytes(32)
    q += struct.pack(">H", 32) + bytes(32)
    q += struct.pack(">QIIB", 1, 2, 3, 1) + struct.pack(">Q", 7)
    q += struct.pack(">IHB", 1, 0x000B, 3) + b"\xff\xff\xff"
    q += struct.pack(">H", 32) + bytes(32)
    return q


def write(fuzzer, name, data):
    d = os.path.join(CORPUS, fuzzer)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    for i, h in enumerate(["00", "3bffffffffffffffff", "fb3ff199999999999a",
                           "c249010000000000000000", "5f42010243030405ff",
                           "7f657374726561646d696e67ff",
                           "9f018202039f0405ffff",
                           "bf61610161629f0203ffff", "a201020304",
                           "826161a161626163", "d818456449455446"]):
        write("cbor_fuzz", "rfc8949-%02d" % i, bytes.fromhex(h))
    token = cca_token()
    write("cbor_fuzz", "cca-token", token)
    write("cca_token_fuzz", "token", token)
    write("cca_token_fuzz", "jwk", json.dumps(
        {"kty": "EC", "crv": "P-384", "x": b64url(bytes(48)),
         "y": b64url(bytes(48))}).encode())
    write("azure_hcl_fuzz", "hcl-snp", hcl_report(2))
    write("azure_hcl_fuzz", "hcl-tdx", hcl_report(4))
    write("azure_hcl_fuzz", "tpm-quote", tpm_quote())
    write("azure_hcl_fuzz", "evidence-json", json.dumps({
        "quote": {"message": list(tpm_quote()), "signature": [0] * 16,
                  "pcrs": [[0] * 32] * 24},
        "report": list(b"HCLA" + bytes(12)),
        "vcek": "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
    }).encode())


if __name__ == "__main__":
    main()
