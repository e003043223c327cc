package i386mon.machine.cpu;

import static i386mon.machine.cpu.Cpu.AF;
import static i386mon.machine.cpu.Cpu.CF;
import static i386mon.machine.cpu.Cpu.EAX;
import static i386mon.machine.cpu.Cpu.OF;
import static i386mon.machine.cpu.Cpu.PF;
import static i386mon.machine.cpu.Cpu.SF;
import static i386mon.machine.cpu.Cpu.ZF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DAA DAS AAA AAS AAM AAD over every AL and both AF and CF inputs, against the SDM pseudocode
 * (vol. 2, each instruction's Operation section), checking only the flags the SDM defines.
 */
class BcdTest {
    /** AX after, flags after, flags defined. */
    static int[] model(String op, int ax, boolean af, boolean cf, int imm) {
        int al = ax & 0xFF, ah = (ax >>> 8) & 0xFF;
        switch (op) {
            case "daa": case "das": {
                int oldAl = al;
                boolean oldCf = cf, nAf, nCf = false;
                boolean add = op.equals("daa");
                if ((al & 0xF) > 9 || af) {
                    int t = add ? al + 6 : al - 6;
                    nCf = oldCf || (add ? t > 0xFF : t < 0);
                    al = t & 0xFF;
                    nAf = true;
                } else {
                    nAf = false;
                }
                if (oldAl > 0x99 || oldCf) {
                    al = (add ? al + 0x60 : al - 0x60) & 0xFF;
                    nCf = true;
                } else if (add) {
                    nCf = false; // DAA clears CF here; DAS keeps the borrow of the low-digit step (SDM pseudocode)
                }
                int f = Ref.szp(al, 1) | (nAf ? AF : 0) | (nCf ? CF : 0);
                return new int[] {ah << 8 | al, f, CF | AF | SF | ZF | PF};
            }
            case "aaa": case "aas": {
                boolean adj = (al & 0xF) > 9 || af;
                int r = ax;
                if (adj) r = op.equals("aaa") ? ax + 0x106 : ax - 0x106;
                r &= 0xFFFF;
                r = r & 0xFF00 | r & 0x0F;
                return new int[] {r, adj ? AF | CF : 0, AF | CF};
            }
            case "aam": {
                int nah = al / imm, nal = al % imm;
                return new int[] {nah << 8 | nal, Ref.szp(nal, 1), SF | ZF | PF};
            }
            default: { // aad
                int nal = (al + ah * imm) & 0xFF;
                return new int[] {nal, Ref.szp(nal, 1), SF | ZF | PF};
            }
        }
    }

    private static void sweep(String src, String op, int imm) {
        CpuHarness h = new CpuHarness().code(src);
        List<String> bad = new ArrayList<>();
        int[] ahs = op.startsWith("aa") ? new int[] {0x00, 0x01, 0x7F, 0xFF} : new int[] {0x5A};
        for (int ah : ahs) {
            for (int al = 0; al < 256; al++) {
                for (int fl = 0; fl < 4; fl++) {
                    boolean af = (fl & 1) != 0, cf = (fl & 2) != 0;
                    int before = (af ? AF : 0) | (cf ? CF : 0) | (fl == 3 ? OF | SF | ZF | PF : 0);
                    h.restart().set(EAX, 0x12340000 | ah << 8 | al).eflags(before).run();
                    int[] x = model(op, ah << 8 | al, af, cf, imm);
                    int gotAx = h.reg(EAX) & 0xFFFF, gotF = h.flags() & x[2];
                    if (gotAx != x[0] || gotF != x[1] || (h.reg(EAX) >>> 16) != 0x1234)
                        bad.add(String.format("%s ax=%04x af=%b cf=%b: ax %04x %s, want %04x %s", src, ah << 8 | al, af, cf, gotAx,
                                AluTest.names(gotF), x[0], AluTest.names(x[1])));
                }
            }
        }
        if (!bad.isEmpty()) fail(bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"daa", "das", "aaa", "aas"})
    void adjustAfterAddOrSubtractFollowsTheSdmForEveryInput(String op) {
        sweep(op, op, 0);
    }

    @ParameterizedTest(name = "base {0}")
    @ValueSource(ints = {10, 16, 1, 0xFF, 7})
    void aamFollowsTheSdmForEveryAlAndBase(int base) {
        sweep("aam $" + base, "aam", base);
    }

    @ParameterizedTest(name = "base {0}")
    @ValueSource(ints = {10, 16, 0, 0xFF, 7})
    void aadFollowsTheSdmForEveryAxAndBase(int base) {
        sweep("aad $" + base, "aad", base);
    }

    @Test
    void daaAfterPackedBcdAddMatchesTheSdmExample() {
        // SDM vol. 2, DAA: 79H + 35H = AEH; DAA gives 14H with CF=1 AF=1 (OSZAPC = X00111)
        CpuHarness h = new CpuHarness().code("mov $0x79, %al\n add $0x35, %al\n daa").run();
        assertEquals(0x14, h.reg(EAX) & 0xFF);
        assertEquals(AF | PF | CF, h.flags() & (SF | ZF | AF | PF | CF));
    }

    @Test
    void dasAfterPackedBcdSubtractMatchesTheSdmExample() {
        // SDM vol. 2, DAS: 35H - 47H = EEH; DAS gives 88H with OSZAPC = X10111
        CpuHarness h = new CpuHarness().code("mov $0x35, %al\n sub $0x47, %al\n das").run();
        assertEquals(0x88, h.reg(EAX) & 0xFF);
        assertEquals(SF | AF | PF | CF, h.flags() & (SF | ZF | AF | PF | CF));
    }

    @Test
    void aamWithBaseZeroRaisesDivideError() {
        CpuHarness h = new CpuHarness().code("mov $0x1234, %eax\n aam $0").run();
        assertEquals(0, h.vector());
        assertEquals(0x1234, h.reg(EAX));
        assertEquals(CpuHarness.CODE + 5, h.stack(0));
    }
}
