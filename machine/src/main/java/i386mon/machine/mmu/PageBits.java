package i386mon.machine.mmu;

/** Paging-structure entry bits and masks (SDM vol. 3, tables 4-4 to 4-11). */
final class PageBits {
    static final long P = 1, RW = 2, US = 4, PWT = 8, PCD = 16, A = 32, D = 64, PS = 128, G = 256;
    static final long XD = 1L << 63;

    /** Physical-address width for PAE paging (a typical 36-bit PAE processor). */
    static final int MAXPHYADDR = 36;
    static final long PAE_ADDRESS = ((1L << MAXPHYADDR) - 1) & ~0xFFFL;
    /** Bits 62:MAXPHYADDR of PAE PDEs/PTEs (bit 63 is XD, reserved when EFER.NXE = 0). */
    static final long PAE_HIGH_RESERVED = ~((1L << MAXPHYADDR) - 1) & ~XD;
    /** PAE PDPTE: bits 2:1, 8:5 and 63:MAXPHYADDR are reserved (table 4-8). */
    static final long PDPTE_RESERVED = ~((1L << MAXPHYADDR) - 1) | 0x1E6L;
    /** PAE 2 MiB PDE: bits 20:13 reserved (table 4-9); bit 12 is PAT. */
    static final long PDE_2M_RESERVED = 0x1F_E000L;
    /** 32-bit 4 MiB PDE without PSE-36: bits 21:13 reserved (table 4-4, M = 32). */
    static final long PDE_4M_RESERVED = 0x3F_E000L;

    private PageBits() { }
}
