/* Firmware-table probe: finds the MP floating pointer where the MP specification 1.4 (4.) says an
   operating system looks (the first KiB of the EBDA, the last KiB of base memory, the BIOS ROM
   0xF0000-0xFFFFF) and the ACPI RSDP where ACPI 1.0 (5.2.4.1) says (the first KiB of the EBDA,
   0xE0000-0xFFFFF), checks every signature, length and checksum, and prints every entry and field
   over COM1; then the E820 type of the memory the ACPI tables are in, and exits through
   isa-debug-exit. Booted under qemu-system-i386 -kernel and in i386mon, whose outputs
   FirmwareTablesDifferentialTest compares. Built freestanding: gcc -m32 -ffreestanding -nostdlib. */
#include "probe-serial.h"

static void dec(u32 v) {
    char b[12];
    int n = 0;
    do { b[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) putc(b[--n]);
}

static void field(const char *name, u32 v, int digits) {
    putc(' ');
    puts(name);
    putc('=');
    hex(v, digits);
}

static void text(const char *name, u32 addr, int n) {
    putc(' ');
    puts(name);
    puts("='");
    for (int i = 0; i < n; i++) {
        u8 c = rd8(addr + i);
        if (c >= 0x20 && c < 0x7F && c != '\\' && c != '\'') putc((char)c);
        else { puts("\\x"); hex(c, 2); }
    }
    putc('\'');
}

static u8 sum(u32 addr, u32 len) {
    u8 s = 0;
    for (u32 i = 0; i < len; i++) s += rd8(addr + i);
    return s;
}

static int checks_failed;

static void sum_field(u32 addr, u32 len) {
    if (sum(addr, len) == 0) puts(" sum=ok");
    else { puts(" sum=BAD"); checks_failed++; }
}

static int same(u32 addr, const char *sig, int n) {
    for (int i = 0; i < n; i++) if (rd8(addr + i) != (u8)sig[i]) return 0;
    return 1;
}

/* The first 16-byte aligned "_MP_" with a valid checksum over its length in [from, to). */
static u32 find_mp(u32 from, u32 to) {
    for (u32 a = from; a + 16 <= to; a += 16) {
        if (same(a, "_MP_", 4) && rd8(a + 8) != 0 && sum(a, rd8(a + 8) * 16u) == 0) return a;
    }
    return 0;
}

static u32 find_rsdp(u32 from, u32 to) {
    for (u32 a = from; a + 20 <= to; a += 16) {
        if (same(a, "RSD PTR ", 8) && sum(a, 20) == 0) return a;
    }
    return 0;
}

static u32 cpuid_signature, cpuid_features;

/* A value the BIOS copied from CPUID leaf 1: "cpuid" when it is what this CPU reports. */
static void cpuid_field(const char *name, u32 v, u32 own) {
    if (v != own) { field(name, v, 8); return; }
    putc(' ');
    puts(name);
    puts("=cpuid");
}

static void mp_entries(u32 table, u32 count, u32 end) {
    u32 e = table + 44;
    for (u32 i = 0; i < count; i++) {
        if (e >= end) { puts("mp: entry beyond the table's length\n"); checks_failed++; return; }
        u8 type = rd8(e);
        switch (type) {
        case 0:
            puts("mp: processor");
            field("apic_id", rd8(e + 1), 2);
            field("apic_version", rd8(e + 2), 2);
            field("flags", rd8(e + 3), 2);
            puts((rd8(e + 3) & 1) ? " (enabled" : " (disabled");
            puts((rd8(e + 3) & 2) ? ", bsp)" : ")");
            cpuid_field("signature", rd32(e + 4), cpuid_signature);
            cpuid_field("features", rd32(e + 8), cpuid_features);
            field("reserved", rd32(e + 12) | rd32(e + 16), 8);
            e += 20;
            break;
        case 1:
            puts("mp: bus");
            field("id", rd8(e + 1), 2);
            text("type", e + 2, 6);
            e += 8;
            break;
        case 2:
            puts("mp: ioapic");
            field("id", rd8(e + 1), 2);
            field("version", rd8(e + 2), 2);
            field("flags", rd8(e + 3), 2);
            field("address", rd32(e + 4), 8);
            e += 8;
            break;
        case 3:
        case 4:
            puts(type == 3 ? "mp: io-interrupt" : "mp: local-interrupt");
            field("type", rd8(e + 1), 2);
            field("flags", rd16(e + 2), 4);
            field("bus", rd8(e + 4), 2);
            field("bus_irq", rd8(e + 5), 2);
            field("apic", rd8(e + 6), 2);
            field(type == 3 ? "pin" : "lint", rd8(e + 7), 2);
            e += 8;
            break;
        default:
            puts("mp: unknown entry type");
            field("type", type, 2);
            putc('\n');
            checks_failed++;
            return;
        }
        putc('\n');
    }
    puts(e == end ? "mp: entries end at the table's length\n" : "mp: entries do not end at the table's length\n");
    if (e != end) checks_failed++;
}

static void mp_table(void) {
    u32 ebda = (u32)rd16(0x40E) << 4, base_kib = rd16(0x413);
    u32 fp = 0;
    const char *where = "";
    if (ebda && (fp = find_mp(ebda, ebda + 1024))) where = "ebda";
    else if ((fp = find_mp(base_kib * 1024 - 1024, base_kib * 1024))) where = "base-memory";
    else if ((fp = find_mp(0xF0000, 0x100000))) where = "bios-rom";
    if (!fp) { puts("mp: no floating pointer\n"); checks_failed++; return; }
    puts("mp: floating pointer in ");
    puts(where);
    field("at", fp, 8);
    field("config", rd32(fp + 4), 8);
    field("length", rd8(fp + 8), 2);
    field("spec_rev", rd8(fp + 9), 2);
    field("features", rd8(fp + 11) | (u32)rd32(fp + 12) << 8, 10);
    sum_field(fp, rd8(fp + 8) * 16u);
    putc('\n');
    u32 t = rd32(fp + 4);
    if (!t || !same(t, "PCMP", 4)) { puts("mp: no configuration table\n"); checks_failed++; return; }
    u32 len = rd16(t + 4);
    puts("mp: config");
    field("at", t, 8);
    field("length", len, 4);
    field("spec_rev", rd8(t + 6), 2);
    text("oem", t + 8, 8);
    text("product", t + 16, 12);
    field("oem_table", rd32(t + 28), 8);
    field("oem_size", rd16(t + 32), 4);
    field("entries", rd16(t + 34), 4);
    field("lapic", rd32(t + 36), 8);
    field("ext_length", rd16(t + 40), 4);
    field("ext_sum", rd8(t + 42), 2);
    sum_field(t, len);
    putc('\n');
    mp_entries(t, rd16(t + 34), t + len);
}

/* The standard description header (ACPI 1.0, 5.2.6), with its checksum over the whole length. */
static void acpi_header(u32 a) {
    puts("acpi: ");
    text("table", a, 4);
    field("at", a, 8);
    field("length", rd32(a + 4), 8);
    field("rev", rd8(a + 8), 2);
    text("oem", a + 10, 6);
    text("oem_table", a + 16, 8);
    field("oem_rev", rd32(a + 24), 8);
    text("creator", a + 28, 4);
    field("creator_rev", rd32(a + 32), 8);
    sum_field(a, rd32(a + 4));
    putc('\n');
}

static void fadt(u32 a) {
    static const struct { const char *name; u8 offset, size; } f[] = {
        {"int_model", 44, 1}, {"pm_profile", 45, 1}, {"sci_int", 46, 2}, {"smi_cmd", 48, 4},
        {"acpi_enable", 52, 1}, {"acpi_disable", 53, 1}, {"s4bios_req", 54, 1}, {"pstate_cnt", 55, 1},
        {"pm1a_evt", 56, 4}, {"pm1b_evt", 60, 4}, {"pm1a_cnt", 64, 4}, {"pm1b_cnt", 68, 4},
        {"pm2_cnt", 72, 4}, {"pm_tmr", 76, 4}, {"gpe0", 80, 4}, {"gpe1", 84, 4},
        {"pm1_evt_len", 88, 1}, {"pm1_cnt_len", 89, 1}, {"pm2_cnt_len", 90, 1}, {"pm_tmr_len", 91, 1},
        {"gpe0_len", 92, 1}, {"gpe1_len", 93, 1}, {"gpe1_base", 94, 1}, {"cst_cnt", 95, 1},
        {"p_lvl2_lat", 96, 2}, {"p_lvl3_lat", 98, 2}, {"flush_size", 100, 2}, {"flush_stride", 102, 2},
        {"duty_offset", 104, 1}, {"duty_width", 105, 1}, {"day_alrm", 106, 1}, {"mon_alrm", 107, 1},
        {"century", 108, 1}, {"boot_arch", 109, 2}, {"flags", 112, 4},
    };
    for (unsigned i = 0; i < sizeof f / sizeof f[0]; i++) {
        if (i % 8 == 0) puts(i ? "\nacpi: fadt" : "acpi: fadt");
        u32 v = f[i].size == 1 ? rd8(a + f[i].offset) : f[i].size == 2 ? rd16(a + f[i].offset) : rd32(a + f[i].offset);
        field(f[i].name, v, f[i].size * 2);
    }
    putc('\n');
    u32 facs = rd32(a + 36), dsdt = rd32(a + 40);
    puts("acpi: facs");
    text("signature", facs, 4);
    field("at", facs, 8);
    field("aligned64", (facs & 63) == 0, 1);
    field("length", rd32(facs + 4), 8);
    field("hw_signature", rd32(facs + 8), 8);
    field("waking_vector", rd32(facs + 12), 8);
    field("global_lock", rd32(facs + 16), 8);
    field("flags", rd32(facs + 20), 8);
    putc('\n');
    acpi_header(dsdt);
}

static void madt(u32 a) {
    puts("acpi: madt");
    field("lapic", rd32(a + 36), 8);
    field("flags", rd32(a + 40), 8);
    putc('\n');
    u32 end = a + rd32(a + 4), e = a + 44;
    while (e + 2 <= end) {
        u8 type = rd8(e), len = rd8(e + 1);
        if (len < 2) { puts("acpi: madt entry with length < 2\n"); checks_failed++; return; }
        switch (type) {
        case 0:
            puts("acpi: madt lapic");
            field("processor", rd8(e + 2), 2);
            field("apic_id", rd8(e + 3), 2);
            field("flags", rd32(e + 4), 8);
            break;
        case 1:
            puts("acpi: madt ioapic");
            field("id", rd8(e + 2), 2);
            field("address", rd32(e + 4), 8);
            field("gsi_base", rd32(e + 8), 8);
            break;
        case 2:
            puts("acpi: madt override");
            field("bus", rd8(e + 2), 2);
            field("source", rd8(e + 3), 2);
            field("gsi", rd32(e + 4), 8);
            field("flags", rd16(e + 8), 4);
            break;
        case 4:
            puts("acpi: madt lapic-nmi");
            field("processor", rd8(e + 2), 2);
            field("flags", rd16(e + 3), 4);
            field("lint", rd8(e + 5), 2);
            break;
        default:
            puts("acpi: madt entry");
            field("type", type, 2);
            break;
        }
        field("length", len, 2);
        putc('\n');
        e += len;
    }
    puts(e == end ? "acpi: madt entries end at the table's length\n" : "acpi: madt entries do not end at the table's length\n");
    if (e != end) checks_failed++;
}

static u32 rsdt_at;

static void acpi_tables(void) {
    u32 ebda = (u32)rd16(0x40E) << 4;
    u32 rsdp = 0;
    const char *where = "";
    if (ebda && (rsdp = find_rsdp(ebda, ebda + 1024))) where = "ebda";
    else if ((rsdp = find_rsdp(0xE0000, 0x100000))) where = "bios-rom";
    if (!rsdp) { puts("acpi: no rsdp\n"); checks_failed++; return; }
    puts("acpi: rsdp in ");
    puts(where);
    field("at", rsdp, 8);
    field("rev", rd8(rsdp + 15), 2);
    text("oem", rsdp + 9, 6);
    field("rsdt", rd32(rsdp + 16), 8);
    sum_field(rsdp, 20);
    putc('\n');
    u32 rsdt = rsdt_at = rd32(rsdp + 16);
    if (!same(rsdt, "RSDT", 4)) { puts("acpi: no rsdt\n"); checks_failed++; return; }
    acpi_header(rsdt);
    u32 n = (rd32(rsdt + 4) - 36) / 4;
    for (u32 i = 0; i < n; i++) {
        u32 t = rd32(rsdt + 36 + 4 * i);
        acpi_header(t);
        if (same(t, "FACP", 4)) fadt(t);
        else if (same(t, "APIC", 4)) madt(t);
    }
}

/* The multiboot memory map entry holding addr (its type), or 0 when none does. */
static u32 e820_type(const u32 *mbi, u32 addr) {
    if (!(mbi[0] & 0x40)) return 0;
    for (u32 p = mbi[12]; p < mbi[12] + mbi[11]; p += rd32(p) + 4) {
        u32 base = rd32(p + 4), len = rd32(p + 12);
        if (rd32(p + 8) == 0 && rd32(p + 16) == 0 && addr >= base && addr - base < len) return rd32(p + 20);
    }
    return 0;
}

void tables_main(const u32 *mbi) {
    u32 b, c;
    __asm__ volatile("cpuid" : "=a"(cpuid_signature), "=b"(b), "=c"(c), "=d"(cpuid_features) : "a"(1));
    puts("\ntables: start\n");
    puts("tables: bda");
    field("ebda_segment", rd16(0x40E), 4);
    puts(" base_kib=");
    dec(rd16(0x413));
    puts(" mem_upper_kib=");
    dec(mbi[2]);
    putc('\n');
    mp_table();
    acpi_tables();
    if (rsdt_at) {
        puts("tables: rsdt in e820 type ");
        dec(e820_type(mbi, rsdt_at));
        putc('\n');
    }
    puts(checks_failed ? "tables: checks failed " : "tables: checks ok ");
    dec(checks_failed);
    puts("\ntables: end\n");
    outb(0xF4, 0x10);
    for (;;) __asm__ volatile("cli; hlt");
}
