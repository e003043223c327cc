package i386mon.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest kernel images bundled in this jar, so the shell can boot one without a path.
 * The build writes an index, {@code i386mon/kernel/images.txt}, one {@code name<TAB>description}
 * per line; images are looked up by that name.
 */
public final class KernelImages {

    /** The image booted when none is named: the identity-linked demo kernel. */
    public static final String DEFAULT = "demo.elf";

    /** The demo kernel linked at 0xC0100000 and loaded at 1 MiB. */
    public static final String HIGHER_HALF = "demo-higher-half.elf";

    private static final String DIR = "i386mon/kernel/";
    private static final String INDEX = DIR + "images.txt";

    private KernelImages() {
    }

    /** The bundled image names, in index order. */
    public static List<String> names() {
        return List.copyOf(index().keySet());
    }

    /** A one-line description of the named image. */
    public static String description(String name) {
        requireKnown(name);
        return index().get(name);
    }

    /** Opens the named image; the caller closes the stream. */
    public static InputStream open(String name) {
        requireKnown(name);
        InputStream in = KernelImages.class.getClassLoader().getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("kernel image '" + name + "' is listed but missing from the classpath");
        }
        return in;
    }

    /** The named image's bytes. */
    public static byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel image '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void requireKnown(String name) {
        if (name == null || !index().containsKey(name)) {
            throw new IllegalArgumentException("no bundled kernel image '" + name + "' (available: "
                    + String.join(", ", index().keySet()) + ")");
        }
    }

    private static Map<String, String> index() {
        InputStream in = KernelImages.class.getClassLoader().getResourceAsStream(INDEX);
        if (in == null) {
            throw new IllegalStateException("no kernel image index " + INDEX
                    + " on the classpath (was the kernel module built?)");
        }
        Map<String, String> images = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String name = tab < 0 ? line.strip() : line.substring(0, tab).strip();
                String description = tab < 0 ? "" : line.substring(tab + 1).strip();
                images.put(name, description);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX + ": " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(images);
    }
}
