package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import i386mon.kernel.KernelImages;
import i386mon.machine.boot.ElfFile;
import i386mon.shell.session.EmulatorLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tours in scripts/: each runs twice with identical output, and matches its golden
 * transcript (NAME.out) when the bundled kernels are the ones the transcripts were recorded with
 * (scripts/tours.kernels; a different gcc builds different kernels, with other addresses).
 * Regenerate after a deliberate change: {@code mvn -pl shell -am test -Dtest=ToursTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Di386mon.golden=update}.
 */
class ToursTest {
    private static final Path SCRIPTS = Path.of("..", "scripts");
    private static final Path KERNELS = SCRIPTS.resolve("tours.kernels");
    private static final boolean UPDATE = "update".equals(System.getProperty("i386mon.golden"));

    @TempDir Path home;

    static Stream<String> tours() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mon")).sorted().toList().stream();
        }
    }

    private String transcript(String tour) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Launcher launcher = new Launcher(EmulatorLoader.LOADER, out, out, Map.of("HOME", home.toString()), () -> {
            throw new AssertionError("a batch run needs no terminal");
        });
        int status = launcher.run(new String[] {"--batch", "--echo", "-x", SCRIPTS.resolve(tour).toString()});
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8) + "[exit status " + status + "]\n";
    }

    @ParameterizedTest
    @MethodSource("tours")
    void runsDeterministicallyAndMatchesItsGoldenTranscript(String tour) throws Exception {
        String first = transcript(tour);
        assertEquals(first, transcript(tour), tour + " printed different output on a second run");
        Path golden = SCRIPTS.resolve(tour.replace(".mon", ".out"));
        if (UPDATE) {
            Files.writeString(golden, first, StandardCharsets.UTF_8);
            Files.writeString(KERNELS, kernelDigests(), StandardCharsets.UTF_8);
            return;
        }
        assumeTrue(Files.exists(KERNELS) && Files.readString(KERNELS).equals(kernelDigests()),
                "the bundled kernels differ from those the golden transcripts were recorded with (another gcc?); "
                        + "regenerate with -Di386mon.golden=update");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), first, tour + " differs from " + golden
                + " (if the machine or the shell changed deliberately, regenerate: mvn -pl shell -am test -Dtest=ToursTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Di386mon.golden=update, and review the diff)");
    }

    /**
     * One line per bundled image: name and SHA-256 of what a transcript depends on, the loaded
     * segments and the symbol table. The DWARF sections are left out: they hold the directory the
     * kernel was built in (DW_AT_comp_dir), which differs between checkouts of the same source.
     */
    static String kernelDigests() throws NoSuchAlgorithmException {
        StringBuilder sb = new StringBuilder();
        for (String name : List.copyOf(KernelImages.names())) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] image = KernelImages.bytes(name);
            ElfFile elf = ElfFile.parse(image);
            for (ElfFile.ProgramHeader ph : elf.programHeaders()) {
                if (ph.type() == ElfFile.PT_LOAD) sha.update(image, (int) ph.offset(), (int) ph.fileSize());
            }
            for (String section : List.of(".symtab", ".strtab")) {
                byte[] data = elf.sectionData(section);
                if (data != null) sha.update(data);
            }
            byte[] digest = sha.digest();
            sb.append(name).append(' ').append(HexFormat.of().formatHex(digest)).append('\n');
        }
        return sb.toString();
    }
}
