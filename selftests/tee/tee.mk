# SPDX-License-Identifier: GPL-2.0
#
# The test TEE: a test-only AMD SEV-SNP chain made on the host at build
# time (never committed), the VM test of twi_test_tee.ko (the module itself
# is built by scripts/build-module) and the host test of credential and
# --ark verification.

TEE_CHAIN	:= $(B)/tee/chain

# mkchain reuses a complete directory; the stamp is its last file.
$(TEE_CHAIN)/complete: selftests/tee/mkchain
	rm -rf $(TEE_CHAIN)
	selftests/tee/mkchain $(TEE_CHAIN)

.PHONY: tee-chain
tee-chain: $(TEE_CHAIN)/complete

# The VM test needs the chain on the host before the VM boots, and twictl.
VM_TESTS	+= $(B)/vm/tee_test

$(B)/vm/tee_test: selftests/tee/tee_test.c selftests/tee/tee_util.h \
		$(TEE_CHAIN)/complete | $(B)/vm $(B)/twictl
	$(CC) $(HOST_CFLAGS) -I$(KSFT_INC) -o $@ $< -lcrypto

HOST_TESTS	+= $(B)/host/credential_test

$(B)/host/credential_test: selftests/tee/credential_test.c \
		selftests/tee/tee_util.h $(B)/host/libtwiverify-san.a \
		$(TEE_CHAIN)/complete | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) -o $@ $< \
		$(B)/host/libtwiverify-san.a $(VERIFY_LIBS)

PACKAGES	+= openssl xxd
