# SPDX-License-Identifier: GPL-2.0
# Kernel selftests: kselftest-harness programs run inside the test VM.

# reload_test reloads twi.ko, so it runs last.
VM_TEST_NAMES	:= $(filter-out reload_test,$(patsubst selftests/kernel/%.c,%,$(wildcard selftests/kernel/*_test.c))) reload_test
VM_TESTS	+= $(addprefix $(B)/vm/,$(VM_TEST_NAMES))
VM_CFLAGS	:= $(HOST_CFLAGS) -I$(KSFT_INC) -Iuserspace $(NL_CFLAGS)
VM_LIBS		:= $(NL_LIBS) -lkeyutils -lcrypto

$(B)/vm/%_test: selftests/kernel/%_test.c $(wildcard selftests/kernel/*.h) \
		$(LIBTWI_SRCS) userspace/libtwi.h uapi/linux/twi.h | $(B)/vm
	$(CC) $(VM_CFLAGS) -o $@ $< $(LIBTWI_SRCS) $(VM_LIBS)
