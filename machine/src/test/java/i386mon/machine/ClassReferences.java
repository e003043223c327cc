package i386mon.machine;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a class file refers to, read from its constant pool (JVMS 4.4): class entries, and
 * the types named in field and method descriptors and generic signatures. Constants that javac
 * inlines (static final primitives and strings) leave no trace, as in any class-file analysis.
 */
public final class ClassReferences {
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

    private ClassReferences() { }

    /** Binary names (dots, with $ for nested classes) of the classes {@code classFile} refers to. */
    public static Set<String> of(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int classes = 0;
        for (int k = 1; k < count; k++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[k] = in.readUTF();
                case 7 -> classNames[classes++] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort(); // String, MethodType, Module, Package
                case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); } // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, the refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> { in.readLong(); k++; } // Long and Double take two slots
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> names = new TreeSet<>();
        for (int k = 0; k < classes; k++) {
            String name = utf8[classNames[k]];
            if (name.startsWith("[")) addDescriptorTypes(name, names);
            else names.add(name.replace('/', '.'));
        }
        // descriptors and signatures are plain UTF-8 entries; other strings rarely look like "Lpkg/Name;"
        for (String s : utf8) if (s != null && s.indexOf('/') > 0) addDescriptorTypes(s, names);
        return names;
    }

    private static void addDescriptorTypes(String descriptor, Set<String> names) {
        Matcher m = TYPE_IN_DESCRIPTOR.matcher(descriptor);
        while (m.find()) names.add(m.group(1).replace('/', '.'));
    }
}
