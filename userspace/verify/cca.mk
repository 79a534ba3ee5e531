# SPDX-License-Identifier: GPL-2.0
#
# Arm CCA and Azure vTPM/HCL verification (userspace/verify/): a strict CBOR
# decoder, COSE_Sign1, CCA tokens, Azure HCL reports and TPM quotes.

VERIFY_SRCS	+= userspace/verify/cbor.c userspace/verify/cose.c \
		   userspace/verify/cca.c userspace/verify/azure.c

CCA_HDRS	:= userspace/verify/cbor.h userspace/verify/cose.h \
		   userspace/verify/cca.h userspace/verify/azure.h \
		   userspace/verify/util.h
CCA_TESTS	:= $(B)/host/cbor_test $(B)/host/verify_cca_token \
		   $(B)/host/verify_azure_hcl
HOST_TESTS	+= $(CCA_TESTS)

$(CCA_TESTS): $(B)/host/%: selftests/host/%.c $(B)/host/libtwiverify-san.a \
		$(CCA_HDRS) $(wildcard selftests/host/verify_cca_*.h) | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) -o $@ $< \
		$(B)/host/libtwiverify-san.a -lcrypto -ljson-c
