# SPDX-License-Identifier: GPL-2.0
#
# Statements and credential files (userspace/verify/statement.c), part of
# libtwiverify; the host test decodes hand-built CBOR.

VERIFY_SRCS	+= userspace/verify/statement.c

HOST_TESTS	+= $(B)/host/statement_test

$(B)/host/statement_test: selftests/host/statement_test.c \
		$(B)/host/libtwiverify-san.a userspace/verify/statement.h \
		userspace/verify/cbor.h | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) -o $@ $< \
		$(B)/host/libtwiverify-san.a -lcrypto -ljson-c
