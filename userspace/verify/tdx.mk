# SPDX-License-Identifier: GPL-2.0
#
# Intel TDX quote verification (userspace/verify/tdx*.c): DCAP quotes v4/v5,
# the PCK chain, TCB info, QE identity, CRLs and the TCB status.

TDX_SRCS	:= userspace/verify/tdx.c userspace/verify/tdx_pck.c \
		   userspace/verify/tdx_collateral.c userspace/verify/tdx_tcb.c
TDX_HDRS	:= userspace/verify/tdx.h userspace/verify/tdx_local.h \
		   userspace/verify/util.h
VERIFY_SRCS	+= $(TDX_SRCS)
PACKAGES	+= libssl-dev libjson-c-dev clang libclang-rt-14-dev

# The tests link the TDX objects alone, so they do not depend on the rest
# of the library; the objects come from verify.mk's sanitizer rule.
TDX_SAN_OBJS	:= $(patsubst userspace/verify/%.c,$(B)/host/verify-san/%.o,\
		   $(TDX_SRCS) userspace/verify/util.c)
TDX_TESTS	:= $(B)/host/verify_tdx_quote $(B)/host/verify_tdx_collateral \
		   $(B)/host/verify_tdx_tcb $(B)/host/verify_tdx_pck
HOST_TESTS	+= $(TDX_TESTS)

$(TDX_TESTS): $(B)/host/%: selftests/host/%.c selftests/host/verify_tdx.h \
		$(TDX_SAN_OBJS) $(TDX_HDRS) | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) -o $@ $< \
		$(TDX_SAN_OBJS) -lcrypto -ljson-c

# libFuzzer harnesses build the parsers straight from source with clang;
# seed corpora come from selftests/fuzz/tdx_seeds.py.
TDX_FUZZERS	:= $(B)/fuzz/tdx_quote_fuzz $(B)/fuzz/tdx_collateral_fuzz \
		   $(B)/fuzz/tdx_pck_ext_fuzz
FUZZERS		+= $(TDX_FUZZERS)

$(TDX_FUZZERS): $(B)/fuzz/%: selftests/fuzz/%.c $(TDX_SRCS) \
		userspace/verify/util.c $(TDX_HDRS) | $(B)/fuzz
	clang $(HOST_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ $< $(TDX_SRCS) \
		userspace/verify/util.c -lcrypto -ljson-c
