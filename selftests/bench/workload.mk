# SPDX-License-Identifier: GPL-2.0
# The workload registry at scale, run in the VM by selftests/bench/vm-workloads.

VM_BENCHES	+= $(B)/bench/workload_bench

$(B)/bench/workload_bench: selftests/bench/workload_bench.c $(LIBTWI_SRCS) userspace/libtwi.h uapi/linux/twi.h | $(B)/bench
	$(CC) $(HOST_CFLAGS) $(NL_CFLAGS) -Iuserspace -o $@ $< $(LIBTWI_SRCS) \
		$(NL_LIBS) -lkeyutils
