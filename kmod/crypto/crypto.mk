# SPDX-License-Identifier: GPL-2.0
#
# twi crypto core (ECDSA P-256/P-384, SHA-2, HMAC): host tests and bench.
# The kernel objects are listed in the module's Kbuild: kmod/crypto/ecdsa.o,
# kmod/crypto/der.o, kmod/crypto/hash.o and, on x86-64,
# kmod/crypto/sha256_x86_64.o.  The assembly is empty on other hosts.

CRYPTO_HASH_SRCS := kmod/crypto/hash.c kmod/crypto/sha256_x86_64.S
CRYPTO_SRCS	:= kmod/crypto/ecdsa.c kmod/crypto/der.c $(CRYPTO_HASH_SRCS)
CRYPTO_DEPS	:= $(CRYPTO_SRCS) $(wildcard kmod/crypto/*.h) \
		   selftests/host/ecdsa_testutil.h
CRYPTO_JSON_CFLAGS := $(shell pkg-config --cflags json-c 2>/dev/null)
CRYPTO_JSON_LIBS   := $(shell pkg-config --libs json-c 2>/dev/null)

HOST_TESTS	+= $(B)/host/ecdsa_test $(B)/host/ecdsa_wycheproof \
		   $(B)/host/ecdsa_diff $(B)/host/ecdsa_ct \
		   $(B)/host/ecdsa_field $(B)/host/ecdsa_test_c \
		   $(B)/host/hash_test
BENCHES		+= $(B)/bench/ecdsa_bench
FUZZERS		+= $(B)/fuzz/ecdsa_der_fuzz
PACKAGES	+= libssl-dev libjson-c-dev valgrind

$(B)/host/ecdsa_test $(B)/host/ecdsa_diff $(B)/host/ecdsa_wycheproof: \
$(B)/host/ecdsa_%: selftests/host/ecdsa_%.c $(CRYPTO_DEPS) | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) $(CRYPTO_JSON_CFLAGS) \
		-o $@ $< $(CRYPTO_SRCS) -lcrypto $(CRYPTO_JSON_LIBS)

# The same tests on the portable C that other architectures use.
$(B)/host/ecdsa_test_c: selftests/host/ecdsa_test.c $(CRYPTO_DEPS) | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -DTWI_EC_NO_ASM -I$(KSFT_INC) \
		$(CRYPTO_JSON_CFLAGS) -o $@ $< $(CRYPTO_SRCS) -lcrypto \
		$(CRYPTO_JSON_LIBS)

# Includes ecdsa.c itself to reach the internal arithmetic.
$(B)/host/ecdsa_field: selftests/host/ecdsa_field.c $(CRYPTO_DEPS) | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) -o $@ $< \
		kmod/crypto/der.c $(CRYPTO_HASH_SRCS) -lcrypto

# Includes hash.c itself to pick the SHA-256 path.
$(B)/host/hash_test: selftests/host/hash_test.c $(CRYPTO_DEPS) | $(B)/host
	$(CC) $(HOST_CFLAGS) $(SAN_CFLAGS) -I$(KSFT_INC) -o $@ $< \
		kmod/crypto/sha256_x86_64.S -lcrypto

# The constant-time check runs under valgrind, so no sanitizers here.
# valgrind hides the SHA extensions, so SHA-256 runs on the C.
$(B)/host/ecdsa_ct: selftests/host/ecdsa_ct.c $(CRYPTO_DEPS) | $(B)/host
	$(CC) $(HOST_CFLAGS) -DTWI_EC_CTGRIND -I$(KSFT_INC) -o $@ $< \
		$(CRYPTO_SRCS)

$(B)/bench/ecdsa_bench: selftests/bench/ecdsa_bench.c $(CRYPTO_DEPS) | $(B)/bench
	$(CC) $(HOST_CFLAGS) -o $@ $< $(CRYPTO_SRCS) -lcrypto

$(B)/fuzz/ecdsa_der_fuzz: selftests/fuzz/ecdsa_der_fuzz.c $(CRYPTO_DEPS) | $(B)/fuzz
	clang $(HOST_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
		$(CRYPTO_SRCS)
