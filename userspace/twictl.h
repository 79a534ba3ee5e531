/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Subcommands of twictl implemented outside twictl.c.
 */
#ifndef TWICTL_H
#define TWICTL_H

#ifdef TWICTL_HAVE_VERIFY
int twi_cmd_verify(int argc, char **argv);
#define TWICTL_VERIFY_COMMAND \
	{ "verify", twi_cmd_verify, "verify TEE evidence against a policy" },
#else
#define TWICTL_VERIFY_COMMAND
#endif

#endif /* TWICTL_H */
