/*
 * virtio-queue.c - split virtqueue parsing (virtio 1.x, section 2.7)
 */
#include "hw/virtio-queue.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

/* Ring layouts (all little-endian). */
#define DESC_SIZE        16                 /* addr64 len32 flags16 next16 */
#define AVAIL_SIZE(n)    (6 + 2 * (uint64_t)(n)) /* flags idx ring[n] used_event */
#define USED_SIZE(n)     (6 + 8 * (uint64_t)(n)) /* flags idx ring[n] avail_event */

typedef struct Desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
} Desc;

static uint16_t ld16(const uint8_t *p)
{
    uint16_t v;

    memcpy(&v, p, 2);
    return GUINT16_FROM_LE(v);
}

static uint32_t ld32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return GUINT32_FROM_LE(v);
}

static uint64_t ld64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return GUINT64_FROM_LE(v);
}

static void st16(uint8_t *p, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    memcpy(p, &v, 2);
}

static void st32(uint8_t *p, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(p, &v, 4);
}

static void read_desc(const uint8_t *table, unsigned i, Desc *d)
{
    const uint8_t *p = table + (size_t)i * DESC_SIZE;

    d->addr = ld64(p);
    d->len = ld32(p + 8);
    d->flags = ld16(p + 12);
    d->next = ld16(p + 14);
}

/* Host view of a ring area, or NULL if it is not entirely in RAM. */
static uint8_t *ring_ptr(MemAddressSpace *as, uint64_t pa, uint64_t size,
                         unsigned align)
{
    if (pa & (align - 1)) {
        return NULL;
    }
    return mem_ram_ptr(as, pa, size);
}

int virtqueue_enable(VirtQueue *vq, MemAddressSpace *as, unsigned num,
                     uint64_t desc, uint64_t avail, uint64_t used,
                     bool indirect, char **err)
{
    virtqueue_disable(vq);
    if (num == 0 || num > VIRTQUEUE_MAX_SIZE || (num & (num - 1))) {
        *err = g_strdup_printf("queue size %u is not a power of two up to %u",
                               num, VIRTQUEUE_MAX_SIZE);
        return -EINVAL;
    }
    vq->desc = ring_ptr(as, desc, (uint64_t)num * DESC_SIZE, 16);
    vq->avail = ring_ptr(as, avail, AVAIL_SIZE(num), 2);
    vq->used = ring_ptr(as, used, USED_SIZE(num), 4);
    if (!vq->desc || !vq->avail || !vq->used) {
        *err = g_strdup_printf("rings (desc 0x%" G_GINT64_MODIFIER "x, "
                               "driver 0x%" G_GINT64_MODIFIER "x, "
                               "device 0x%" G_GINT64_MODIFIER "x) misaligned "
                               "or outside RAM", desc, avail, used);
        vq->desc = vq->avail = vq->used = NULL;
        return -EINVAL;
    }
    vq->as = as;
    vq->num = num;
    vq->desc_pa = desc;
    vq->avail_pa = avail;
    vq->used_pa = used;
    vq->indirect = indirect;
    vq->enabled = true;
    return 0;
}

void virtqueue_disable(VirtQueue *vq)
{
    vq->enabled = false;
    vq->desc = vq->avail = vq->used = NULL;
    vq->last_avail_idx = vq->used_idx = 0;
    vq->inflight = 0;
}

/* Walk state: which table we are in and how many steps it allows. */
typedef struct Walk {
    const uint8_t *table;
    uint64_t table_pa;
    unsigned size;
    bool indirect;
} Walk;

/* What a chain walk has gathered so far. */
typedef struct Chain {
    GArray *segs;             /* of VirtQueueSeg */
    unsigned out_num;
    uint64_t out_len, in_len;
} Chain;

/* Append one checked descriptor's buffer to @c. */
static int add_seg(const VirtQueue *vq, Chain *c, const Desc *d,
                   unsigned idx, char **err)
{
    VirtQueueSeg seg;
    bool writable = d->flags & VIRTQ_DESC_F_WRITE;

    if (d->len == 0) {
        *err = g_strdup_printf("descriptor %u has length 0", idx);
        return -EINVAL;
    }
    /* mem_ram_ptr also refuses ranges that wrap or leave the region. */
    seg.host = mem_ram_ptr(vq->as, d->addr, d->len);
    if (!seg.host) {
        *err = g_strdup_printf("descriptor %u (0x%" G_GINT64_MODIFIER
                               "x, %u bytes) is outside RAM", idx, d->addr,
                               d->len);
        return -EINVAL;
    }
    if (!writable && c->segs->len > c->out_num) {
        *err = g_strdup_printf("descriptor %u is readable after a writable "
                               "one", idx);
        return -EINVAL;
    }
    seg.addr = d->addr;
    seg.len = d->len;
    if (writable) {
        c->in_len += d->len;
    } else {
        c->out_len += d->len;
        c->out_num++;
    }
    g_array_append_val(c->segs, seg);
    return 0;
}

/* Enter the indirect table @d points to (only one level is allowed). */
static int enter_indirect(const VirtQueue *vq, Walk *w, const Desc *d,
                          unsigned idx, char **err)
{
    if (!vq->indirect) {
        *err = g_strdup_printf("descriptor %u is indirect, but indirect "
                               "descriptors were not negotiated", idx);
        return -EINVAL;
    }
    if (w->indirect) {
        *err = g_strdup_printf("indirect descriptor %u inside an indirect "
                               "table", idx);
        return -EINVAL;
    }
    if (d->flags & VIRTQ_DESC_F_NEXT) {
        *err = g_strdup_printf("descriptor %u has both INDIRECT and NEXT", idx);
        return -EINVAL;
    }
    if (d->len == 0 || d->len % DESC_SIZE ||
        d->len / DESC_SIZE > VIRTQUEUE_MAX_INDIRECT) {
        *err = g_strdup_printf("indirect table of %u bytes (not a multiple "
                               "of 16 in 16..%u)", d->len,
                               VIRTQUEUE_MAX_INDIRECT * DESC_SIZE);
        return -EINVAL;
    }
    w->table = ring_ptr(vq->as, d->addr, d->len, 1);
    if (!w->table) {
        *err = g_strdup_printf("indirect table at 0x%" G_GINT64_MODIFIER
                               "x (%u bytes) is outside RAM", d->addr, d->len);
        return -EINVAL;
    }
    w->table_pa = d->addr;
    w->size = d->len / DESC_SIZE;
    w->indirect = true;
    return 0;
}

/* Collect the chain starting at @head into @c. */
static int walk_chain(const VirtQueue *vq, unsigned head, Chain *c,
                      char **err)
{
    Walk w = { vq->desc, vq->desc_pa, vq->num, false };
    unsigned idx = head, steps = 0;
    Desc d;
    int ret;

    for (;;) {
        /* A chain visits each entry at most once, so more steps is a loop. */
        if (++steps > w.size) {
            *err = g_strdup_printf("descriptor chain from %u is longer than "
                                   "its table (%u entries): stopped after "
                                   "%u, a loop?", head, w.size, steps);
            return -EINVAL;
        }
        read_desc(w.table, idx, &d);
        if (d.flags & VIRTQ_DESC_F_INDIRECT) {
            ret = enter_indirect(vq, &w, &d, idx, err);
            if (ret < 0) {
                return ret;
            }
            idx = 0;
            steps = 0;
            continue;
        }
        ret = add_seg(vq, c, &d, idx, err);
        if (ret < 0) {
            return ret;
        }
        if (!(d.flags & VIRTQ_DESC_F_NEXT)) {
            return 0;
        }
        if (d.next >= w.size) {
            *err = g_strdup_printf("descriptor %u: next %u is out of range "
                                   "(%u entries)", idx, d.next, w.size);
            return -EINVAL;
        }
        idx = d.next;
    }
}

int virtqueue_pop(VirtQueue *vq, VirtQueueElement **elem, char **err)
{
    uint16_t avail_idx, pending, head;
    Chain c = { NULL, 0, 0, 0 };
    VirtQueueElement *e;
    int ret;

    *elem = NULL;
    if (!vq->enabled) {
        return 0;
    }
    avail_idx = ld16(vq->avail + 2);
    pending = (uint16_t)(avail_idx - vq->last_avail_idx);
    if (pending == 0) {
        return 0;
    }
    if (pending > vq->num) {
        *err = g_strdup_printf("available index jumped from %u to %u "
                               "(queue size %u)", vq->last_avail_idx,
                               avail_idx, vq->num);
        return -EINVAL;
    }
    head = ld16(vq->avail + 4 + 2 * (vq->last_avail_idx & (vq->num - 1)));
    vq->last_avail_idx++;
    if (head >= vq->num) {
        *err = g_strdup_printf("available head %u is out of range (queue "
                               "size %u)", head, vq->num);
        return -EINVAL;
    }

    c.segs = g_array_new(FALSE, FALSE, sizeof(VirtQueueSeg));
    ret = walk_chain(vq, head, &c, err);
    if (ret < 0) {
        g_array_free(c.segs, TRUE);
        return ret;
    }
    e = g_malloc(sizeof(*e) + c.segs->len * sizeof(VirtQueueSeg));
    memcpy(e->sg, c.segs->data, c.segs->len * sizeof(VirtQueueSeg));
    e->head = head;
    e->out_num = c.out_num;
    e->in_num = c.segs->len - c.out_num;
    e->out_len = c.out_len;
    e->in_len = c.in_len;
    g_array_free(c.segs, TRUE);
    vq->inflight++;
    *elem = e;
    return 1;
}

void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem, uint32_t len)
{
    uint64_t slot = 4 + 8 * (uint64_t)(vq->used_idx & (vq->num - 1));

    if (!vq->enabled) {
        return;
    }
    /* The used ring may share a page with code: tell the tracker first. */
    mem_notify_write(vq->as, vq->used_pa + slot, 8);
    st32(vq->used + slot, elem->head);
    st32(vq->used + slot + 4, len);
    vq->used_idx++;
    mem_notify_write(vq->as, vq->used_pa + 2, 2);
    st16(vq->used + 2, vq->used_idx);
    if (vq->inflight) {
        vq->inflight--;
    }
}

bool virtqueue_should_notify(const VirtQueue *vq)
{
    return vq->enabled && !(ld16(vq->avail) & VIRTQ_AVAIL_F_NO_INTERRUPT);
}

size_t virtqueue_read_out(const VirtQueueElement *elem, uint64_t offset,
                          void *buf, size_t len)
{
    size_t done = 0;

    for (unsigned i = 0; i < elem->out_num && done < len; i++) {
        const VirtQueueSeg *s = &elem->sg[i];
        size_t n;

        if (offset >= s->len) {
            offset -= s->len;
            continue;
        }
        n = MIN(len - done, s->len - offset);
        memcpy((uint8_t *)buf + done, s->host + offset, n);
        done += n;
        offset = 0;
    }
    return done;
}

size_t virtqueue_write_in(const VirtQueue *vq, const VirtQueueElement *elem,
                          uint64_t offset, const void *buf, size_t len)
{
    size_t done = 0;

    for (unsigned i = elem->out_num; i < elem->out_num + elem->in_num &&
         done < len; i++) {
        const VirtQueueSeg *s = &elem->sg[i];
        size_t n;

        if (offset >= s->len) {
            offset -= s->len;
            continue;
        }
        n = MIN(len - done, s->len - offset);
        mem_notify_write(vq->as, s->addr + offset, n);
        memcpy(s->host + offset, (const uint8_t *)buf + done, n);
        done += n;
        offset = 0;
    }
    return done;
}
