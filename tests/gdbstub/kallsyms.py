"""Symbols of an ARM zImage without its debug package.

Debian's linux-image packages ship a stub System.map ("the real System.map
is in the linux-image-<version>-dbg package", 600 MB), but the kernel
carries its own symbol table for /proc/kallsyms.  This reads it from the
decompressed image: kallsyms_token_table is found by its run of one-digit
tokens, kallsyms_token_index follows it, and before it lie, each 4-byte
aligned, kallsyms_num_syms, kallsyms_names, kallsyms_markers and (Linux
6.1 stable) kallsyms_seqs_of_names; the base-relative address offsets and
their base sit before kallsyms_num_syms.  Only what the kernel has there:
text symbols unless it was built with CONFIG_KALLSYMS_ALL.
"""

import lzma
import struct
import zlib


def decompress(zimage):
    """The Image inside a zImage (xz or gzip payload)."""
    for magic, make in ((b"\xfd7zXZ\x00", lambda: lzma.LZMADecompressor(format=lzma.FORMAT_XZ)),
                        (b"\x1f\x8b\x08", lambda: zlib.decompressobj(16 + 15))):
        i = -1
        while True:
            i = zimage.find(magic, i + 1)
            if i < 0:
                break
            try:
                img = make().decompress(zimage[i:])
            except (lzma.LZMAError, zlib.error):
                continue      # the magic inside the decompressor's code
            if len(img) > 1 << 20:
                return img
    raise ValueError("no xz or gzip kernel payload in the zImage")


def _u32(img, o):
    return struct.unpack_from("<I", img, o)[0]


def _decode(img, p, n, tokens, end):
    names = []
    for _ in range(n):
        if p >= end:
            return None
        length = img[p]
        p += 1
        if length & 0x80:                 # "big" symbols: two length bytes
            length = (length & 0x7F) | (img[p] << 7)
            p += 1
        if length == 0 or p + length > end:
            return None
        s = b"".join(tokens[c] for c in img[p:p + length])
        p += length
        names.append(s[1:].decode("ascii", "replace"))   # s[0]: the type
    return names if end - p < 8 else None


def _tables(img, ts, ti, tokens):
    for n in range(256, 1 << 20):
        seqs = ts - ((3 * n + 3) & ~3)
        nm = (n + 255) // 256
        ms = seqs - 4 * nm
        if ms < 0:
            return None
        if _u32(img, ms) != 0:
            continue
        marks = struct.unpack_from("<%dI" % nm, img, ms)
        if any(marks[k + 1] <= marks[k] for k in range(nm - 1)):
            continue
        for ns in range((ms - marks[-1] - 4) & ~3, max(ms - marks[-1] - 16384, 0), -4):
            if _u32(img, ns) == n:
                names = _decode(img, ns + 4, n, tokens, ms)
                if names:
                    base = _u32(img, ns - 4)
                    offs = struct.unpack_from("<%di" % n, img, ns - 4 - 4 * n)
                    return {nm_: (base + (o & 0xFFFFFFFF)) & 0xFFFFFFFF
                            for nm_, o in zip(names, offs)}
        return None
    return None


def symbols(img):
    """{name: address} from the Image's kallsyms tables."""
    digits = b"\x000\x001\x002\x003\x004\x005\x006\x007\x008\x009\x00"
    i = -1
    while True:
        i = img.find(digits, i + 1)
        if i < 0:
            raise ValueError("no kallsyms token table in the Image")
        for j in range(i - i % 2, min(i + 16384, len(img) - 512), 2):
            idx = struct.unpack_from("<256H", img, j)
            if idx[0] != 0 or not all(1 <= idx[k + 1] - idx[k] <= 64 for k in range(255)):
                continue
            for ts in (j - idx[255] - n for n in range(2, 72)):
                tab = img[ts:j]
                last = tab[idx[255]:].rstrip(b"\0")
                if ts % 4 or not last or 0 in last or \
                        any(tab[idx[k + 1] - 1] != 0 for k in range(255)):
                    continue
                tokens = [tab[idx[k]:idx[k + 1] - 1] for k in range(255)] + [last]
                syms = _tables(img, ts, j, tokens)
                if syms:
                    return syms
            break
