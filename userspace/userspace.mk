# SPDX-License-Identifier: GPL-2.0
# twid, twictl and libtwi.

LIBTWI_SRCS	:= userspace/libtwi.c
USER_PROGS	+= $(B)/twid $(B)/twictl

# The key commands decode statements themselves, with or without the rest
# of the verifier library.
TWICTL_SRCS	:= userspace/twictl.c $(LIBTWI_SRCS) \
		   userspace/verify/statement.c userspace/verify/cbor.c
TWICTL_LIBS	:= $(NL_LIBS) -ljson-c -lkeyutils
ifneq ($(wildcard userspace/verify/cmd_verify.c),)
TWICTL_CFLAGS	+= -DTWICTL_HAVE_VERIFY
TWICTL_LIBS	:= $(B)/libtwiverify.a $(TWICTL_LIBS) -lcrypto -ljson-c
TWICTL_DEPS	+= $(B)/libtwiverify.a
endif

# twid and its TEE backends (userspace/twid/).
TWID_SRCS	:= userspace/twid.c $(wildcard userspace/twid/*.c) $(LIBTWI_SRCS)

$(B)/twid: $(TWID_SRCS) userspace/twid/tee.h userspace/libtwi.h uapi/linux/twi.h | $(B)/host
	$(CC) $(HOST_CFLAGS) $(NL_CFLAGS) -o $@ $(TWID_SRCS) $(NL_LIBS)

$(B)/twictl: $(TWICTL_SRCS) $(TWICTL_DEPS) userspace/libtwi.h userspace/twictl.h \
		userspace/verify/statement.h uapi/linux/twi.h | $(B)/host
	$(CC) $(HOST_CFLAGS) $(TWICTL_CFLAGS) $(NL_CFLAGS) -o $@ $(TWICTL_SRCS) $(TWICTL_LIBS)

HOST_TESTS	+= $(B)/host/libtwi_test

$(B)/host/libtwi_test: selftests/host/libtwi_test.c $(LIBTWI_SRCS) userspace/libtwi.h | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) $(NL_CFLAGS) -I$(KSFT_INC) -Iuserspace \
		-o $@ $< $(LIBTWI_SRCS) $(NL_LIBS)

# The evidence VM test decodes statements and runs twid and twictl; this
# rule takes precedence over selftests/kernel/kernel.mk's pattern rule.
EVIDENCE_TEST_SRCS := $(LIBTWI_SRCS) userspace/verify/statement.c \
		      userspace/verify/cbor.c

$(B)/vm/evidence_test: selftests/kernel/evidence_test.c $(EVIDENCE_TEST_SRCS) \
		userspace/libtwi.h userspace/verify/statement.h \
		selftests/kernel/workload_util.h uapi/linux/twi.h \
		$(B)/twid $(B)/twictl | $(B)/vm
	$(CC) $(VM_CFLAGS) -o $@ $< $(EVIDENCE_TEST_SRCS) $(VM_LIBS) -ljson-c
