// SPDX-License-Identifier: GPL-2.0
/*
 * twid: the twi helper daemon.  It gets TEE evidence and verifies peers'
 * evidence on the kernel's behalf; it never sees a private key.
 *
 * For now it connects to the twi family, reports the module it found and
 * waits for a signal to stop.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "libtwi.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct twi_info info;
	struct twi_nl *nl;
	int ret;

	if (argc > 1) {
		fprintf(stderr, "usage: twid\n");
		return 2;
	}

	ret = twi_nl_open(&nl);
	if (!ret)
		ret = twi_nl_get_info(nl, &info);
	if (ret) {
		fprintf(stderr, "twid: cannot reach twi.ko: %s\n",
			ret == -ENOENT ? "module not loaded" : strerror(-ret));
		twi_nl_close(nl);
		return 1;
	}
	fprintf(stderr, "twid: serving twi %s\n", info.version);

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!stop)
		pause();

	twi_nl_close(nl);
	return 0;
}
