/*
 * virt-fdt.h - the device tree of the virt board, made with libfdt
 *
 * Same node names, addresses, interrupts and phandles as qemu-system-arm
 * -M virt -cpu cortex-a15 generates (shared/reference), limited to the
 * devices this board models, so a kernel probes nothing that is absent.
 */
#ifndef MACHINE_VIRT_FDT_H
#define MACHINE_VIRT_FDT_H

#include <stddef.h>
#include <stdint.h>

#include "machine/virt.h"

typedef struct VirtFdtConfig {
    uint64_t ram_base, ram_size;
    const char *cmdline;          /* NULL: no bootargs */
    uint64_t initrd_start, initrd_end; /* both 0: no initrd */
    unsigned nb_cpus;             /* 0: one */
} VirtFdtConfig;

/**
 * virt_fdt_build: a flattened device tree for @cfg.
 * @blob, @size: the result (g_free the blob).
 * Returns: 0, or -1 with a one-line *@errmsg.
 */
int virt_fdt_build(const VirtFdtConfig *cfg, void **blob, size_t *size,
                   char **errmsg);

/**
 * virt_fdt_check: validate a device tree blob of @len bytes: its header,
 * its sizes (within @len) and every node and property.
 * Returns: 0, or a negative libfdt error (-FDT_ERR_BADMAGIC...).
 */
int virt_fdt_check(const void *blob, size_t len);

/**
 * virt_fdt_from_user: check the device tree @data (@len bytes read from
 * @name, a -dtb file) with libfdt, and return a copy whose /chosen node
 * has what QEMU puts there: bootargs (when @cfg has a non-empty command
 * line) and linux,initrd-start/-end (when it has an initrd), sized by
 * the root's #address-cells. Everything else is the user's.
 * @blob, @size: the result (g_free the blob).
 * Returns: 0, or -1 with a one-line *@errmsg (not a device tree, ...).
 */
int virt_fdt_from_user(const char *name, const void *data, size_t len,
                       const VirtFdtConfig *cfg, void **blob, size_t *size,
                       char **errmsg);

#endif /* MACHINE_VIRT_FDT_H */
