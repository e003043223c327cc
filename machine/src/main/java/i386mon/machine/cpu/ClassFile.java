package i386mon.machine.cpu;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a JVM class-file writer for {@link BlockCompiler}: one final class extending a
 * given superclass, a no-argument constructor and one method. Version 49 class files are checked
 * by the type-inferring verifier, so no stack map frames are needed.
 */
final class ClassFile {
    // opcodes used by the block compiler
    static final int ICONST_0 = 0x03, BIPUSH = 0x10, SIPUSH = 0x11, LDC_W = 0x13, ILOAD = 0x15, ALOAD = 0x19,
            ISTORE = 0x36, ASTORE = 0x3A, IALOAD = 0x2E, AALOAD = 0x32, IASTORE = 0x4F,
            IADD = 0x60, ISUB = 0x64, IMUL = 0x68, I2B = 0x91, I2S = 0x93, ISHL = 0x78, ISHR = 0x7A, IUSHR = 0x7C, IAND = 0x7E, IOR = 0x80, IXOR = 0x82,
            IFEQ = 0x99, IFNE = 0x9A, IFLT = 0x9B, IFGE = 0x9C, IFGT = 0x9D, IFLE = 0x9E,
            IF_ICMPEQ = 0x9F, IF_ICMPNE = 0xA0, IF_ICMPLT = 0xA1, IF_ICMPGE = 0xA2, IF_ICMPGT = 0xA3, IF_ICMPLE = 0xA4,
            GOTO = 0xA7, IRETURN = 0xAC, RETURN = 0xB1, GETFIELD = 0xB4, PUTFIELD = 0xB5, INVOKEVIRTUAL = 0xB6,
            INVOKESPECIAL = 0xB7, INVOKESTATIC = 0xB8,
            LCONST_0 = 0x09, ATHROW = 0xBF, LLOAD = 0x16, LSTORE = 0x37, LADD = 0x61, LSUB = 0x65, IFNULL = 0xC6, I2L = 0x85, L2I = 0x88, LCMP = 0x94, LRETURN = 0xAD;

    // the 64-bit product of a one-operand MUL/IMUL
    static final int LMUL = 0x69, LAND = 0x7F, LUSHR = 0x7D, DUP2 = 0x5C;

    private final List<byte[]> pool = new ArrayList<>();
    private final Map<String, Integer> poolIndex = new HashMap<>();

    private int add(String key, byte[] entry) {
        Integer i = poolIndex.get(key);
        if (i != null) return i;
        pool.add(entry);
        int index = pool.size();
        poolIndex.put(key, index);
        return index;
    }

    private static byte[] bytes(int tag, int... u2) {
        byte[] b = new byte[1 + 2 * u2.length];
        b[0] = (byte) tag;
        for (int k = 0; k < u2.length; k++) {
            b[1 + 2 * k] = (byte) (u2[k] >>> 8);
            b[2 + 2 * k] = (byte) u2[k];
        }
        return b;
    }

    int utf8(String s) {
        byte[] u = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = new byte[3 + u.length];
        b[0] = 1;
        b[1] = (byte) (u.length >>> 8);
        b[2] = (byte) u.length;
        System.arraycopy(u, 0, b, 3, u.length);
        return add("U" + s, b);
    }

    int classRef(String internalName) { return add("C" + internalName, bytes(7, utf8(internalName))); }

    int integer(int v) {
        return add("I" + v, new byte[] {3, (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private int nameAndType(String name, String desc) { return add("N" + name + ":" + desc, bytes(12, utf8(name), utf8(desc))); }

    int field(String owner, String name, String desc) {
        return add("F" + owner + "." + name + ":" + desc, bytes(9, classRef(owner), nameAndType(name, desc)));
    }

    int method(String owner, String name, String desc) {
        return add("M" + owner + "." + name + ":" + desc, bytes(10, classRef(owner), nameAndType(name, desc)));
    }

    /** Method code under construction, with forward-branch patching. */
    static final class Code {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ClassFile cf;

        /** Exception handlers: {start, end, handler} code positions, any exception (catch type 0). */
        final List<int[]> handlers = new ArrayList<>();

        Code(ClassFile cf) { this.cf = cf; }

        /** Any exception thrown in [start, end) goes to {@code handler}, with it alone on the stack. */
        void handler(int start, int end, int handler) {
            if (end > start) handlers.add(new int[] {start, end, handler});
        }

        int pc() { return out.size(); }

        Code op(int opcode) { out.write(opcode); return this; }

        Code u1(int v) { out.write(v); return this; }

        Code u2(int v) { out.write(v >>> 8); out.write(v); return this; }

        Code iconst(int v) {
            if (v >= -1 && v <= 5) return op(ICONST_0 + v);
            if (v >= -128 && v <= 127) return op(BIPUSH).u1(v);
            if (v >= -32768 && v <= 32767) return op(SIPUSH).u2(v);
            return op(LDC_W).u2(cf.integer(v));
        }

        Code iload(int n) { return op(ILOAD).u1(n); }

        Code istore(int n) { return op(ISTORE).u1(n); }

        Code aload(int n) { return op(ALOAD).u1(n); }

        Code lload(int n) { return op(LLOAD).u1(n); }

        Code lstore(int n) { return op(LSTORE).u1(n); }

        /** Pushes an int constant widened to long. */
        Code lconst(int v) { return iconst(v).op(I2L); }

        Code astore(int n) { return op(ASTORE).u1(n); }

        Code iinc(int local, int delta) { return op(0x84).u1(local).u1(delta); }

        Code getfield(String owner, String name, String desc) { return op(GETFIELD).u2(cf.field(owner, name, desc)); }

        Code putfield(String owner, String name, String desc) { return op(PUTFIELD).u2(cf.field(owner, name, desc)); }

        Code invokestatic(String owner, String name, String desc) { return op(INVOKESTATIC).u2(cf.method(owner, name, desc)); }

        Code invokevirtual(String owner, String name, String desc) { return op(INVOKEVIRTUAL).u2(cf.method(owner, name, desc)); }

        /** Emits a branch with a placeholder offset; returns the position to {@link #patch}. */
        int branch(int opcode) {
            int at = pc();
            op(opcode).u2(0);
            return at;
        }

        /** Points the branch emitted at {@code at} to {@code target}. */
        void patch(int at, int target) {
            byte[] b = out.toByteArray();
            int off = target - at;
            b[at + 1] = (byte) (off >>> 8);
            b[at + 2] = (byte) off;
            out.reset();
            out.write(b, 0, b.length);
        }

        /** A branch back to an earlier position. */
        void branchTo(int opcode, int target) {
            int at = pc();
            op(opcode).u2(target - at);
        }
    }

    /**
     * The class file of a final class {@code name} extending {@code superName} with a no-argument
     * constructor and one method with the given code.
     */
    byte[] build(String name, String superName, String methodName, String methodDesc, Code code, int maxStack, int maxLocals) {
        int thisClass = classRef(name), superClass = classRef(superName);
        int init = utf8("<init>"), voidDesc = utf8("()V"), codeAttr = utf8("Code");
        int superInit = method(superName, "<init>", "()V");
        int mName = utf8(methodName), mDesc = utf8(methodDesc);
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(bos);
            d.writeInt(0xCAFEBABE);
            d.writeShort(0);
            d.writeShort(49);
            d.writeShort(pool.size() + 1);
            for (byte[] e : pool) d.write(e);
            d.writeShort(0x0030); // ACC_FINAL | ACC_SUPER
            d.writeShort(thisClass);
            d.writeShort(superClass);
            d.writeShort(0); // interfaces
            d.writeShort(0); // fields
            d.writeShort(2); // methods
            // constructor: aload_0; invokespecial super.<init>; return
            d.writeShort(0x0000);
            d.writeShort(init);
            d.writeShort(voidDesc);
            d.writeShort(1);
            d.writeShort(codeAttr);
            byte[] ctor = {0x2A, (byte) INVOKESPECIAL, (byte) (superInit >>> 8), (byte) superInit, (byte) RETURN};
            d.writeInt(12 + ctor.length);
            d.writeShort(1);
            d.writeShort(1);
            d.writeInt(ctor.length);
            d.write(ctor);
            d.writeShort(0);
            d.writeShort(0);
            // the method
            byte[] body = code.out.toByteArray();
            d.writeShort(0x0001); // ACC_PUBLIC
            d.writeShort(mName);
            d.writeShort(mDesc);
            d.writeShort(1);
            d.writeShort(codeAttr);
            d.writeInt(12 + body.length + 8 * code.handlers.size());
            d.writeShort(maxStack);
            d.writeShort(maxLocals);
            d.writeInt(body.length);
            d.write(body);
            d.writeShort(code.handlers.size());
            for (int[] h : code.handlers) {
                d.writeShort(h[0]);
                d.writeShort(h[1]);
                d.writeShort(h[2]);
                d.writeShort(0);
            }
            d.writeShort(0);
            d.writeShort(0); // class attributes
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
