# SPDX-License-Identifier: GPL-2.0
# Workloads: libtwi's host tests, and the YNL selftest's needs (the spec is
# driven through tools/net/ynl from Debian's linux-source-6.12, extracted
# into $(TWI_CACHE)/ynl by selftests/kernel/ynl_setup at build time).

PACKAGES	+= python3-yaml python3-jsonschema linux-source-6.12
HOST_TESTS	+= $(B)/host/libtwi_workload_test

$(B)/host/libtwi_workload_test: selftests/host/libtwi_workload_test.c $(LIBTWI_SRCS) userspace/libtwi.h uapi/linux/twi.h | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) $(NL_CFLAGS) -I$(KSFT_INC) -Iuserspace \
		-o $@ $< $(LIBTWI_SRCS) $(NL_LIBS)

# The YNL tools, extracted once into the cache before the YNL test is built.
.PHONY: ynl-tools
ynl-tools:
	@selftests/kernel/ynl_setup

$(B)/vm/ynl_test: | ynl-tools
