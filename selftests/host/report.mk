# SPDX-License-Identifier: GPL-2.0
#
# The kernel's report_data check (kmod/report.c), built unchanged for the
# host through a shim of the kernel headers it includes, against the
# userspace verifier's parsers: a host test on the real evidence in
# $(TESTVECTORS) and a differential libFuzzer harness.

KSHIM_DIR	:= selftests/host/kshim
KSHIM_CFLAGS	:= -I$(CURDIR)/$(KSHIM_DIR) -include $(KSHIM_DIR)/kshim.h
REPORT_KDEPS	:= kmod/report.c kmod/credential.h uapi/linux/twi.h \
		   $(KSHIM_DIR)/kshim.h $(KSHIM_DIR)/linux/string.h

HOST_TESTS	+= $(B)/host/report_check_test
FUZZERS		+= $(B)/fuzz/report_check_fuzz

$(B)/host/kshim/report.o: $(REPORT_KDEPS) | $(B)/host
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) $(KSHIM_CFLAGS) -c -o $@ kmod/report.c

$(B)/host/report_check_test: selftests/host/report_check_test.c \
		$(B)/host/kshim/report.o $(B)/host/libtwiverify-san.a | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) -o $@ $< \
		$(B)/host/kshim/report.o $(B)/host/libtwiverify-san.a \
		-lcrypto -ljson-c

# The parsers only; their sources are listed here because the verifier's
# fragments are read after this one.
REPORT_FUZZ_SRCS := userspace/verify/snp.c userspace/verify/snp_chain.c \
		    userspace/verify/snp_ext.c userspace/verify/tdx.c \
		    userspace/verify/tdx_pck.c userspace/verify/tdx_collateral.c \
		    userspace/verify/tdx_tcb.c userspace/verify/cbor.c \
		    userspace/verify/cose.c userspace/verify/cca.c \
		    userspace/verify/util.c

$(B)/fuzz/report_check_fuzz: selftests/fuzz/report_check_fuzz.c \
		$(REPORT_KDEPS) $(REPORT_FUZZ_SRCS) | $(B)/fuzz
	@mkdir -p $(B)/fuzz/kshim
	clang $(HOST_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined \
		-fno-sanitize-recover=all $(KSHIM_CFLAGS) \
		-c -o $(B)/fuzz/kshim/report.o kmod/report.c
	clang $(HOST_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ $< $(B)/fuzz/kshim/report.o \
		$(REPORT_FUZZ_SRCS) -lcrypto -ljson-c
