// SPDX-License-Identifier: GPL-2.0
/* twi-verify: `twictl verify` as a standalone program, for tests. */
#include "userspace/verify/verify.h"

int main(int argc, char **argv)
{
	return twi_cmd_verify(argc, argv);
}
