/*
 * Shared fixture for the target/arm suites.
 */
#include <glib.h>
#include <string.h>

#include "arm-test-util.h"

ArmTest at;

void arm_test_setup(void)
{
    void *host;

    memset(&at, 0, sizeof(at));
    ck_assert_int_eq(exec_init(1u << 20), 0);
    at.as = mem_as_new();
    ck_assert_ptr_nonnull(at.as);
    ck_assert_int_eq(mem_add_ram(at.as, "ram", TEST_RAM_BASE, TEST_RAM_SIZE,
                                 &host), 0);
    at.ram = host;
    at.cpu = g_new0(ARMCPU, 1);
    ck_assert_int_eq(arm_cpu_init(at.cpu, at.as, 0), 0);
    at.env = &at.cpu->env;
    at.cs = &at.cpu->parent;
}

void arm_test_teardown(void)
{
    arm_cpu_destroy(at.cpu);
    g_free(at.cpu);
    mem_as_free(at.as);
    exec_exit();
    memset(&at, 0, sizeof(at));
}

void arm_test_poke(uint32_t pa, uint32_t val)
{
    uint8_t b[4] = { val & 0xff, (val >> 8) & 0xff, (val >> 16) & 0xff,
                     val >> 24 };

    ck_assert_int_eq(mem_write(at.as, pa, b, 4), MEM_TX_OK);
}
