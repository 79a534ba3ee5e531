/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Portability shim for the twi crypto core: the same sources build into
 * twi.ko and into host test and benchmark programs.
 */
#ifndef TWI_EC_PORT_H
#define TWI_EC_PORT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/compiler.h>
#include <linux/cache.h>
#include <linux/kernel.h>

#define twi_wipe(p, n)	memzero_explicit(p, n)
#ifdef CONFIG_X86_64
#include <asm/cpufeature.h>
#include <asm/fpu/api.h>
#define twi_cpu_has_adx()	(boot_cpu_has(X86_FEATURE_BMI2) && \
				 boot_cpu_has(X86_FEATURE_ADX))
#define twi_cpu_has_sha_ni()	(boot_cpu_has(X86_FEATURE_SHA_NI) && \
				 boot_cpu_has(X86_FEATURE_SSSE3) && \
				 boot_cpu_has(X86_FEATURE_XMM4_1))
/* vector registers: may this context take them, then take and give back */
#define twi_simd_usable()	irq_fpu_usable()
#define twi_simd_begin()	kernel_fpu_begin()
#define twi_simd_end()		kernel_fpu_end()
#endif
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define twi_wipe(p, n)	explicit_bzero(p, n)
/* glibc's <sys/cdefs.h> provides __always_inline */
#ifndef __always_inline
#define __always_inline	inline
#endif
#define twi_attr(a)	__attribute__((a))
#ifndef noinline
#define noinline	twi_attr(__noinline__)
#endif
#ifndef __maybe_unused
#define __maybe_unused	twi_attr(__unused__)
#endif
#define __ro_after_init
#ifdef __x86_64__
#include <cpuid.h>
/*
 * BMI2 (mulx) and ADX (adcx, adox): CPUID leaf 7, EBX bits 8 and 19.
 * Asked of CPUID itself, as clang's __builtin_cpu_supports() has no "adx".
 */
static inline int twi_cpu_has_adx(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & (1U << 8)) && (b & (1U << 19));
}

/*
 * SHA extensions (CPUID leaf 7, EBX bit 29) with SSSE3 and SSE4.1 (leaf 1,
 * ECX bits 9 and 19).  valgrind clears the SHA bit: it cannot run them.
 */
static inline int twi_cpu_has_sha_ni(void)
{
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) ||
	    !(c & (1U << 9)) || !(c & (1U << 19)))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return !!(b & (1U << 29));
}

#define twi_simd_usable()	1
#define twi_simd_begin()	do { } while (0)
#define twi_simd_end()		do { } while (0)
#endif
#ifndef READ_ONCE
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v)	__atomic_store_n(&(x), v, __ATOMIC_RELAXED)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#endif

/*
 * Constant-time audit hook: the ctgrind host test marks secrets undefined
 * for valgrind; values that are public by design (a rejection-sampling
 * verdict, a finished signature) are declared defined again here.
 */
#ifdef TWI_EC_CTGRIND
#include <valgrind/memcheck.h>
#define twi_ct_public(p, n)	VALGRIND_MAKE_MEM_DEFINED(p, n)
#else
#define twi_ct_public(p, n)	do { } while (0)
#endif

#endif /* TWI_EC_PORT_H */
