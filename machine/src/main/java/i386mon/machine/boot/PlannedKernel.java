package i386mon.machine.boot;

/**
 * A kernel whose segments have been planned into a {@link BootLayout}: its physical entry point, its
 * symbols, and for an ELF kernel the file and the section header table as the kernel will see it
 * (symbol and string tables' sh_addr set to where they were placed); both null otherwise.
 */
record PlannedKernel(long entry, SymbolTable symbols, ElfFile elf, byte[] sectionTable, String format) {
    /** An ELF kernel planned from its program headers; {@code entryOverride} wins when not negative. */
    static PlannedKernel elf(byte[] kernel, BootLayout layout, long entryOverride, String protocol) {
        ElfFile elf = ElfFile.parse(kernel);
        long entry = KernelSegments.planElf(elf, layout);
        if (entryOverride >= 0) entry = entryOverride;
        return new PlannedKernel(entry, SymbolTable.fromElf(elf), elf, null, protocol + ", ELF32");
    }

    /**
     * Places the ELF symbol and string tables after everything placed so far and returns the kernel
     * with its section header table (sh_addr filled in); a no-op for kernels without sections.
     */
    PlannedKernel withSymbolSections(BootLayout layout) {
        if (elf == null || elf.sectionHeaders().isEmpty()) return new PlannedKernel(entry, symbols, null, null, format);
        return new PlannedKernel(entry, symbols, elf, KernelSegments.placeSymbolSections(elf, layout), format);
    }

    /** A kernel planned from addresses in its boot header; symbols are read if the file happens to be ELF32. */
    static PlannedKernel addressed(byte[] kernel, long entry, String format) {
        return new PlannedKernel(entry, KernelSegments.symbolsIfElf(kernel), null, null, format);
    }
}
