/* Multiboot 1 header (Multiboot Specification 0.6.96, section 3.1.1). The images are ELF, so the
 * a.out address fields (flag bit 16) are not needed. */
#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003 /* bit 0: page-align modules, bit 1: provide the memory map */

        .section .multiboot, "a"
        .align 4
        .long MB_MAGIC
        .long MB_FLAGS
        .long -(MB_MAGIC + MB_FLAGS)
