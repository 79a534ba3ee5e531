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
		   $(B)/host/verify_cca_cose \
		   $(B)/host/verify_azure_hcl
HOST_TESTS	+= $(CCA_TESTS)

$(CCA_TESTS): $(B)/host/%: selftests/host/%.c $(B)/host/libtwiverify-san.a \
		$(CCA_HDRS) $(wildcard selftests/host/verify_cca_*.h) | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) -o $@ $< \
		$(B)/host/libtwiverify-san.a -lcrypto -ljson-c

# libFuzzer harnesses, built straight from source with clang.  The Azure
# fuzzer links every verifier source, as azure.c may call into snp.c/tdx.c.
CCA_FUZZERS	:= $(B)/fuzz/cbor_fuzz $(B)/fuzz/cca_token_fuzz \
		   $(B)/fuzz/azure_hcl_fuzz
FUZZERS		+= $(CCA_FUZZERS)
CCA_FUZZ_CFLAGS	= $(filter-out -Werror,$(HOST_CFLAGS)) -Werror -g \
		  -fsanitize=fuzzer,address,undefined

$(B)/fuzz/cbor_fuzz: selftests/fuzz/cbor_fuzz.c userspace/verify/cbor.c \
		$(CCA_HDRS) | $(B)/fuzz
	clang $(CCA_FUZZ_CFLAGS) -o $@ $< userspace/verify/cbor.c

$(B)/fuzz/cca_token_fuzz: selftests/fuzz/cca_token_fuzz.c \
		userspace/verify/cbor.c userspace/verify/cose.c \
		userspace/verify/cca.c userspace/verify/util.c \
		$(CCA_HDRS) | $(B)/fuzz
	clang $(CCA_FUZZ_CFLAGS) -o $@ $< userspace/verify/cbor.c \
		userspace/verify/cose.c userspace/verify/cca.c \
		userspace/verify/util.c -lcrypto -ljson-c

$(B)/fuzz/azure_hcl_fuzz: selftests/fuzz/azure_hcl_fuzz.c \
		$(wildcard userspace/verify/*.c userspace/verify/*.h) | $(B)/fuzz
	clang $(CCA_FUZZ_CFLAGS) -o $@ $< \
		$(filter-out %/cmd_verify.c,$(VERIFY_SRCS)) -lcrypto -ljson-c
