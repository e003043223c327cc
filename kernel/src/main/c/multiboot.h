/* Multiboot 1 boot information (Multiboot Specification 0.6.96, section 3.3). */
#ifndef MULTIBOOT_H
#define MULTIBOOT_H
#include <stdint.h>

#define MB_LOADER_MAGIC 0x2BADB002u
#define MB_INFO_MEMORY  0x001u
#define MB_INFO_CMDLINE 0x004u
#define MB_INFO_MODS    0x008u
#define MB_INFO_MMAP    0x040u
#define MB_MMAP_AVAILABLE 1u

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct mb_module {
    uint32_t start, end, string, reserved;
} __attribute__((packed));

/* 'size' does not count itself: the next entry is at this + size + 4. */
struct mb_mmap_entry {
    uint32_t size;
    uint64_t base;
    uint64_t len;
    uint32_t type;
} __attribute__((packed));

#endif
