/* The ATA test kernel: probes the four legacy IDE positions, prints what IDENTIFY DEVICE reports,
   drives a CD-ROM through ATAPI packets (IDENTIFY PACKET, INQUIRY, READ CAPACITY, READ(10/12), READ
   TOC, sense data after errors),
   then on each disk reads and writes sectors with PIO (LBA28, CHS, LBA48, READ/WRITE MULTIPLE),
   provokes the error paths (a read beyond the end, a command no drive implements) and a software
   reset, printing checksums and register values on COM1. Everything is polled, so QEMU and i386mon
   print the same lines; the test also compares the images the writes leave. */
#include "probe-serial.h"

static inline u16 inw(u16 port) { u16 v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outw(u16 port, u16 v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }

static void putd(u32 v) {
    char buf[12];
    int n = 0;
    do { buf[n++] = '0' + v % 10; v /= 10; } while (v);
    while (n) putc(buf[--n]);
}

static void x8(u32 v) { puts("0x"); hex(v, 2); }

static u16 buf[16 * 256];
static u16 ident[256];

struct chan { u16 base, ctrl; const char *name; };
static const struct chan chans[2] = { { 0x1F0, 0x3F6, "primary" }, { 0x170, 0x376, "secondary" } };

static void delay400(const struct chan *c) { for (int i = 0; i < 4; i++) inb(c->ctrl); }

/* Waits for BSY to clear; returns the status (0xff after too long, which never happens on a working drive). */
static u8 wait_ready(const struct chan *c) {
    for (u32 i = 0; i < 10000000; i++) {
        u8 s = inb(c->base + 7);
        if (!(s & 0x80)) return s;
    }
    return 0xff;
}

static u32 fnv(const void *p, u32 n) {
    const u8 *b = p;
    u32 h = 2166136261u;
    for (u32 i = 0; i < n; i++) { h ^= b[i]; h *= 16777619u; }
    return h;
}

static void prefix(int ch, int dev) { puts("ata: "); putd(ch); puts("."); putd(dev); puts(" "); }

static void select_dev(const struct chan *c, int dev, u8 head) { outb(c->base + 6, 0xA0 | (dev << 4) | head); delay400(c); }

/* Issues a 28-bit command: LBA mode when lba is set, else the CHS values in the registers. */
static void task28(const struct chan *c, int dev, u32 count, u32 lba, u8 cmd) {
    select_dev(c, dev, 0x40 | ((lba >> 24) & 0x0F));
    outb(c->base + 2, count);
    outb(c->base + 3, lba);
    outb(c->base + 4, lba >> 8);
    outb(c->base + 5, lba >> 16);
    outb(c->base + 7, cmd);
}

static void task48(const struct chan *c, int dev, u32 count, u32 lba, u8 cmd) {
    select_dev(c, dev, 0x40);
    outb(c->base + 2, count >> 8);
    outb(c->base + 3, lba >> 24);
    outb(c->base + 4, 0);
    outb(c->base + 5, 0);
    outb(c->base + 2, count);
    outb(c->base + 3, lba);
    outb(c->base + 4, lba >> 8);
    outb(c->base + 5, lba >> 16);
    outb(c->base + 7, cmd);
}

/* Reads `sectors` sectors of data blocks of `per_block` sectors each; returns the final status. */
static u8 pio_in(const struct chan *c, u16 *to, u32 sectors, u32 per_block) {
    u32 done = 0;
    while (done < sectors) {
        u8 s = wait_ready(c);
        if ((s & 0x01) || !(s & 0x08)) return s;
        u32 n = sectors - done < per_block ? sectors - done : per_block;
        for (u32 i = 0; i < n * 256; i++) to[done * 256 + i] = inw(c->base);
        done += n;
    }
    return wait_ready(c);
}

static u8 pio_out(const struct chan *c, const u16 *from, u32 sectors, u32 per_block) {
    u32 done = 0;
    while (done < sectors) {
        u8 s = wait_ready(c);
        if ((s & 0x01) || !(s & 0x08)) return s;
        u32 n = sectors - done < per_block ? sectors - done : per_block;
        for (u32 i = 0; i < n * 256; i++) outw(c->base, from[done * 256 + i]);
        done += n;
    }
    return wait_ready(c);
}

static void ata_string(const u16 *w, int first, int words) {
    char s[48];
    int n = 0;
    for (int i = 0; i < words; i++) { s[n++] = w[first + i] >> 8; s[n++] = w[first + i] & 0xff; }
    while (n > 0 && s[n - 1] == ' ') n--;
    s[n] = 0;
    puts("\"");
    puts(s);
    puts("\"");
}

static void result(int ch, int dev, const char *what, u8 status, const void *data, u32 bytes) {
    prefix(ch, dev);
    puts(what);
    puts(" status=");
    x8(status);
    if (status & 0x01) { puts(" error="); x8(inb(chans[ch].base + 1)); }
    if (data) { puts(" sum="); hex(fnv(data, bytes), 8); }
    puts("\n");
}

static void fill(u32 sectors, u32 seed) {
    for (u32 i = 0; i < sectors * 256; i++) buf[i] = (u16)(seed * 40503u + i * 2654435761u >> 16);
}

/* SMART B0h: the subcommand in the features register, the 4Fh/C2h key in the cylinder registers. */
static u8 smart(const struct chan *c, int dev, u8 feature, u8 sector, u16 key) {
    select_dev(c, dev, 0x40);
    outb(c->base + 1, feature);
    outb(c->base + 2, 1);
    outb(c->base + 3, sector);
    outb(c->base + 4, key);
    outb(c->base + 5, key >> 8);
    outb(c->base + 7, 0xB0);
    return wait_ready(c);
}

static void smart_result(int ch, int dev, const char *what, u8 feature, u8 sector, u16 key) {
    const struct chan *c = &chans[ch];
    u8 s = smart(c, dev, feature, sector, key);
    if (s & 0x08) {
        s = pio_in(c, buf, 1, 1);
        result(ch, dev, what, s, buf, 512);
    } else {
        result(ch, dev, what, s, 0, 0);
    }
    prefix(ch, dev);
    puts(what); puts(" cyl="); x8(inb(c->base + 5)); puts(" "); x8(inb(c->base + 4)); puts("\n");
}

static void smart_exercise(int ch, int dev) {
    smart_result(ch, dev, "smart status", 0xDA, 0, 0xC24F);
    smart_result(ch, dev, "smart no key", 0xDA, 0, 0x1234);
    smart_result(ch, dev, "smart read data", 0xD0, 0, 0xC24F);
    smart_result(ch, dev, "smart thresholds", 0xD1, 0, 0xC24F);
    smart_result(ch, dev, "smart autosave off", 0xD2, 0x00, 0xC24F);
    smart_result(ch, dev, "smart autosave 42", 0xD2, 0x42, 0xC24F);
    smart_result(ch, dev, "smart short self-test", 0xD4, 1, 0xC24F);
    smart_result(ch, dev, "smart extended self-test", 0xD4, 2, 0xC24F);
    smart_result(ch, dev, "smart self-test 7f", 0xD4, 0x7F, 0xC24F);
    smart_result(ch, dev, "smart read data after tests", 0xD0, 0, 0xC24F);
    smart_result(ch, dev, "smart error log", 0xD5, 0x01, 0xC24F);
    smart_result(ch, dev, "smart self-test log", 0xD5, 0x06, 0xC24F);
    smart_result(ch, dev, "smart log 80", 0xD5, 0x80, 0xC24F);
    smart_result(ch, dev, "smart save attributes", 0xD3, 0, 0xC24F);
    smart_result(ch, dev, "smart disable", 0xD9, 0, 0xC24F);
    smart_result(ch, dev, "smart status disabled", 0xDA, 0, 0xC24F);
    smart_result(ch, dev, "smart enable", 0xD8, 0, 0xC24F);
    smart_result(ch, dev, "smart status enabled", 0xDA, 0, 0xC24F);
}

static void exercise(int ch, int dev) {
    const struct chan *c = &chans[ch];
    u32 total = ident[60] | (u32)ident[61] << 16;
    u32 heads = ident[3], spt = ident[6];

    task28(c, dev, 3, 1, 0x20); // READ SECTORS, LBA28
    result(ch, dev, "read lba28 1+3", pio_in(c, buf, 3, 1), buf, 3 * 512);

    u32 lba = 100, cyl = lba / (heads * spt), head = lba / spt % heads, sec = lba % spt + 1;
    select_dev(c, dev, head);  // CHS: no LBA bit
    outb(c->base + 2, 1);
    outb(c->base + 3, sec);
    outb(c->base + 4, cyl);
    outb(c->base + 5, cyl >> 8);
    outb(c->base + 7, 0x20);
    result(ch, dev, "read chs 100", pio_in(c, buf, 1, 1), buf, 512);
    task28(c, dev, 1, 100, 0x20);
    result(ch, dev, "read lba28 100", pio_in(c, buf, 1, 1), buf, 512);

    fill(2, 10 + ch * 2 + dev);
    task28(c, dev, 2, 10, 0x30); // WRITE SECTORS
    result(ch, dev, "write lba28 10+2", pio_out(c, buf, 2, 1), buf, 2 * 512);
    task28(c, dev, 2, 10, 0x20);
    result(ch, dev, "reread lba28 10+2", pio_in(c, buf, 2, 1), buf, 2 * 512);

    task48(c, dev, 2, 200, 0x24); // READ SECTORS EXT
    result(ch, dev, "read lba48 200+2", pio_in(c, buf, 2, 1), buf, 2 * 512);
    fill(3, 20 + ch * 2 + dev);
    task48(c, dev, 3, 300, 0x34); // WRITE SECTORS EXT
    result(ch, dev, "write lba48 300+3", pio_out(c, buf, 3, 1), buf, 3 * 512);

    task28(c, dev, 4, 0, 0xC6); // SET MULTIPLE MODE 4
    result(ch, dev, "set multiple 4", wait_ready(c), 0, 0);
    task28(c, dev, 10, 40, 0xC4); // READ MULTIPLE
    result(ch, dev, "read multiple 40+10", pio_in(c, buf, 10, 4), buf, 10 * 512);
    fill(6, 30 + ch * 2 + dev);
    task28(c, dev, 6, 400, 0xC5); // WRITE MULTIPLE
    result(ch, dev, "write multiple 400+6", pio_out(c, buf, 6, 4), buf, 6 * 512);
    task28(c, dev, 3, 0, 0xC6);
    result(ch, dev, "set multiple 3", wait_ready(c), 0, 0);

    task28(c, dev, 1, total, 0x20);
    result(ch, dev, "read beyond end", pio_in(c, buf, 1, 1), 0, 0);
    task48(c, dev, 1, total - 1, 0x24);
    result(ch, dev, "read ext last", pio_in(c, buf, 1, 1), buf, 512);
    smart_exercise(ch, dev);
    task28(c, dev, 0, 0, 0x50); // not a command any drive here implements
    result(ch, dev, "command 0x50", wait_ready(c), 0, 0);
    task28(c, dev, 0, 0, 0xE7); // FLUSH CACHE
    result(ch, dev, "flush cache", wait_ready(c), 0, 0);
    task28(c, dev, 0, 0, 0xF8); // READ NATIVE MAX ADDRESS
    u8 s = wait_ready(c);
    prefix(ch, dev);
    puts("native max status="); x8(s);
    puts(" lba="); hex(inb(c->base + 5) << 16 | inb(c->base + 4) << 8 | inb(c->base + 3), 6);
    puts("\n");
}

/* Sends a 12-byte packet (PIO, byte count limit bcl); returns the status once the drive has taken it. */
static u8 packet(const struct chan *c, int dev, u32 bcl, const u8 *pkt) {
    select_dev(c, dev, 0);
    outb(c->base + 1, 0);
    outb(c->base + 4, bcl);
    outb(c->base + 5, bcl >> 8);
    outb(c->base + 7, 0xA0);
    u8 s = wait_ready(c);
    if (!(s & 0x08)) return s;
    for (int i = 0; i < 6; i++) outw(c->base, pkt[2 * i] | pkt[2 * i + 1] << 8);
    delay400(c);
    return wait_ready(c);
}

/* Reads a packet command's data, block by block (each block's size is in the cylinder registers). */
static u8 packet_in(const struct chan *c, u8 *to, u32 *got) {
    u8 s = inb(c->base + 7);
    *got = 0;
    while ((s & 0x08) && !(s & 0x01)) {
        u32 n = inb(c->base + 4) | inb(c->base + 5) << 8;
        for (u32 i = 0; i < n; i += 2) {
            u16 w = inw(c->base);
            to[*got] = w;
            to[*got + 1] = w >> 8;
            *got += 2;
        }
        delay400(c);
        s = wait_ready(c);
    }
    return s;
}

static void packet_result(int ch, int dev, const char *what, const u8 *pkt, u32 bcl) {
    const struct chan *c = &chans[ch];
    u8 *data = (u8 *)buf;
    u32 got = 0;
    u8 s = packet(c, dev, bcl, pkt);
    if (s & 0x08) s = packet_in(c, data, &got);
    prefix(ch, dev);
    puts(what);
    puts(" status="); x8(s);
    puts(" reason="); x8(inb(c->base + 2) & 7);
    if (s & 0x01) { puts(" error="); x8(inb(c->base + 1)); }
    puts(" bytes="); putd(got);
    if (got) { puts(" sum="); hex(fnv(data, got), 8); }
    if (got && got <= 64) { // small replies in full, so a difference shows which byte
        puts(" data=");
        for (u32 i = 0; i < got; i++) hex(data[i], 2);
    }
    puts("\n");
}

/* The MMC commands BIOSes, boot loaders and OS CD drivers send besides reading: mode pages, the
   profile list, media events, the disc's and the mechanism's status, the tray, READ CD, the raw TOC. */
static void mmc_exercise(int ch, int dev) {
    static const u8 sense[12] = { 0x03, 0, 0, 0, 18 };
    static const u8 ms_error[12] = { 0x5A, 0, 0x01, 0, 0, 0, 0, 0, 255 };
    static const u8 ms_caps[12] = { 0x5A, 0, 0x2A, 0, 0, 0, 0, 0, 255 };
    static const u8 ms_caps_short[12] = { 0x5A, 0, 0x2A, 0, 0, 0, 0, 0, 8 };
    static const u8 ms_all[12] = { 0x5A, 0, 0x3F, 0, 0, 0, 0, 0, 255 };
    static const u8 ms_changeable[12] = { 0x5A, 0, 0x6A, 0, 0, 0, 0, 0, 255 };
    static const u8 ms_default[12] = { 0x5A, 0, 0xAA, 0, 0, 0, 0, 0, 255 };
    static const u8 ms_saved[12] = { 0x5A, 0, 0xEA, 0, 0, 0, 0, 0, 255 };
    static const u8 ms_vendor[12] = { 0x5A, 0, 0x05, 0, 0, 0, 0, 0, 255 };
    static const u8 config[12] = { 0x46, 0, 0, 0, 0, 0, 0, 0, 64 };
    static const u8 config_short[12] = { 0x46, 0, 0, 0, 0, 0, 0, 0, 8 };
    static const u8 config_feature[12] = { 0x46, 2, 0, 0x1E, 0, 0, 0, 0, 64 };
    static const u8 gesn_media[12] = { 0x4A, 1, 0, 0, 0x10, 0, 0, 0, 8 };
    static const u8 gesn_power[12] = { 0x4A, 1, 0, 0, 0x04, 0, 0, 0, 8 };
    static const u8 gesn_async[12] = { 0x4A, 0, 0, 0, 0x10, 0, 0, 0, 8 };
    static const u8 disc_info[12] = { 0x51, 0, 0, 0, 0, 0, 0, 0, 34 };
    static const u8 disc_info_track[12] = { 0x51, 1, 0, 0, 0, 0, 0, 0, 34 };
    static const u8 mechanism[12] = { 0xBD, 0, 0, 0, 0, 0, 0, 0, 0, 8 };
    static const u8 seek[12] = { 0x2B, 0, 0, 0, 0, 10 };
    static const u8 seek_beyond[12] = { 0x2B, 0, 0, 0, 0x10, 0 };
    static const u8 toc_sessions[12] = { 0x43, 0, 0, 0, 0, 0, 0, 0, 12, 0x40 };
    static const u8 toc_raw[12] = { 0x43, 0, 0, 0, 0, 0, 1, 0, 64, 0x80 };
    static const u8 toc_raw_msf[12] = { 0x43, 2, 0, 0, 0, 0, 1, 0, 64, 0x80 };
    static const u8 toc_track2[12] = { 0x43, 0, 0, 0, 0, 0, 2, 0, 20 };
    static const u8 toc_format3[12] = { 0x43, 0, 0, 0, 0, 0, 0, 0, 20, 0xC0 };
    static const u8 read_cd[12] = { 0xBE, 0, 0, 0, 0, 5, 0, 0, 2, 0x10 };
    static const u8 read_cd_raw[12] = { 0xBE, 0, 0, 0, 0, 7, 0, 0, 2, 0xF8 };
    static const u8 read_cd_none[12] = { 0xBE, 0, 0, 0, 0, 5, 0, 0, 1, 0x00 };
    static const u8 read_cd_odd[12] = { 0xBE, 0, 0, 0, 0, 5, 0, 0, 1, 0x20 };
    static const u8 read_cd_beyond[12] = { 0xBE, 0, 0, 0, 0x10, 0, 0, 0, 1, 0x10 };
    static const u8 dvd_structure[12] = { 0xAD, 0, 0, 0, 0, 0, 0, 0, 0, 64 };
    static const u8 dvd_structure_list[12] = { 0xAD, 0, 0, 0, 0, 0, 0, 0xFF, 0, 64 };
    static const u8 set_speed[12] = { 0xBB, 0, 0xFF, 0xFF };
    static const u8 read10_no_bcl[12] = { 0x28, 0, 0, 0, 0, 5, 0, 0, 1 };
    static const u8 prevent[12] = { 0x1E, 0, 0, 0, 1 };
    static const u8 allow[12] = { 0x1E, 0, 0, 0, 0 };
    static const u8 eject[12] = { 0x1B, 0, 0, 0, 2 };
    static const u8 load[12] = { 0x1B, 0, 0, 0, 3 };
    static const u8 start[12] = { 0x1B, 0, 0, 0, 1 };
    static const u8 tur[12] = { 0x00 };
    packet_result(ch, dev, "mode sense 01", ms_error, 0xFFFE);
    packet_result(ch, dev, "mode sense 2a", ms_caps, 0xFFFE);
    packet_result(ch, dev, "mode sense 2a alloc 8", ms_caps_short, 0xFFFE);
    packet_result(ch, dev, "mode sense 3f", ms_all, 0xFFFE);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "mode sense 2a changeable", ms_changeable, 0xFFFE);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "mode sense 2a default", ms_default, 0xFFFE);
    packet_result(ch, dev, "mode sense 2a saved", ms_saved, 0xFFFE);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "mode sense 05", ms_vendor, 0xFFFE);
    packet_result(ch, dev, "get configuration", config, 0xFFFE);
    packet_result(ch, dev, "get configuration alloc 8", config_short, 0xFFFE);
    packet_result(ch, dev, "get configuration feature 1e", config_feature, 0xFFFE);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "event status media", gesn_media, 0xFFFE);
    packet_result(ch, dev, "event status power", gesn_power, 0xFFFE);
    packet_result(ch, dev, "event status async", gesn_async, 0xFFFE);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "disc information", disc_info, 0xFFFE);
    packet_result(ch, dev, "disc information type 1", disc_info_track, 0xFFFE);
    packet_result(ch, dev, "mechanism status", mechanism, 0xFFFE);
    packet_result(ch, dev, "seek 10", seek, 0);
    packet_result(ch, dev, "seek beyond", seek_beyond, 0);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "read toc sessions", toc_sessions, 0xFFFE);
    packet_result(ch, dev, "read toc raw", toc_raw, 0xFFFE);
    packet_result(ch, dev, "read toc raw msf", toc_raw_msf, 0xFFFE);
    packet_result(ch, dev, "read toc track 2", toc_track2, 0xFFFE);
    packet_result(ch, dev, "read toc format 3", toc_format3, 0xFFFE);
    packet_result(ch, dev, "read cd 5+2", read_cd, 0xFFFE);
    packet_result(ch, dev, "read cd raw 7+2", read_cd_raw, 0xFFFE);
    packet_result(ch, dev, "read cd raw 7+2 bcl 1000", read_cd_raw, 1000);
    packet_result(ch, dev, "read cd nothing", read_cd_none, 0xFFFE);
    packet_result(ch, dev, "read cd c2 only", read_cd_odd, 0xFFFE);
    packet_result(ch, dev, "read cd beyond", read_cd_beyond, 0xFFFE);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "read cd bcl 0", read_cd, 0);
    packet_result(ch, dev, "read10 bcl 0", read10_no_bcl, 0);
    packet_result(ch, dev, "read dvd structure", dvd_structure, 0xFFFE);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "read dvd structure list", dvd_structure_list, 0xFFFE);
    packet_result(ch, dev, "set cd speed", set_speed, 0);
    packet_result(ch, dev, "start unit", start, 0);
    packet_result(ch, dev, "prevent removal", prevent, 0);
    packet_result(ch, dev, "mode sense 2a locked", ms_caps, 0xFFFE);
    packet_result(ch, dev, "eject locked", eject, 0);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "allow removal", allow, 0);
    packet_result(ch, dev, "eject", eject, 0);
    packet_result(ch, dev, "test unit ready tray open", tur, 0);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "event status tray open", gesn_media, 0xFFFE);
    packet_result(ch, dev, "get configuration tray open", config, 0xFFFE);
    packet_result(ch, dev, "load", load, 0);
    packet_result(ch, dev, "test unit ready loaded", tur, 0);
    packet_result(ch, dev, "event status loaded", gesn_media, 0xFFFE);
}

static void atapi_exercise(int ch, int dev) {
    const struct chan *c = &chans[ch];
    outb(c->base + 7, 0xA1); // IDENTIFY PACKET DEVICE
    u8 s = pio_in(c, ident, 1, 1);
    prefix(ch, dev);
    puts("identify packet status="); x8(s);
    puts(" model="); ata_string(ident, 27, 20);
    puts(" serial="); ata_string(ident, 10, 10);
    puts(" w0="); hex(ident[0], 4); puts(" w49="); hex(ident[49], 4); puts(" w88="); hex(ident[88], 4);
    puts(" sum="); hex(fnv(ident, 512), 8);
    puts("\n");
    static const u8 tur[12] = { 0x00 };
    static const u8 sense[12] = { 0x03, 0, 0, 0, 18 };
    static const u8 inquiry[12] = { 0x12, 0, 0, 0, 36 };
    static const u8 capacity[12] = { 0x25 };
    static const u8 read10[12] = { 0x28, 0, 0, 0, 0, 5, 0, 0, 3 };
    static const u8 read12[12] = { 0xA8, 0, 0, 0, 0, 9, 0, 0, 0, 2 };
    static const u8 beyond[12] = { 0x28, 0, 0, 0, 0x10, 0, 0, 0, 1 };
    static const u8 toc[12] = { 0x43, 0, 0, 0, 0, 0, 0, 0, 20 };
    static const u8 toc_msf[12] = { 0x43, 2, 0, 0, 0, 0, 0, 0, 20 };
    static const u8 unknown[12] = { 0xEE };
    packet_result(ch, dev, "test unit ready", tur, 0);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "inquiry", inquiry, 36);
    packet_result(ch, dev, "read capacity", capacity, 8);
    packet_result(ch, dev, "read10 5+3", read10, 0xFFFE);
    packet_result(ch, dev, "read10 5+3 bcl 1000", read10, 1000);
    packet_result(ch, dev, "read12 9+2", read12, 0x8000);
    packet_result(ch, dev, "read toc", toc, 20);
    packet_result(ch, dev, "read toc msf", toc_msf, 20);
    packet_result(ch, dev, "read beyond", beyond, 2048);
    packet_result(ch, dev, "request sense", sense, 18);
    packet_result(ch, dev, "unknown packet", unknown, 2048);
    packet_result(ch, dev, "request sense", sense, 18);
    mmc_exercise(ch, dev);
}

static void probe(int ch, int dev) {
    const struct chan *c = &chans[ch];
    select_dev(c, dev, 0);
    u8 s = inb(c->base + 7);
    prefix(ch, dev);
    puts("status="); x8(s);
    if (s == 0 || s == 0xff) { puts(" none\n"); return; }
    u8 regs[4] = { inb(c->base + 2), inb(c->base + 3), inb(c->base + 4), inb(c->base + 5) };
    outb(c->base + 7, 0xEC);
    s = pio_in(c, ident, 1, 1);
    if ((s & 0x01) && inb(c->base + 4) == 0x14 && inb(c->base + 5) == 0xEB) { // a packet device aborts with its signature
        puts(" packet device: identify status="); x8(s); puts(" error="); x8(inb(c->base + 1)); puts("\n");
        atapi_exercise(ch, dev);
        return;
    }
    puts(" signature="); x8(regs[0]); puts(" "); x8(regs[1]); puts(" "); x8(regs[2]); puts(" "); x8(regs[3]); puts("\n");
    prefix(ch, dev);
    puts("identify status="); x8(s);
    puts(" model="); ata_string(ident, 27, 20);
    puts(" serial="); ata_string(ident, 10, 10);
    puts(" firmware="); ata_string(ident, 23, 4);
    puts("\n");
    prefix(ch, dev);
    puts("chs="); putd(ident[1]); puts("/"); putd(ident[3]); puts("/"); putd(ident[6]);
    puts(" lba28="); putd(ident[60] | (u32)ident[61] << 16);
    puts(" lba48="); putd(ident[100] | (u32)ident[101] << 16);
    puts(" w47="); hex(ident[47], 4); puts(" w49="); hex(ident[49], 4); puts(" w59="); hex(ident[59], 4);
    puts(" w83="); hex(ident[83], 4); puts(" w88="); hex(ident[88], 4);
    puts(" sum="); hex(fnv(ident, 512), 8);
    puts("\n");
    prefix(ch, dev);
    puts("words");
    for (int i = 0; i < 256; i++) {
        if (ident[i] == 0 || (i >= 10 && i < 20) || (i >= 23 && i < 47)) continue;
        puts(" "); putd(i); puts("="); hex(ident[i], 4);
    }
    puts("\n");
    exercise(ch, dev);
}

static void reset(int ch) {
    const struct chan *c = &chans[ch];
    select_dev(c, 0, 0); // device 0 shows BSY until the reset is done (QEMU finishes it a little later)
    outb(c->ctrl, 0x06); // SRST with nIEN
    for (int i = 0; i < 100; i++) inb(c->ctrl);
    outb(c->ctrl, 0x02);
    u8 s = wait_ready(c);
    puts("ata: "); putd(ch); puts(" reset status="); x8(s);
    puts(" error="); x8(inb(c->base + 1));
    puts(" signature="); x8(inb(c->base + 2)); puts(" "); x8(inb(c->base + 3)); puts(" ");
    x8(inb(c->base + 4)); puts(" "); x8(inb(c->base + 5));
    puts(" device="); x8(inb(c->base + 6));
    puts("\n");
}

void ata_main(void) {
    puts("ata: start\n");
    for (int ch = 0; ch < 2; ch++) {
        for (int dev = 0; dev < 2; dev++) probe(ch, dev);
        reset(ch);
    }
    puts("ata: end\n");
    outb(0xf4, 0x10);
}
