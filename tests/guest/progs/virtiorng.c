/* A driver for the virtio-rng device run-diff puts in the highest
   virtio-mmio slot (-device virtio-rng-device): it negotiates VERSION_1,
   posts device-writable buffers and prints what it can compare with
   QEMU: the device's identity, the used lengths, and whether the bytes
   look random (many distinct values, two requests differing). The
   bytes themselves differ from run to run, so they are not printed. */
#include "rt.h"
#include "virtio.h"

static unsigned distinct(const uint8_t *p, unsigned len)
{
    uint8_t seen[256] = { 0 };
    unsigned n = 0;

    for (unsigned i = 0; i < len; i++) {
        n += !seen[p[i]];
        seen[p[i]] = 1;
    }
    return n;
}

static int same(const uint8_t *a, const uint8_t *b, unsigned len)
{
    for (unsigned i = 0; i < len; i++) {
        if (a[i] != b[i])
            return 0;
    }
    return 1;
}

/* One writable buffer of @len bytes at @buf; prints the used length. */
static void request(const char *name, uint8_t *buf, uint32_t len)
{
    uint16_t old = used.idx;
    uint32_t st;

    memset(buf, 0, len);
    set_desc(0, (uint32_t)buf, len, VRING_DESC_F_WRITE, 0);
    st = submit_wait(0);
    if (used.idx == old) {
        rt_printf("%s: nothing used, status %02x\n", name, st);
        return;
    }
    rt_printf("%s: status %02x used id %u len %u, %s\n", name, st,
              used.ring[old % QN].id, used.ring[old % QN].len,
              distinct(buf, len) > len / 4 ? "random-looking" : "NOT RANDOM");
    VREG(V_INT_ACK) = VREG(V_INT_STATUS);
}

int main(void)
{
    static uint8_t second[64];

    rt_puts("virtiorng\n");
    rt_printf("magic %08x version %u device %u\n", VREG(V_MAGIC),
              VREG(V_VERSION), VREG(V_DEVICE_ID));
    if (VREG(V_DEVICE_ID) != 4)
        rt_exit(1);
    vq_init();
    request("64 bytes", data, 64);
    memcpy(second, data, 64);
    request("64 bytes again", data, 64);
    rt_printf("two requests %s\n", same(second, data, 64) ? "ARE THE SAME" : "differ");
    request("16 bytes", data, 16);
    rt_exit(0);
}
