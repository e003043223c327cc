/* Multiboot information and the physical page allocator: one bit per 4 KiB frame of the 4 GiB
 * physical space, set = in use. Frames start in use; the available ranges of the memory map are
 * freed, then the kernel image, the multiboot structures and the modules are reserved again. */
#include "kernel.h"
#include "multiboot.h"

#define FRAMES (1u << 20)
static uint32_t bitmap[FRAMES / 32];
static uint32_t free_frames, total_frames;
uint32_t mb_mem_upper_kib;

static inline int used(uint32_t f) { return (bitmap[f >> 5] >> (f & 31)) & 1; }
static inline void set_used(uint32_t f) { bitmap[f >> 5] |= 1u << (f & 31); }
static inline void set_free(uint32_t f) { bitmap[f >> 5] &= ~(1u << (f & 31)); }

static void reserve(uint32_t start, uint32_t end) {
    if (end <= start) return;
    for (uint32_t f = start >> 12; f <= (end - 1) >> 12; f++) {
        if (!used(f)) { set_used(f); free_frames--; }
    }
}

static void release_range(uint64_t base, uint64_t len) {
    /* Only whole frames inside the range and below 4 GiB are usable. */
    uint64_t first = (base + PAGE_SIZE - 1) >> 12;
    uint64_t end = (base + len) >> 12;
    if (end > FRAMES) end = FRAMES;
    for (uint64_t f = first; f < end; f++) {
        if (used((uint32_t)f)) { set_free((uint32_t)f); free_frames++; total_frames++; }
    }
}

void pmm_init(const struct multiboot_info *mbi) {
    memset(bitmap, 0xFF, sizeof bitmap);
    free_frames = total_frames = 0;
    if (mbi->flags & MB_INFO_MEMORY) {
        mb_mem_upper_kib = mbi->mem_upper;
        kprintf("multiboot: mem_lower=%u KiB mem_upper=%u KiB\n", mbi->mem_lower, mbi->mem_upper);
    }
    if (mbi->flags & MB_INFO_MMAP) {
        uint32_t p = mbi->mmap_addr;
        while (p < mbi->mmap_addr + mbi->mmap_length) {
            const struct mb_mmap_entry *e = kvirt(p);
            kprintf("multiboot: mmap base=0x%08x%08x len=0x%08x%08x type=%u\n",
                    (uint32_t)(e->base >> 32), (uint32_t)e->base, (uint32_t)(e->len >> 32), (uint32_t)e->len, e->type);
            if (e->type == MB_MMAP_AVAILABLE) release_range(e->base, e->len);
            p += e->size + sizeof e->size;
        }
    } else if (mbi->flags & MB_INFO_MEMORY) {
        release_range(0, (uint64_t)mbi->mem_lower * 1024);
        release_range(0x100000, (uint64_t)mbi->mem_upper * 1024);
    } else {
        panic("multiboot: no memory information");
    }
    reserve(0, PAGE_SIZE); /* frame 0 stays unused so a null frame number is never handed out */
    reserve(V2P(__kernel_start), V2P(__kernel_end));
    reserve(V2P(mbi), V2P(mbi) + sizeof *mbi);
    if (mbi->flags & MB_INFO_CMDLINE) reserve(mbi->cmdline, mbi->cmdline + strlen(kvirt(mbi->cmdline)) + 1);
    if (mbi->flags & MB_INFO_MMAP) reserve(mbi->mmap_addr, mbi->mmap_addr + mbi->mmap_length);
    if (mbi->flags & MB_INFO_MODS) {
        const struct mb_module *m = kvirt(mbi->mods_addr);
        reserve(mbi->mods_addr, mbi->mods_addr + mbi->mods_count * sizeof *m);
        for (uint32_t i = 0; i < mbi->mods_count; i++) reserve(m[i].start, m[i].end);
    }
    kprintf("pmm: %u KiB usable, %u KiB free after reserving kernel and multiboot data\n",
            total_frames * 4, free_frames * 4);
}

uint32_t pmm_free_count(void) { return free_frames; }

uint32_t pmm_alloc(void) {
    /* Lowest free frame first: low frames are reachable through every kernel mapping. */
    for (uint32_t w = 0; w < FRAMES / 32; w++) {
        if (bitmap[w] == 0xFFFFFFFFu) continue;
        for (uint32_t b = 0; b < 32; b++) {
            uint32_t f = w * 32 + b;
            if (!used(f)) {
                set_used(f);
                free_frames--;
                return f << 12;
            }
        }
    }
    panic("pmm: out of memory");
}

void pmm_free(uint32_t frame) {
    if (frame & (PAGE_SIZE - 1)) panic("pmm: free of unaligned address 0x%08x", frame);
    uint32_t f = frame >> 12;
    if (!used(f)) panic("pmm: double free of frame 0x%08x", frame);
    set_free(f);
    free_frames++;
}

static int overlaps_kernel(uint32_t frame) {
    return frame + PAGE_SIZE > V2P(__kernel_start) && frame < V2P(__kernel_end);
}

void pmm_selftest(void) {
    uint32_t before = free_frames;
    uint32_t a = pmm_alloc(), b = pmm_alloc(), c = pmm_alloc();
    int ok = 1;
    ok &= a != b && b != c && a != c;
    ok &= !((a | b | c) & (PAGE_SIZE - 1));
    ok &= !overlaps_kernel(a) && !overlaps_kernel(b) && !overlaps_kernel(c) && a && b && c;
    ok &= free_frames == before - 3;
    ok &= used(a >> 12) && used(b >> 12) && used(c >> 12);
    /* The frame must hold data: write distinct patterns and read them back. */
    uint32_t *pa = kvirt(a), *pc = kvirt(c);
    pa[0] = 0xA5A5A5A5u; pa[1023] = 0x5A5A5A5Au; pc[0] = 0x01234567u;
    ok &= pa[0] == 0xA5A5A5A5u && pa[1023] == 0x5A5A5A5Au && pc[0] == 0x01234567u;
    pmm_free(b);
    ok &= !used(b >> 12);
    uint32_t again = pmm_alloc(); /* lowest-first: the hole just freed is reused */
    ok &= again == b;
    pmm_free(a); pmm_free(again); pmm_free(c);
    ok &= free_frames == before;
    kprintf("pmm: selftest %s\n", ok ? "ok" : "FAILED");
    check(ok, "pmm allocate/free");
}
