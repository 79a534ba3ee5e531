#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the synthetic seed corpora of the TDX fuzzers.

Quotes have the real layout with zero measurements, zero signatures and a
placeholder PEM; collateral seeds are minimal TCB info / QE identity
documents. Run from the repository root: selftests/fuzz/tdx_seeds.py
"""
import os
import struct

QUOTE_DIR = "selftests/fuzz/corpus/tdx_quote_fuzz"
COLL_DIR = "selftests/fuzz/corpus/tdx_collateral_fuzz"
EXT_DIR = "selftests/fuzz/corpus/tdx_pck_ext_fuzz"
INTEL_QE_VENDOR = bytes.fromhex("939a7233f79c4ca9940a0db3957f0607")
PEM = (b"-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----\n"
       * 3 + b"\0")


def signature_data():
    qe_auth = bytes(range(32))
    inner = struct.pack("<HI", 5, len(PEM)) + PEM
    qe_cert = bytes(384) + bytes(64) + struct.pack("<H", len(qe_auth)) + \
        qe_auth + inner
    sig = bytes(64) + bytes(64) + struct.pack("<HI", 6, len(qe_cert)) + \
        qe_cert
    return struct.pack("<I", len(sig)) + sig


def header(version):
    return struct.pack("<HHIHH", version, 2, 0x81, 0, 0) + \
        INTEL_QE_VENDOR + bytes(20)


def quotes():
    yield "v4", header(4) + bytes(584) + signature_data()
    yield "v5-tdx15", header(5) + struct.pack("<HI", 3, 648) + bytes(648) + \
        signature_data()
    yield "v5-tdx10", header(5) + struct.pack("<HI", 2, 584) + bytes(584) + \
        signature_data()
    yield "v4-trailing", header(4) + bytes(584) + signature_data() + \
        b"trailing text\n" + bytes(16)


LEVEL = ('{"tcb":{"sgxtcbcomponents":[%s],"pcesvn":11,'
         '"tdxtcbcomponents":[%s]},"tcbDate":"2024-03-13T00:00:00Z",'
         '"tcbStatus":"UpToDate","advisoryIDs":["INTEL-SA-00000"]}')
COMPS = ",".join('{"svn":%d}' % (i % 4) for i in range(16))
TCBINFO = ('{"id":"TDX","version":3,"issueDate":"2025-06-19T10:16:03Z",'
           '"nextUpdate":"2025-07-19T10:16:03Z","fmspc":"B0C06F000000",'
           '"pceId":"0000","tcbType":0,"tcbEvaluationDataNumber":17,'
           '"tdxModule":{"mrsigner":"%s","attributes":"0000000000000000",'
           '"attributesMask":"FFFFFFFFFFFFFFFF"},"tdxModuleIdentities":'
           '[{"id":"TDX_01","mrsigner":"%s","attributes":"0000000000000000",'
           '"attributesMask":"FFFFFFFFFFFFFFFF","tcbLevels":[{"tcb":'
           '{"isvsvn":4},"tcbDate":"2024-03-13T00:00:00Z",'
           '"tcbStatus":"UpToDate"}]}],"tcbLevels":[%s]}'
           % ("00" * 48, "00" * 48, LEVEL % (COMPS, COMPS)))
QEID = ('{"id":"TD_QE","version":2,"issueDate":"2025-06-19T10:32:27Z",'
        '"nextUpdate":"2025-07-19T10:32:27Z","tcbEvaluationDataNumber":17,'
        '"miscselect":"00000000","miscselectMask":"FFFFFFFF",'
        '"attributes":"11000000000000000000000000000000",'
        '"attributesMask":"FBFFFFFFFFFFFFFF0000000000000000",'
        '"mrsigner":"%s","isvprodid":2,"tcbLevels":[{"tcb":{"isvsvn":4},'
        '"tcbDate":"2024-03-13T00:00:00Z","tcbStatus":"UpToDate"}]}'
        % ("AB" * 32))


def collateral():
    yield "tcbinfo", b"\0" + TCBINFO.encode()
    yield "qe-identity", b"\1" + QEID.encode()
    yield "pcs-response", b"\2" + ('{"tcbInfo":%s,"signature":"%s"}'
                                   % (TCBINFO, "00" * 64)).encode()


def der(tag, body):
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    return bytes([tag, 0x82, n >> 8, n & 0xff]) + body


def integer(v):
    body = v.to_bytes(v.bit_length() // 8 + 1, "big")  # minimal, sign bit 0
    return der(0x02, body)


def oid(*arcs):
    """1.2.840.113741.1.13.1 followed by arcs."""
    body = bytes([0x2a, 0x86, 0x48, 0x86, 0xf8, 0x4d, 0x01, 0x0d, 0x01])
    return der(0x06, body + bytes(arcs))


def item(o, value):
    return der(0x30, o + value)


def sgx_extension(svn, pcesvn):
    tcb = b"".join(item(oid(2, i), integer(svn)) for i in range(1, 17))
    tcb += item(oid(2, 17), integer(pcesvn))
    tcb += item(oid(2, 18), der(0x04, bytes([svn]) * 16))
    return der(0x30, item(oid(1), der(0x04, bytes(16))) +
               item(oid(2), der(0x30, tcb)) +
               item(oid(3), der(0x04, bytes(2))) +
               item(oid(4), der(0x04, bytes.fromhex("b0c06f000000"))) +
               item(oid(5), der(0x0a, b"\0")))


def extensions():
    yield "sgx-ext", sgx_extension(3, 11)
    yield "sgx-ext-big-svn", sgx_extension(0xff, 0x1234)


def write(directory, seeds):
    os.makedirs(directory, exist_ok=True)
    for name, data in seeds:
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    write(QUOTE_DIR, quotes())
    write(COLL_DIR, collateral())
    write(EXT_DIR, extensions())
