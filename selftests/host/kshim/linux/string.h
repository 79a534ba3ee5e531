/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for the kernel's <linux/string.h>: the C library's. */
#ifndef _TWI_KSHIM_LINUX_STRING_H
#define _TWI_KSHIM_LINUX_STRING_H

#include <string.h>

#endif /* _TWI_KSHIM_LINUX_STRING_H */
