// SPDX-License-Identifier: GPL-2.0
/*
 * twictl: manage twi workloads, keys and credentials, verify evidence.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libtwi.h"
#include "twictl.h"

static int cmd_info(int argc, char **argv)
{
	struct twi_info info;
	struct twi_nl *nl;
	int json = 0;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--json"))
		json = 1;
	else if (argc != 1) {
		fprintf(stderr, "usage: twictl info [--json]\n");
		return 2;
	}

	ret = twi_nl_open(&nl);
	if (ret) {
		fprintf(stderr, "twictl: cannot reach twi.ko: %s\n",
			ret == -ENOENT ? "module not loaded" : strerror(-ret));
		return 1;
	}
	ret = twi_nl_get_info(nl, &info);
	twi_nl_close(nl);
	if (ret) {
		fprintf(stderr, "twictl: cannot get info: %s\n", strerror(-ret));
		return 1;
	}

	if (json)
		printf("{\"version\":\"%s\",\"keys\":%u}\n", info.version,
		       info.keys);
	else
		printf("twi %s, %u keys\n", info.version, info.keys);
	return 0;
}

static int cmd_help(int argc, char **argv);

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "info", cmd_info, "show the module version and key count" },
	TWICTL_VERIFY_COMMAND
	{ "help", cmd_help, "show this list" },
};

static int cmd_help(int argc, char **argv)
{
	size_t i;

	printf("usage: twictl COMMAND [ARGS...]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].help);
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		cmd_help(0, NULL);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);

	fprintf(stderr, "twictl: unknown command '%s' (try 'twictl help')\n",
		argv[1]);
	return 2;
}
