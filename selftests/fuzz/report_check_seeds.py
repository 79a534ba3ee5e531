#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed corpus of report_check_fuzz.

Each seed is report_data (64 bytes) followed by evidence that carries it:
SEV-SNP reports, TDX quotes v4/v5 and CCA tokens built from scratch with
the documented layouts, zero signatures and made-up values.  Some are
complete enough for the verifier's parsers, some only for the kernel.
Nothing comes from the test vectors.
Run from the repository root: selftests/fuzz/report_check_seeds.py
"""
import os
import struct

CORPUS = "selftests/fuzz/corpus/report_check_fuzz"
RD = bytes((7 * i + 1) & 0xff for i in range(64))
INTEL_QE_VENDOR = bytes.fromhex("939a7233f79c4ca9940a0db3957f0607")


def snp_report(version):
    r = bytearray(0x4a0)
    struct.pack_into("<IIQ", r, 0, version, 1, 0x30000)
    struct.pack_into("<II", r, 0x30, 0, 1)     # VMPL, ECDSA P-384 SHA-384
    r[0x50:0x90] = RD
    if version >= 3:
        r[0x188:0x18b] = b"\x19\x11\x01"       # CPUID family, model, step
    r[0x2a0:0x2d0] = b"\x11" * 48              # r, then zero padding
    r[0x2e8:0x318] = b"\x22" * 48              # s
    return bytes(r)


def tdx_header(version):
    return struct.pack("<HHIHH", version, 2, 0x81, 0, 0) + \
        INTEL_QE_VENDOR + bytes(20)


def tdx_body(size):
    b = bytearray(size)
    b[520:584] = RD
    return bytes(b)


def tdx_signature_data():
    pem = b"-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n"
    auth = bytes(16)
    qe = bytes(384) + bytes(64) + struct.pack("<H", len(auth)) + auth + \
        struct.pack("<HI", 5, len(pem)) + pem
    sig = bytes(64) + bytes(64) + struct.pack("<HI", 6, len(qe)) + qe
    return struct.pack("<I", len(sig)) + sig


def cbor_head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for ai, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | ai]) + struct.pack(fmt, n)
    raise ValueError(n)


def cbor(v):
    """Deterministic CBOR of int, bytes, str, list, dict, ("tag", n, v)."""
    if isinstance(v, int):
        return cbor_head(0, v) if v >= 0 else cbor_head(1, -1 - v)
    if isinstance(v, bytes):
        return cbor_head(2, len(v)) + v
    if isinstance(v, str):
        return cbor_head(3, len(v.encode())) + v.encode()
    if isinstance(v, list):
        return cbor_head(4, len(v)) + b"".join(map(cbor, v))
    if isinstance(v, dict):
        return cbor_head(5, len(v)) + b"".join(
            cbor(k) + cbor(v[k]) for k in sorted(v))
    if isinstance(v, tuple) and v[0] == "tag":
        return cbor_head(6, v[1]) + cbor(v[2])
    raise TypeError(v)


def cose_sign1(claims):
    return cbor(("tag", 18, [cbor({1: -35}), {}, cbor(claims), bytes(96)]))


def cca_token():
    rak = b"\x04" + bytes(range(2, 98))
    platform = {
        10: bytes(32), 256: b"\x01" + bytes(32), 265: "cca-platform",
        2395: 0x3000, 2396: bytes(32), 2399: [{1: "RMM", 2: bytes(32),
                                               5: bytes(32)}],
        2401: b"\x00", 2402: "sha-256",
    }
    realm = {
        10: RD, 44235: bytes(64), 44236: "sha-256", 44237: rak,
        44238: bytes(32), 44239: [bytes(32)] * 4, 44240: "sha-256",
    }
    return cbor(("tag", 399, {44234: cose_sign1(platform),
                              44241: cose_sign1(realm)}))


def cca_realm_only():
    """All the kernel reads: tag 399 {44241: COSE_Sign1 {10: RD}}."""
    realm = cbor(("tag", 18, [b"", {}, cbor({10: RD}), b""]))
    return cbor(("tag", 399, {44241: realm}))


def seeds():
    yield "snp-v2", snp_report(2)
    yield "snp-v3", snp_report(3)
    yield "snp-v5", snp_report(5)
    yield "tdx-v4", tdx_header(4) + tdx_body(584) + tdx_signature_data()
    yield "tdx-v4-kernel-only", tdx_header(4) + tdx_body(584) + bytes(4)
    yield "tdx-v4-trailing", tdx_header(4) + tdx_body(584) + \
        tdx_signature_data() + b"trailing\n"
    yield "tdx-v5-td10", tdx_header(5) + struct.pack("<HI", 2, 584) + \
        tdx_body(584) + tdx_signature_data()
    yield "tdx-v5-td15", tdx_header(5) + struct.pack("<HI", 3, 648) + \
        tdx_body(648) + tdx_signature_data()
    yield "cca-token", cca_token()
    yield "cca-realm-only", cca_realm_only()


def main():
    os.makedirs(CORPUS, exist_ok=True)
    for name, evidence in seeds():
        with open(os.path.join(CORPUS, name), "wb") as f:
            f.write(RD + evidence)


if __name__ == "__main__":
    main()
