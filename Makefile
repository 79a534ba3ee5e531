# SPDX-License-Identifier: GPL-2.0
#
# twi: Trustworthy Workload Identity for Linux confidential VMs.
#
#   make               build twi.ko (running kernel, or KDIR=...) and userspace
#   make check         set up, static checks, host tests, VM tests (6.1, 6.12)
#   make check-debug   VM tests on a KASAN/kmemleak/lockdep/fault-injection kernel
#   make demo          boot a VM and show twi at work
#   make bench         benchmarks (host and VM)
#   make install       install the module, twid, twictl and the twid unit
#
# Pieces of the build live next to their sources in *.mk fragments; each may
# add to HOST_TESTS (host test programs, run under ASan/UBSan), VM_TESTS
# (programs run inside the VM), BENCHES, FUZZERS and PACKAGES (Debian
# packages the build or the tests need).

TWI_CACHE	?= /var/cache/twi
KVER		?= $(shell uname -r)
KDIR		?= /lib/modules/$(KVER)/build
B		:= build
PREFIX		?= /usr/local
DESTDIR		?=
TESTVECTORS	?= $(abspath ../shared/testvectors)
FUZZ_SECONDS	?= 10

KSFT_INC	:= $(TWI_CACHE)/ksft
TWI_VERSION	:= $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
CC		?= cc
HOST_CFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
		   -D_GNU_SOURCE -I$(CURDIR)/uapi -I$(CURDIR)
SAN_CFLAGS	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
NL_CFLAGS	:= $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null)
NL_LIBS		:= $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null)

HOST_TESTS	:=
VM_TESTS	:=
BENCHES		:=
VM_BENCHES	:=
FUZZERS		:=
USER_PROGS	:=
PACKAGES	:= build-essential rsync pkg-config kmod keyutils libkeyutils-dev \
		   libnl-genl-3-dev libnl-3-dev libssl-dev libjson-c-dev \
		   qemu-system-x86 busybox-static cpio xz-utils zstd sparse dkms \
		   linux-source-6.1 python3 openssl clang libclang-rt-14-dev \
		   valgrind bc flex bison libelf-dev

-include $(sort $(wildcard kmod/*.mk kmod/*/*.mk userspace/*.mk \
			   userspace/*/*.mk selftests/*/*.mk))

.PHONY: all module userspace check check-debug setup host-tests fuzz bench demo install \
	clean all-tests print-vm-tests dkms

# The kernels the VM tests use, resolved by scripts/kernels.
KERNELS		?=

all: module userspace

module:
	@test -e $(KDIR)/Makefile || { echo "no kernel headers in $(KDIR): install \
linux-headers-$(KVER) or pass KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

# Everything `make check` runs, built for the kernels in KERNELS.
all-tests: userspace $(HOST_TESTS) $(VM_TESTS) $(FUZZERS)
	@for rel in $(KERNELS); do \
		scripts/build-module $$rel $(B)/kmod/$$rel || exit 1; \
	done

print-vm-tests:
	@echo $(VM_TESTS)

# Install the module's source for DKMS and build and install it for the
# running kernel.
dkms:
	scripts/dkms-source /usr/src/twi-$(TWI_VERSION)
	dkms add -m twi -v $(TWI_VERSION)
	dkms install -m twi -v $(TWI_VERSION)

userspace: $(USER_PROGS)

setup:
	scripts/setup $(PACKAGES)

check: setup
	scripts/check

# The debug kernel tier (scripts/debug-kernel builds and caches the kernel).
check-debug: setup
	scripts/check-debug

host-tests: $(HOST_TESTS)
	scripts/run-tests host $(HOST_TESTS)

fuzz: $(FUZZERS)
	scripts/run-fuzzers $(FUZZ_SECONDS) $(FUZZERS)

bench: setup $(BENCHES) $(VM_BENCHES) userspace tee-chain
	scripts/bench $(BENCHES)

demo: setup
	scripts/demo

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=updates \
		INSTALL_MOD_PATH=$(DESTDIR) modules_install
	install -D -m 0755 $(B)/twid $(DESTDIR)$(PREFIX)/sbin/twid
	install -D -m 0755 $(B)/twictl $(DESTDIR)$(PREFIX)/bin/twictl
	install -D -m 0644 userspace/twid.service \
		$(DESTDIR)/lib/systemd/system/twid.service

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(B)

$(B)/host $(B)/bench $(B)/fuzz $(B)/vm:
	mkdir -p $@
