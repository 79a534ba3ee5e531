# SPDX-License-Identifier: GPL-2.0
#
# The twi verifier library (userspace/verify/).
#
# Backends append their sources to VERIFY_SRCS in their own fragment (tdx.mk,
# cca.mk: read before this file). This fragment builds two archives:
#   $(B)/libtwiverify.a           -O2, for twictl and benchmarks
#   $(B)/host/libtwiverify-san.a  with $(SAN_CFLAGS), for host tests
# Link either with $(VERIFY_LIBS). Objects live in $(B)/verify/ and
# $(B)/host/verify-san/.  When twi's crypto core (kmod/crypto) is in the
# tree it is built into both archives and checks SNP report signatures.

VERIFY_SRCS	+= userspace/verify/util.c userspace/verify/snp.c \
		   userspace/verify/snp_chain.c userspace/verify/snp_ext.c \
		   userspace/verify/policy.c userspace/verify/verdict.c \
		   userspace/verify/verify.c userspace/verify/credential.c \
		   userspace/verify/cmd_verify.c
VERIFY_LIBS	= -lcrypto -ljson-c
PACKAGES	+= libssl-dev libjson-c-dev

VERIFY_ECDSA_SRCS := $(if $(wildcard kmod/crypto/twi_ecdsa.h),\
	kmod/crypto/ecdsa.c kmod/crypto/der.c kmod/crypto/hash.c \
	kmod/crypto/sha256_x86_64.S)
VERIFY_CFLAGS	:= $(if $(VERIFY_ECDSA_SRCS),-DTWI_VERIFY_TWI_ECDSA)

VERIFY_OBJS	= $(patsubst userspace/verify/%.c,$(B)/verify/%.o,$(VERIFY_SRCS)) \
		  $(patsubst kmod/crypto/%,$(B)/verify/crypto/%.o,\
		    $(basename $(VERIFY_ECDSA_SRCS)))
VERIFY_SAN_OBJS	= $(patsubst userspace/verify/%.c,$(B)/host/verify-san/%.o,\
		    $(VERIFY_SRCS)) \
		  $(patsubst kmod/crypto/%,$(B)/host/verify-san/crypto/%.o,\
		    $(basename $(VERIFY_ECDSA_SRCS)))

$(B)/verify/%.o: userspace/verify/%.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(VERIFY_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/host/verify-san/%.o: userspace/verify/%.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) $(VERIFY_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/verify/crypto/%.o: kmod/crypto/%.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/host/verify-san/crypto/%.o: kmod/crypto/%.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -MMD -MP -c -o $@ $<

# The SHA-256 assembly, for both archives (sanitizers do not apply to it).
$(B)/verify/crypto/%.o: kmod/crypto/%.S
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/host/verify-san/crypto/%.o: kmod/crypto/%.S
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libtwiverify.a: $(VERIFY_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/host/libtwiverify-san.a: $(VERIFY_SAN_OBJS) | $(B)/host
	rm -f $@
	$(AR) rcs $@ $^

-include $(wildcard $(B)/verify/*.d $(B)/host/verify-san/*.d \
		    $(B)/verify/crypto/*.d $(B)/host/verify-san/crypto/*.d)

# Host tests of the SNP backend and the policy/verdict framework.
VERIFY_TEST_CFLAGS = $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC)

$(B)/host/verify_snp_test: selftests/host/verify_snp_test.c \
		selftests/host/verify_snp_vectors.h \
		$(B)/host/libtwiverify-san.a | $(B)/host
	$(CC) $(VERIFY_TEST_CFLAGS) -o $@ $< $(B)/host/libtwiverify-san.a \
		$(VERIFY_LIBS)

HOST_TESTS	+= $(B)/host/verify_snp_test

# `twictl verify` as a standalone program until twictl links the library.
$(B)/twi-verify: userspace/verify/verify_main.c $(B)/libtwiverify.a
	$(CC) $(HOST_CFLAGS) -o $@ $< $(B)/libtwiverify.a $(VERIFY_LIBS)

# Warm-cache SNP verification throughput, with both ECDSA backends.
$(B)/bench/verify_snp_bench: selftests/bench/verify_snp_bench.c \
		$(B)/libtwiverify.a | $(B)/bench
	$(CC) $(HOST_CFLAGS) $(VERIFY_CFLAGS) -o $@ $< $(B)/libtwiverify.a \
		$(VERIFY_LIBS)

BENCHES		+= $(B)/bench/verify_snp_bench

$(B)/host/verify_policy_test: selftests/host/verify_policy_test.c \
		selftests/host/verify_snp_vectors.h \
		$(B)/host/libtwiverify-san.a | $(B)/host
	$(CC) $(VERIFY_TEST_CFLAGS) -o $@ $< $(B)/host/libtwiverify-san.a \
		$(VERIFY_LIBS)

HOST_TESTS	+= $(B)/host/verify_policy_test

$(B)/host/verify_policy_cli_test: selftests/host/verify_policy_cli_test.c \
		selftests/host/verify_snp_vectors.h \
		$(B)/host/libtwiverify-san.a | $(B)/host
	$(CC) $(VERIFY_TEST_CFLAGS) -o $@ $< $(B)/host/libtwiverify-san.a \
		$(VERIFY_LIBS)

HOST_TESTS	+= $(B)/host/verify_policy_cli_test

# libFuzzer harnesses; seed corpora in selftests/fuzz/corpus/<name>/
# (regenerate with selftests/fuzz/snp_seeds.py).
VERIFY_FUZZ_CFLAGS = $(filter-out -Werror,$(HOST_CFLAGS)) -Werror -g \
	-fsanitize=fuzzer,address,undefined
VERIFY_FUZZ_SNP	= userspace/verify/snp.c userspace/verify/snp_chain.c \
		  userspace/verify/snp_ext.c userspace/verify/util.c \
		  $(VERIFY_ECDSA_SRCS)
VERIFY_FUZZ_POL	= userspace/verify/policy.c userspace/verify/verdict.c \
		  userspace/verify/util.c

$(B)/fuzz/snp_report_fuzz $(B)/fuzz/snp_cert_fuzz: $(B)/fuzz/%: \
		selftests/fuzz/%.c $(VERIFY_FUZZ_SNP) | $(B)/fuzz
	clang $(VERIFY_FUZZ_CFLAGS) $(VERIFY_CFLAGS) -o $@ $< $(VERIFY_FUZZ_SNP) \
		$(VERIFY_LIBS)

$(B)/fuzz/policy_fuzz: selftests/fuzz/policy_fuzz.c $(VERIFY_FUZZ_POL) \
		| $(B)/fuzz
	clang $(VERIFY_FUZZ_CFLAGS) -o $@ $< $(VERIFY_FUZZ_POL) $(VERIFY_LIBS)

FUZZERS		+= $(B)/fuzz/snp_report_fuzz $(B)/fuzz/snp_cert_fuzz \
		   $(B)/fuzz/policy_fuzz

$(B)/host/verify_snp_util_test: selftests/host/verify_snp_util_test.c \
		$(B)/host/libtwiverify-san.a | $(B)/host
	$(CC) $(VERIFY_TEST_CFLAGS) -o $@ $< $(B)/host/libtwiverify-san.a \
		$(VERIFY_LIBS)

HOST_TESTS	+= $(B)/host/verify_snp_util_test
