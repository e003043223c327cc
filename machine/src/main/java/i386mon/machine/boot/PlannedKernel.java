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
        byte[] table = elf.sectionHeaders().isEmpty() ? null : KernelSegments.placeSymbolSections(elf, layout);
        return new PlannedKernel(entry, SymbolTable.fromElf(elf), table == null ? null : elf, table, protocol + ", ELF32");
    }

    /** A kernel planned from addresses in its boot header; symbols are read if the file happens to be ELF32. */
    static PlannedKernel addressed(byte[] kernel, long entry, String format) {
        return new PlannedKernel(entry, KernelSegments.symbolsIfElf(kernel), null, null, format);
    }
}
