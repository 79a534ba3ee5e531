// SPDX-License-Identifier: GPL-2.0
/*
 * The "twi" key type.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/key-type.h>
#include <uapi/linux/twi.h>

#include "twi.h"

static atomic_t twi_keys = ATOMIC_INIT(0);

/*
 * No key can be made yet: creation is refused before anything is
 * allocated.
 */
static int twi_key_preparse(struct key_preparsed_payload *prep)
{
	return -EOPNOTSUPP;
}

static void twi_key_free_preparse(struct key_preparsed_payload *prep)
{
}

static struct key_type key_type_twi = {
	.name		= TWI_KEY_TYPE,
	.preparse	= twi_key_preparse,
	.free_preparse	= twi_key_free_preparse,
	.instantiate	= generic_key_instantiate,
};

u32 twi_key_count(void)
{
	return atomic_read(&twi_keys);
}

int __init twi_key_init(void)
{
	return register_key_type(&key_type_twi);
}

void twi_key_exit(void)
{
	unregister_key_type(&key_type_twi);
}
