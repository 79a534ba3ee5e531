# SPDX-License-Identifier: GPL-2.0
#
# Arm CCA and Azure vTPM/HCL verification (userspace/verify/): a strict CBOR
# decoder, COSE_Sign1, CCA tokens, Azure HCL reports and TPM quotes.

VERIFY_SRCS	+= userspace/verify/cbor.c userspace/verify/cose.c \
		   userspace/verify/cca.c userspace/verify/azure.c
