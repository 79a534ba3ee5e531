/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libtwi: the userspace side of the "twi" generic netlink family.  All of
 * twid's and twictl's netlink traffic goes through this small API.
 *
 * Functions return 0 or a negative errno: the kernel's own error for a
 * refused request, or -ENOENT when the family is not registered (twi.ko is
 * not loaded).
 */
#ifndef LIBTWI_H
#define LIBTWI_H

#include <stdint.h>

struct nlmsghdr;
struct nl_msg;
struct twi_nl;

struct twi_info {
	char version[32];
	uint32_t keys;
};

int twi_nl_open(struct twi_nl **nlp);
void twi_nl_close(struct twi_nl *nl);
int twi_nl_family(const struct twi_nl *nl);

/* A request for @cmd to fill in, and its transaction (consumes @msg). */
struct nl_msg *twi_nl_msg(const struct twi_nl *nl, uint8_t cmd);
int twi_nl_send(struct twi_nl *nl, struct nl_msg *msg);

int twi_nl_get_info(struct twi_nl *nl, struct twi_info *info);
int twi_parse_info(const struct nlmsghdr *nlh, struct twi_info *info);

#endif /* LIBTWI_H */
