package i386mon.machine.cpu;

/**
 * The mode-dependent half of segmentation: what loading a segment register means, and the
 * instructions that read or load the descriptor-table registers. Protected mode checks a
 * descriptor ({@link ProtectedModeSegmentation}); real and virtual-8086 mode load
 * {@code selector << 4} as the base, and SLDT, STR, LLDT, LTR, LAR, LSL, VERR and VERW are #UD there
 * (SDM vol. 3, 20.1 and 20.2; vol. 2, LLDT: "not recognized in real-address mode").
 *
 * <p>Data accesses themselves are checked against the segment cache ({@link SegmentChecks}), the
 * same in every mode, so that they need no call through this seam.
 */
interface Segmentation {
    /** MOV/POP to a data segment register or SS, and LDS/LES/LFS/LGS/LSS. */
    void load(int s, int selector);

    /** SLDT: the LDTR selector. */
    int sldt();

    /** STR: the TR selector. */
    int str();

    void lldt(int selector);

    void ltr(int selector);

    /** LAR: the access rights, or -1 when the descriptor is not visible (ZF=0). */
    long lar(int selector);

    /** LSL: the byte limit, or -1 when the descriptor is not visible (ZF=0). */
    long lsl(int selector);

    /** VERR ({@code write} false) and VERW. */
    boolean verify(int selector, boolean write);
}
