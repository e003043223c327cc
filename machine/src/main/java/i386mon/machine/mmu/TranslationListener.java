package i386mon.machine.mmu;

/**
 * Told whenever a cached translation may stop translating as before (every TLB flush or
 * invalidation, hence every CR3 load, INVLPG, paging mode or A20 change): the CPU's block dispatch
 * drops what it derived from translations.
 */
@FunctionalInterface
public interface TranslationListener {
    void translationsDropped();
}
