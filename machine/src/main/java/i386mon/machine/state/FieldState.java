package i386mon.machine.state;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A device's state read from and written to its fields, so that every field a device has is in
 * every snapshot without a save/restore method to keep in step with it. Saved: every non-final
 * field of a primitive, boxed, String or enum type; the contents of primitive arrays; collections
 * of boxed numbers (a FIFO); and, recursively, objects the device owns (a PIC pair's two chips, a
 * PIT's channels). Not saved, because they are wiring set up at construction or attach: final
 * primitives and Strings (configuration), fields of an interface type other than a collection
 * (IRQ sinks, time sources, callbacks), fields of a {@link #wiring} class, and references to other devices ({@code others}).
 * Any other field is refused with its name, so a device cannot silently leave state out: give it
 * a supported type, or a {@link Stateful} implementation of its own.
 */
public final class FieldState {
    /** Shared parts of the machine a device is wired to, saved elsewhere or not state at all. */
    private static final Set<String> WIRING = Set.of(
            "i386mon.machine.board.Board", "i386mon.machine.memory.PhysicalMemory", "i386mon.machine.apic.ApicBus",
            "i386mon.machine.clock.VirtualClock", "i386mon.machine.io.IoBus", "i386mon.machine.interrupts.InterruptRouter");

    private FieldState() { }

    /** True if {@code type} is a shared part of the machine rather than a device's own state. */
    static boolean wiring(Class<?> type) {
        // a collection or map holds state even when declared by its interface (a FIFO as a Deque)
        boolean container = Collection.class.isAssignableFrom(type) || java.util.Map.class.isAssignableFrom(type);
        return type.isInterface() && !container || WIRING.contains(type.getName());
    }

    /** Saves {@code device}'s fields; {@code others} are the other devices (references to them are wiring). */
    public static void save(Object device, StateWriter out, Set<Object> others) {
        for (Field f : fields(device.getClass())) {
            try {
                saveField(f, f.get(device), out, others);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Restores what {@link #save} wrote into the same kind of device. */
    public static void restore(Object device, StateReader in, Set<Object> others) {
        for (Field f : fields(device.getClass())) {
            try {
                restoreField(f, device, in, others);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The fields that hold state, in a fixed order (class by class from the device's own, by name). */
    static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            List<Field> own = new ArrayList<>();
            for (Field f : k.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) continue;
                Class<?> t = f.getType();
                boolean fin = Modifier.isFinal(m);
                if (fin && (t.isPrimitive() || t == String.class)) continue; // configuration
                if (!t.isArray() && wiring(t)) continue;
                f.setAccessible(true);
                own.add(f);
            }
            own.sort(Comparator.comparing(Field::getName));
            out.addAll(own);
        }
        return out;
    }

    private static String name(Field f) { return f.getDeclaringClass().getSimpleName() + "." + f.getName(); }

    private static void saveField(Field f, Object v, StateWriter out, Set<Object> others) {
        Class<?> t = f.getType();
        if (others.contains(v)) return;
        if (t.isPrimitive() || isScalar(t)) {
            out.bool(v != null);
            if (v != null) saveScalar(v, out);
        } else if (t.isArray() && t.getComponentType().isPrimitive()) {
            saveArray(v, out);
        } else if (t.isArray()) {
            int n = Array.getLength(v);
            out.i32(n);
            for (int i = 0; i < n; i++) save(Array.get(v, i), out, others);
        } else if (Collection.class.isAssignableFrom(t) && boxedElements(f)) {
            Collection<?> c = (Collection<?>) v;
            out.i32(c.size());
            for (Object e : c) saveScalar(e, out);
        } else if (Modifier.isFinal(f.getModifiers()) && t.getName().startsWith("i386mon.")) {
            save(v, out, others);
        } else {
            throw new IllegalStateException(name(f) + " (" + t.getSimpleName() + ") cannot be saved in a snapshot: "
                    + "give it a primitive, array or owned-object type, or the device its own Stateful state");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void restoreField(Field f, Object o, StateReader in, Set<Object> others) throws IllegalAccessException {
        Class<?> t = f.getType();
        Object v = f.get(o);
        if (others.contains(v)) return;
        if (t.isPrimitive() || isScalar(t)) {
            Object nv = in.bool() ? readScalar(t, in) : null;
            if (t.isPrimitive() && nv == null) throw new StateFormatException("the saved state of " + name(f) + " is corrupted");
            f.set(o, nv);
        } else if (t.isArray() && t.getComponentType().isPrimitive()) {
            Object nv = readArray(t.getComponentType(), in);
            if (nv == null || v == null) {
                if (nv != v && Modifier.isFinal(f.getModifiers())) throw new StateFormatException("the saved state of " + name(f) + " has another size");
                if (!Modifier.isFinal(f.getModifiers())) f.set(o, nv);
            } else if (Modifier.isFinal(f.getModifiers())) {
                if (v == null || Array.getLength(v) != Array.getLength(nv)) throw new StateFormatException("the saved state of " + name(f) + " has another size");
                System.arraycopy(nv, 0, v, 0, Array.getLength(nv));
            } else {
                f.set(o, nv);
            }
        } else if (t.isArray()) {
            int n = in.i32();
            if (n != Array.getLength(v)) throw new StateFormatException("the saved state of " + name(f) + " has another size");
            for (int i = 0; i < n; i++) restore(Array.get(v, i), in, others);
        } else if (Collection.class.isAssignableFrom(t) && boxedElements(f)) {
            Class<?> e = elementType(f);
            Collection c = (Collection) v;
            c.clear();
            int n = in.i32();
            for (int i = 0; i < n; i++) c.add(readScalar(e, in));
        } else {
            restore(v, in, others);
        }
    }

    private static boolean isScalar(Class<?> t) {
        return t == Integer.class || t == Long.class || t == Byte.class || t == Short.class || t == Boolean.class
                || t == Character.class || t == String.class || t.isEnum();
    }

    private static boolean boxedElements(Field f) {
        Class<?> e = elementType(f);
        return e != null && isScalar(e) && !e.isEnum();
    }

    private static Class<?> elementType(Field f) {
        Type g = f.getGenericType();
        if (g instanceof ParameterizedType p && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] instanceof Class<?> c) return c;
        return null;
    }

    private static void saveScalar(Object v, StateWriter out) {
        if (v instanceof Boolean b) out.bool(b);
        else if (v instanceof Long l) out.i64(l);
        else if (v instanceof Number n) out.i32(n.intValue());
        else if (v instanceof Character c) out.i32(c);
        else if (v instanceof String s) out.str(s);
        else out.i32(((Enum<?>) v).ordinal());
    }

    private static Object readScalar(Class<?> t, StateReader in) {
        if (t == boolean.class || t == Boolean.class) return in.bool();
        if (t == long.class || t == Long.class) return in.i64();
        if (t == int.class || t == Integer.class) return in.i32();
        if (t == byte.class || t == Byte.class) return (byte) in.i32();
        if (t == short.class || t == Short.class) return (short) in.i32();
        if (t == char.class || t == Character.class) return (char) in.i32();
        if (t == String.class) return in.str();
        Object[] values = t.getEnumConstants();
        int i = in.i32();
        if (i < 0 || i >= values.length) throw new StateFormatException("the saved state has no " + t.getSimpleName() + " #" + i);
        return values[i];
    }

    private static void saveArray(Object v, StateWriter out) {
        out.bool(v != null);
        if (v == null) return;
        if (v instanceof int[] a) out.ints(a);
        else if (v instanceof long[] a) out.longs(a);
        else if (v instanceof byte[] a) out.bytes(a);
        else if (v instanceof boolean[] a) out.bools(a);
        else throw new IllegalStateException(v.getClass().getSimpleName() + " arrays cannot be saved in a snapshot");
    }

    private static Object readArray(Class<?> component, StateReader in) {
        if (!in.bool()) return null;
        if (component == int.class) return in.ints();
        if (component == long.class) return in.longs();
        if (component == byte.class) return in.bytes();
        if (component == boolean.class) return in.bools();
        throw new StateFormatException(component + " arrays cannot be restored");
    }
}
