/* UART output, printf subset, exception dispatch and exit. */
#include "rt.h"

#define UART_BASE 0x09000000u
#define UART_DR   (*(volatile uint32_t *)(UART_BASE + 0x00))
#define UART_FR   (*(volatile uint32_t *)(UART_BASE + 0x18))
#define UART_CR   (*(volatile uint32_t *)(UART_BASE + 0x30))
#define FR_TXFF   (1u << 5)

rt_exc_hook rt_hook;

const char *const rt_vec_names[8] = {
    "RESET", "UND", "SVC", "PABT", "DABT", "HYP", "IRQ", "FIQ"
};

void rt_uart_init(void)
{
    UART_CR = 0x301;        /* UARTEN | TXE | RXE */
}

void rt_putc(int c)
{
    while (UART_FR & FR_TXFF)
        ;
    UART_DR = (uint32_t)c & 0xff;
}

void rt_puts(const char *s)
{
    while (*s)
        rt_putc(*s++);
}

void rt_hex(uint32_t v)
{
    for (int i = 28; i >= 0; i -= 4)
        rt_putc("0123456789abcdef"[(v >> i) & 0xf]);
}

void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

/* Decimal without relying on the divide instructions under test. */
static void put_udec(uint64_t v)
{
    char buf[24];
    int n = 0;
    static const uint64_t pow10[] = {
        10000000000000000000ull, 1000000000000000000ull, 100000000000000000ull,
        10000000000000000ull, 1000000000000000ull, 100000000000000ull,
        10000000000000ull, 1000000000000ull, 100000000000ull, 10000000000ull,
        1000000000ull, 100000000ull, 10000000ull, 1000000ull, 100000ull,
        10000ull, 1000ull, 100ull, 10ull, 1ull
    };
    for (unsigned i = 0; i < sizeof(pow10) / sizeof(pow10[0]); i++) {
        int d = 0;
        while (v >= pow10[i]) {
            v -= pow10[i];
            d++;
        }
        if (d || n || pow10[i] == 1)
            buf[n++] = (char)('0' + d);
    }
    buf[n] = 0;
    rt_puts(buf);
}

/* %[-][0][width][l|ll](x|u|d|s|c|%) */
void rt_vprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            rt_putc(*fmt);
            continue;
        }
        fmt++;
        int zero = 0, width = 0, lng = 0, left = 0;
        if (*fmt == '-') {
            left = 1;
            fmt++;
        }
        if (*fmt == '0') {
            zero = 1;
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            lng++;
            fmt++;
        }
        switch (*fmt) {
        case 'x': {
            uint64_t v = lng >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
            int digits = 1;
            for (uint64_t t = v >> 4; t; t >>= 4)
                digits++;
            for (int i = digits; i < width; i++)
                rt_putc(zero ? '0' : ' ');
            for (int i = digits - 1; i >= 0; i--)
                rt_putc("0123456789abcdef"[(v >> (4 * i)) & 0xf]);
            break;
        }
        case 'u':
            put_udec(lng >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t));
            break;
        case 'd': {
            int64_t v = lng >= 2 ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
            if (v < 0) {
                rt_putc('-');
                put_udec((uint64_t)0 - (uint64_t)v);
            } else {
                put_udec((uint64_t)v);
            }
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            int len = 0;
            while (str[len])
                len++;
            for (int i = len; !left && i < width; i++)
                rt_putc(' ');
            rt_puts(str);
            for (int i = len; left && i < width; i++)
                rt_putc(' ');
            break;
        }
        case 'c':
            rt_putc(va_arg(ap, int));
            break;
        case '%':
            rt_putc('%');
            break;
        default:
            rt_putc('?');
            break;
        }
    }
}

void rt_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rt_vprintf(fmt, ap);
    va_end(ap);
}

/* The end marker means "ran to the end"; a failing program prints a
   different last line, so run-diff's marker check catches it. */
void rt_exit(int code)
{
    if (code)
        rt_printf("== FAILED (exit code %d) ==\n", code);
    else
        rt_puts(RT_END_MARKER "\n");
    rt_psci_off();
}

void rt_exc_dispatch(int vec, rt_exc_frame *f)
{
    if (rt_hook && rt_hook(vec, f))
        return;
    rt_printf("UNEXPECTED %s lr=%08x spsr=%08x dfsr=%08x dfar=%08x ifsr=%08x ifar=%08x\n",
              rt_vec_names[vec & 7], f->lr, f->spsr,
              MRC(0, c5, c0, 0), MRC(0, c6, c0, 0),
              MRC(0, c5, c0, 1), MRC(0, c6, c0, 2));
    rt_exit(1);
}

/* GCC may emit these for 64-bit arithmetic in tests; we link libgcc too. */
