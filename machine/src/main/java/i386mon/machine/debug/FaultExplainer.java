package i386mon.machine.debug;

import i386mon.machine.boot.SymbolTable;
import i386mon.machine.cpu.Cpu;
import i386mon.machine.fault.CpuException;
import i386mon.machine.mmu.Access;
import i386mon.machine.mmu.FaultRule;
import i386mon.machine.mmu.InspectResult;
import i386mon.machine.mmu.Level;
import i386mon.machine.mmu.Mmu;
import i386mon.machine.mmu.Step;
import i386mon.machine.mmu.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains the exception the machine stopped on (a catchpoint) or the triple fault it shut down
 * with, from the state the CPU kept: nothing here changes the machine (walks and reads are the
 * MMU's side-effect-free inspection).
 */
public final class FaultExplainer {
    private final Cpu cpu;
    private final Mmu mmu;
    private final SymbolTable symbols;

    public FaultExplainer(Cpu cpu, Mmu mmu, SymbolTable symbols) {
        this.cpu = cpu;
        this.mmu = mmu;
        this.symbols = symbols == null ? new SymbolTable() : symbols;
    }

    /** The explanation; throws IllegalStateException when the CPU has no exception to explain. */
    public FaultExplanation explain() {
        CpuException last = cpu.lastException();
        int[] vectors = cpu.faultChain();
        if (last == null || vectors.length == 0) throw new IllegalStateException("no exception to explain: the CPU has not stopped on one");
        int[] errors = cpu.faultChainErrorCodes();
        boolean triple = cpu.shutdown();
        int eip = cpu.lastExceptionEip();
        int linearEip = cpu.segBase(Cpu.CS) + eip;
        PageFaultExplanation pf = null;
        int pfStep = -1;
        for (int i = vectors.length - 1; i >= 0; i--) {
            if (vectors[i] == CpuException.PF) { pfStep = i; break; }
        }
        if (pfStep >= 0) pf = explainPageFault(cpu.cr2(), errors[pfStep], linearEip);
        List<ChainStep> chain = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            String what;
            if (i == 0) what = i == pfStep ? pf.reason() : "raised by the instruction";
            else if (vectors[i] == CpuException.DF) what = "delivering " + CpuException.name(vectors[i - 1])
                    + " raised a fault that cannot be handled serially (SDM vol. 3, table 6-5)";
            else what = "raised while delivering " + CpuException.name(vectors[i - 1]) + (i == pfStep ? ": " + pf.reason() : "");
            String fate = i < vectors.length - 1 ? "its delivery failed: " + deliveryProblem(vectors[i])
                    : triple ? "the CPU shut down" : "about to be delivered";
            chain.add(new ChainStep(vectors[i], CpuException.name(vectors[i]), errors[i], what + "; " + fate));
        }
        int v = last.vector;
        return new FaultExplanation(triple, v, CpuException.name(v), last.hasErrorCode ? last.errorCode : -1,
                cpu.segSelector(Cpu.CS), eip, linearEip, symbols.describe(linearEip & 0xFFFF_FFFFL), pf, List.copyOf(chain));
    }

    /**
     * A page fault at {@code cr2} with {@code errorCode} (SDM vol. 3, 4.7), raised by the
     * instruction at linear {@code linearEip}, explained by walking the current tables.
     */
    public PageFaultExplanation explainPageFault(int cr2, int errorCode, int linearEip) {
        boolean write = (errorCode & Walk.ERR_WR) != 0, user = (errorCode & Walk.ERR_US) != 0;
        // I/D is only reported with PAE + NXE; otherwise a fault on the instruction's own bytes is a fetch.
        boolean fetch = (errorCode & Walk.ERR_ID) != 0
                || !write && Integer.compareUnsigned(cr2 - linearEip, 15) < 0;
        Access access = write ? Access.WRITE : fetch ? Access.EXECUTE : Access.READ;
        Walk walk = mmu.walk(mmu.cr3(), cr2, access, user);
        FaultRule rule = walk.fault();
        Step entry = null;
        String reason;
        if (rule == null) {
            reason = "the page tables allow this access now: the fault came from a stale TLB entry, or the tables changed since";
        } else {
            entry = refusingStep(walk, rule);
            reason = String.format("%s 0x%x: %s%s", entry.level(), entry.index(), rule.text(),
                    rule == FaultRule.WRITE_TO_READ_ONLY && !user ? " (CR0.WP=1)" : "");
        }
        return new PageFaultExplanation(cr2, symbols.describe(cr2 & 0xFFFF_FFFFL), errorCode, access, user,
                (errorCode & Walk.ERR_P) != 0, walk, rule, entry == null ? null : entry.level(),
                entry == null ? -1 : entry.entryAddress(), entry == null ? 0 : entry.value(), reason);
    }

    /** The entry that refused the access: the failing level, or the first level whose bits deny it (SDM 4.6). */
    private static Step refusingStep(Walk w, FaultRule rule) {
        List<Step> steps = w.steps();
        for (Step s : steps) {
            if (s.level() == Level.PDPTE && rule != FaultRule.NOT_PRESENT && rule != FaultRule.RESERVED_BIT) continue;
            switch (rule) {
                case USER_TO_SUPERVISOR: if (!s.user()) return s; break;
                case WRITE_TO_READ_ONLY: if (!s.writable()) return s; break;
                case EXECUTE_DISABLE: if (s.executeDisable()) return s; break;
                default: break;
            }
        }
        return steps.get(steps.size() - 1);
    }

    /** Why delivering {@code vector} through the current IDT fails (SDM vol. 3, 6.12.1), from the kept state. */
    String deliveryProblem(int vector) {
        int idtBase = cpu.idtrBase(), idtLimit = cpu.idtrLimit();
        int err = vector * 8 | 2 | 1;
        if (Integer.compareUnsigned(vector * 8 + 7, idtLimit) > 0) {
            return String.format("IDT entry %d lies beyond the IDT limit 0x%x (#GP(0x%x))", vector, idtLimit, err);
        }
        byte[] gate = new byte[8];
        int at = idtBase + vector * 8;
        InspectResult r = mmu.peekLinear(at, gate, 0, 8);
        if (!r.ok()) return String.format("IDT entry %d at 0x%08x cannot be read: %s (#PF)", vector, at, r.reason());
        int lo = le32(gate, 0), hi = le32(gate, 4);
        int type = (hi >>> 8) & 0x1F;
        if (type != 0x0E && type != 0x0F && type != 0x06 && type != 0x07) {
            return String.format("IDT entry %d is not an interrupt or trap gate (type 0x%x) (#GP(0x%x))", vector, type, err);
        }
        if ((hi & 0x8000) == 0) return String.format("IDT entry %d is not present (#NP(0x%x))", vector, err);
        int sel = lo >>> 16;
        if ((sel & 0xFFFC) == 0) return String.format("IDT entry %d has a null code selector (#GP)", vector);
        int handler = (lo & 0xFFFF) | (hi & 0xFFFF0000);
        if (cpu.cpl() == 0) {
            // Same-privilege delivery pushes EFLAGS, CS, EIP and maybe an error code below ESP.
            int top = cpu.segBase(Cpu.SS) + cpu.reg(Cpu.ESP);
            for (int off = 4; off <= 16; off += 4) {
                Walk w = mmu.walk(top - off, Access.WRITE, false);
                if (!w.ok()) return String.format("pushing the frame at 0x%08x faults: %s (#PF)", top - off, w.reason());
            }
        }
        return String.format("IDT entry %d is a gate to %04x:%08x; the handler's code segment or stack refused it", vector, sel, handler);
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 3] & 0xFF) << 24;
    }
}
