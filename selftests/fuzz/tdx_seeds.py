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


def write(directory, seeds):
    os.makedirs(directory, exist_ok=True)
    for name, data in seeds:
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    write(QUOTE_DIR, quotes())
    write(COLL_DIR, collateral())
