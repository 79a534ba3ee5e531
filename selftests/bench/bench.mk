# SPDX-License-Identifier: GPL-2.0
# Benchmarks run inside the VM (selftests/bench/vm-*); scripts/bench
# builds them through this list.

VM_BENCHES	+= $(B)/bench/keyctl_sign_bench

$(B)/bench/keyctl_sign_bench: selftests/bench/keyctl_sign_bench.c uapi/linux/twi.h | $(B)/bench
	$(CC) $(HOST_CFLAGS) -o $@ $< -lkeyutils -lcrypto

VM_BENCHES	+= $(B)/bench/issuance_bench

$(B)/bench/issuance_bench: selftests/bench/issuance_bench.c uapi/linux/twi.h | $(B)/bench
	$(CC) $(HOST_CFLAGS) -o $@ $< -lkeyutils
