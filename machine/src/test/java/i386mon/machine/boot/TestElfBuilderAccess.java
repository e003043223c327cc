package i386mon.machine.boot;

/** {@link TestElfBuilder}'s kernels for tests in other packages. */
public final class TestElfBuilderAccess {
    private TestElfBuilderAccess() { }

    /** A multiboot ELF whose code is cli; hlt; jmp $-1 at 1 MiB. */
    public static byte[] minimalKernel() {
        byte[] text = TestElfBuilder.concat(TestElfBuilder.multiboot1Header(MultibootLoader.FLAG_PAGE_ALIGN | MultibootLoader.FLAG_MEMORY_INFO),
                new byte[] {(byte) 0xFA, (byte) 0xF4, (byte) 0xEB, (byte) 0xFD});
        return new TestElfBuilder().entry(0x10000C).segment(".text", 0x100000, text, 16).build();
    }
}
