#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed corpora of the SNP and policy fuzzers.

Synthetic inputs only: report layouts with fields set from the SEV-SNP ABI
offsets (zero signatures), VCEK/VLEK-shaped certificates signed by a
throw-away key, and policy documents.  Run from the repository root:
    python3 selftests/fuzz/snp_seeds.py
"""
import datetime
import os
import struct

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CORPUS = "selftests/fuzz/corpus"
AMD = "1.3.6.1.4.1.3704.1."


def write(fuzzer, name, data):
    d = os.path.join(CORPUS, fuzzer)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def report(version, cpuid, signer, tcb, chip):
    b = bytearray(0x4A0)
    struct.pack_into("<IIQ", b, 0, version, 1, 0x30000)
    struct.pack_into("<II", b, 0x30, 0, 1)          # VMPL, ECDSA P-384
    struct.pack_into("<I", b, 0x48, signer << 2)    # SIGNING_KEY
    b[0x90:0x90 + 48] = bytes(range(48))            # MEASUREMENT
    b[0x38:0x40] = tcb
    b[0x180:0x188] = tcb
    b[0x188:0x18B] = cpuid
    b[0x1A0:0x1A0 + len(chip)] = chip
    b[0x2A0] = 1                                    # r = 1
    b[0x2E8] = 1                                    # s = 1
    return bytes(b)


def reports():
    write("snp_report_fuzz", "milan-v2",
          report(2, b"\0\0\0", 0, bytes([3, 0, 0, 0, 0, 0, 8, 115]),
                 bytes(range(64))))
    write("snp_report_fuzz", "genoa-v3-vlek",
          report(3, b"\x19\x11\x01", 1, bytes([10, 0, 0, 0, 0, 0, 23, 84]),
                 b""))
    write("snp_report_fuzz", "turin-v5",
          report(5, b"\x1a\x02\x01", 0, bytes([0, 1, 0, 2, 0, 0, 0, 71]),
                 bytes(range(8))))


def der_int(v):
    return bytes([2, 1, v]) if v < 0x80 else bytes([2, 2, 0, v])


def ia5(s):
    return bytes([0x16, len(s)]) + s.encode()


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def leaf(kind, product, exts):
    ca_key = ec.generate_private_key(ec.SECP384R1())
    key = ec.generate_private_key(ec.SECP384R1())
    issuer = ("SEV-VLEK-" if kind == "SEV-VLEK" else "SEV-") + product
    t = datetime.datetime(2025, 1, 1)
    b = (x509.CertificateBuilder().subject_name(name(kind))
         .issuer_name(name(issuer)).public_key(key.public_key())
         .serial_number(1).not_valid_before(t)
         .not_valid_after(t + datetime.timedelta(days=3650)))
    for oid, value in exts:
        b = b.add_extension(x509.UnrecognizedExtension(
            x509.ObjectIdentifier(AMD + oid), value), critical=False)
    return b.sign(ca_key, hashes.SHA384())


def certs():
    tcb = [("3.1", der_int(3)), ("3.2", der_int(0)), ("3.3", der_int(8)),
           ("3.8", der_int(200))]
    vcek = leaf("SEV-VCEK", "Milan",
                [("2", ia5("Milan-B0"))] + tcb + [("4", bytes(range(64)))])
    vlek = leaf("SEV-VLEK", "Genoa", tcb + [("5", ia5("CN=example"))])
    turin = leaf("SEV-VCEK", "Turin",
                 tcb + [("3.9", der_int(1)), ("4", bytes(range(8)))])
    write("snp_cert_fuzz", "milan-vcek.der",
          vcek.public_bytes(serialization.Encoding.DER))
    write("snp_cert_fuzz", "genoa-vlek.pem",
          vlek.public_bytes(serialization.Encoding.PEM))
    write("snp_cert_fuzz", "turin-vcek.der",
          turin.public_bytes(serialization.Encoding.DER))


POLICIES = {
    "full.json": """{"version": 1, "evidence": ["sev-snp", "azure-sev-snp"],
 "allow_debug": false, "allow_migration_agent": false,
 "report_data": "abcd", "cpak": "cpak.pem", "tcb_status": ["UpToDate"],
 "reference_values": {"measurement": ["00ff", "1122"],
                      "sw_measurements": ["11"]},
 "minimums": {"tcb.ucode": 8}, "equals": {"debug": true},
 "required_claims": ["measurement"],
 "identifier_patterns": ["spiffe://example.org/*"], "max_age": 3600,
 "sev-snp": {"minimums": {"tcb.bl": 1}, "equals": {"product": "Milan"}}}
""",
    "empty.json": "{}\n",
    "tdx.json": """{"tdx": {"reference_values": {"mrtd": ["00"]}},
 "tcb_status": ["UpToDate", "Unknown"]}
""",
}


def policies():
    for n, text in POLICIES.items():
        write("policy_fuzz", n, text.encode())


if __name__ == "__main__":
    reports()
    certs()
    policies()
