package i386mon.shell.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.debug.DebugTarget;
import i386mon.machine.debug.Watchpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every packet the stub answers, and the malformed forms of each, on the booted demo kernel. */
class PacketHandlerTest {
    private final DemoMachine m = new DemoMachine("");
    private final DebugTarget t = m.session.target();

    private static String le32(int v) {
        return Hex.littleEndian(v & 0xFFFF_FFFFL, 4);
    }

    @Test
    void qSupportedOffersPacketSizeTheTargetDescriptionVContNoAckAndReverse() {
        assertEquals("PacketSize=4000;qXfer:features:read+;vContSupported+;QStartNoAckMode+;ReverseStep+;ReverseContinue+",
                m.reply("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386"));
    }

    @Test
    void targetXmlIncludesQemusI386Description() {
        String r = m.reply("qXfer:features:read:target.xml:0,ffb");
        assertTrue(r.startsWith("l<?xml"), r);
        assertTrue(r.contains("<architecture>i386</architecture>") && r.contains("href=\"i386-32bit.xml\""), r);
    }

    @Test
    void descriptionIsReadInPartsUntilTheLastOne() {
        StringBuilder doc = new StringBuilder();
        int off = 0;
        while (true) {
            String r = m.reply(String.format("qXfer:features:read:i386-32bit.xml:%x,100", off));
            doc.append(r.substring(1));
            off += r.length() - 1;
            if (r.charAt(0) == 'l') break;
            assertEquals('m', r.charAt(0));
        }
        String xml = doc.toString().replaceAll("(?s)<!--.*?-->", ""); // QEMU's file comments some registers out
        int regs = xml.split("<reg ", -1).length - 1;
        assertEquals(GdbRegisters.ALL.size(), regs, "one <reg> per register the g packet sends");
        for (GdbRegisters.Register r : GdbRegisters.ALL) {
            assertTrue(xml.contains("name=\"" + r.name() + "\" bitsize=\"" + r.bytes() * 8 + "\""), r.name());
        }
    }

    @Test
    void unknownAnnexAndMalformedOffsetsAreErrors() {
        assertEquals("E00", m.reply("qXfer:features:read:nosuch.xml:0,ffb"));
        assertEquals("E22", m.reply("qXfer:features:read:target.xml:zz,ffb"));
        assertEquals("E22", m.reply("qXfer:features:read:target.xml"));
        assertEquals("l", m.reply("qXfer:features:read:target.xml:ffff,10"));
    }

    @Test
    void gSendsAllRegistersInQemusOrderAndSize() {
        String g = m.reply("g");
        assertEquals(344 * 2, g.length());
        assertEquals(le32(t.reg(0)), g.substring(0, 8));
        assertEquals(le32(t.eip()), g.substring(8 * 8, 9 * 8));
        assertEquals(le32(t.eflags()), g.substring(9 * 8, 10 * 8));
        assertEquals(le32(t.segSelector(DebugTarget.SEG_CS)), g.substring(10 * 8, 11 * 8));
        assertEquals(le32(t.cr0()), g.substring(19 * 8, 20 * 8));
    }

    @Test
    void unmodelledRegistersReadAsTheirResetValues() {
        assertEquals("7f030000", m.reply("p21"), "fctrl");
        assertEquals("801f0000", m.reply("p31"), "mxcsr");
        assertEquals("00000000000000000000", m.reply("p19"), "st0");
        assertEquals("0".repeat(32), m.reply("p29"), "xmm0");
    }

    @Test
    void pReadsOneRegisterAndAnUnknownOneIsE14() {
        assertEquals(le32(t.eip()), m.reply("p8"));
        assertEquals("E14", m.reply("p32"));
        assertEquals("E22", m.reply("pxyz"));
        assertEquals("E22", m.reply("p"));
    }

    @Test
    void pWritesGeneralRegistersEipAndEflags() {
        assertEquals("OK", m.reply("P0=78563412"));
        assertEquals(0x12345678, t.reg(0));
        assertEquals("OK", m.reply("P8=00001000"));
        assertEquals(0x00100000, t.eip());
    }

    @Test
    void malformedPIsE22AndAnUnwritableRegisterKeepsItsValue() {
        assertEquals("E22", m.reply("P0"));
        assertEquals("E22", m.reply("P0=1234"), "too short for a 32-bit register");
        assertEquals("E22", m.reply("P0=zz563412"));
        int fsBase = t.segBase(DebugTarget.SEG_FS);
        assertEquals("E22", m.reply("P10=" + le32(fsBase ^ 0x1000)), "fs_base is not written");
        assertEquals(fsBase, t.segBase(DebugTarget.SEG_FS));
        assertEquals("OK", m.reply("P10=" + le32(fsBase)), "writing the value it has is accepted (G writes all)");
    }

    @Test
    void gWritesBackWhatGRead() {
        String g = m.reply("g");
        String changed = "efbeadde" + g.substring(8);
        assertEquals("OK", m.reply("G" + changed));
        assertEquals(0xDEADBEEF, t.reg(0));
        assertEquals("E22", m.reply("G1234"));
    }

    @Test
    void mReadsGuestMemoryByLinearAddress() {
        int a = m.symbol("kmain");
        byte[] b = new byte[4];
        t.readLinear(a, b, 0, 4);
        assertEquals(Hex.of(b, 0, 4), m.reply(String.format("m%x,4", a)));
    }

    @Test
    void unmappedMemoryIsE14() {
        assertEquals("E14", m.reply("mfffffff0,4"));
    }

    @Test
    void malformedMemoryRequestsAreE22() {
        assertEquals("E22", m.reply("m100000"));
        assertEquals("E22", m.reply("mzz,4"));
        assertEquals("E22", m.reply("m100000,123456789"), "a length of more than 32 bits");
        assertEquals("E22", m.reply("m1000000000,4"), "an address beyond 32 bits");
    }

    @Test
    void anAbsurdLengthIsAnsweredWithWhatFitsInAPacket() {
        String r = m.reply("m100000,ffffffff");
        assertEquals(PacketHandler.MAX_MEMORY * 2, r.length());
    }

    @Test
    void mWritesHexAndXWritesBinary() {
        int a = 0x8000;
        assertEquals("OK", m.reply(String.format("M%x,2:abcd", a)));
        assertEquals("abcd", m.reply(String.format("m%x,2", a)));
        String binary = new String(new byte[] {'#', '}', 0, (byte) 0xff}, StandardCharsets.ISO_8859_1);
        assertEquals("OK", m.reply(String.format("X%x,4:", a) + binary));
        assertEquals("237d00ff", m.reply(String.format("m%x,4", a)));
        assertEquals("OK", m.reply(String.format("X%x,0:", a)), "gdb probes X with an empty write");
    }

    @Test
    void malformedAndUnmappedWritesAreRefused() {
        assertEquals("E22", m.reply("M8000,2:abc"));
        assertEquals("E22", m.reply("M8000,4:abcd"), "fewer bytes than the length");
        assertEquals("E22", m.reply("M8000,2"));
        assertEquals("E14", m.reply("Mfffffff0,2:abcd"));
        assertEquals("E22", m.reply("X8000,3:ab"));
    }

    @Test
    void physicalMemoryModeReadsByPhysicalAddress() {
        assertEquals("0", m.reply("qqemu.PhyMemMode"));
        assertEquals("OK", m.reply("Qqemu.PhyMemMode:1"));
        assertEquals("1", m.reply("qqemu.PhyMemMode"));
        byte[] b = new byte[4];
        t.readPhysical(0x100000, b, 0, 4);
        assertEquals(Hex.of(b, 0, 4), m.reply("m100000,4"));
        assertEquals("E14", m.reply("m10000000,4"), "beyond the 64 MiB of RAM");
        assertEquals("E22", m.reply("Qqemu.PhyMemMode:2"));
        assertEquals("OK", m.reply("Qqemu.PhyMemMode:0"));
    }

    @Test
    void continueAndStepResumeWithAnOptionalAddress() {
        assertEquals(PacketHandler.Kind.CONTINUE, m.handler.handle("c").kind());
        assertEquals(PacketHandler.Kind.STEP, m.handler.handle("s").kind());
        assertEquals(PacketHandler.Kind.CONTINUE, m.handler.handle("c100010").kind());
        assertEquals(0x100010, t.eip());
        assertEquals(PacketHandler.Kind.STEP, m.handler.handle("S05").kind());
        assertEquals(PacketHandler.Kind.CONTINUE, m.handler.handle("C0b;100000").kind());
        assertEquals(0x100000, t.eip());
        assertEquals("E22", m.reply("cxyz"));
        assertEquals("E22", m.reply("Cxyz"));
    }

    @Test
    void vContResumesOurThread() {
        assertEquals("vCont;c;C;s;S", m.reply("vCont?"));
        assertEquals(PacketHandler.Kind.STEP, m.handler.handle("vCont;s:1;c").kind());
        assertEquals(PacketHandler.Kind.CONTINUE, m.handler.handle("vCont;c").kind());
        assertEquals(PacketHandler.Kind.CONTINUE, m.handler.handle("vCont;C05:-1").kind());
        assertEquals(PacketHandler.Kind.CONTINUE, m.handler.handle("vCont;s:7;c").kind(), "thread 7 does not exist");
        assertEquals("E22", m.reply("vCont;x"));
        assertEquals("E22", m.reply("vCont;Czz"));
        assertEquals("E22", m.reply("vCont;"));
    }

    @Test
    void oneThreadPerCpu() {
        assertEquals("QC1", m.reply("qC"));
        assertEquals("m1", m.reply("qfThreadInfo"));
        assertEquals("l", m.reply("qsThreadInfo"));
        assertEquals("OK", m.reply("Hg0"));
        assertEquals("OK", m.reply("Hc-1"));
        assertEquals("OK", m.reply("Hg1"));
        assertEquals("E22", m.reply("Hg2"));
        assertEquals("OK", m.reply("T1"));
        assertEquals("E01", m.reply("T2"));
        String info = new String(Hex.bytes(m.reply("qThreadExtraInfo,1")), StandardCharsets.UTF_8);
        assertTrue(info.startsWith("CPU 0 ["), info);
        assertEquals("E01", m.reply("qThreadExtraInfo,9"));
    }

    @Test
    void simpleQueriesAnswerAsQemuDoes() {
        assertEquals("1", m.reply("qAttached"));
        assertEquals("1", m.reply("qAttached:1"));
        assertEquals("Text=0;Data=0;Bss=0", m.reply("qOffsets"));
        assertEquals("OK", m.reply("qSymbol::"));
        assertEquals("T05thread:1;", m.reply("?"));
    }

    @Test
    void unknownPacketsGetTheEmptyReply() {
        assertEquals("", m.reply("vMustReplyEmpty"));
        assertEquals("", m.reply("qTStatus"));
        assertEquals("", m.reply("!"));
        assertEquals("", m.reply("QNonStop:1"));
        assertEquals("", m.reply(""));
        assertEquals("", m.reply("Z9,100000,1"));
    }

    @Test
    void softwareBreakpointGoesInTheCpuNotInGuestMemory() {
        int a = m.symbol("kmain");
        byte[] before = new byte[1], after = new byte[1];
        t.readLinear(a, before, 0, 1);
        assertEquals("OK", m.reply(String.format("Z0,%x,1", a)));
        t.readLinear(a, after, 0, 1);
        assertTrue(t.hasBreakpoint(a));
        assertEquals(before[0], after[0], "no int3 written");
        assertEquals("OK", m.reply(String.format("z0,%x,1", a)));
        assertFalse(t.hasBreakpoint(a));
    }

    @Test
    void removingOurBreakpointKeepsTheMonitorsAtTheSameAddress() {
        int a = m.symbol("kmain");
        m.dispatcher.execute("break kmain");
        assertEquals("OK", m.reply(String.format("Z1,%x,1", a)));
        assertEquals("OK", m.reply(String.format("z1,%x,1", a)));
        assertTrue(t.hasBreakpoint(a));
    }

    @Test
    void watchpointPacketsSetLinearWatchpointsOfEachKind() {
        assertEquals("OK", m.reply("Z2,8000,4"));
        assertEquals("OK", m.reply("Z3,9000,2"));
        assertEquals("OK", m.reply("Z4,a000,1"));
        List<Watchpoint> w = t.debugger().watchpoints().list();
        assertEquals(3, w.size());
        assertEquals("watchpoint 1: linear 0x00008000 len 4 (w)", w.get(0).toString());
        assertEquals("watchpoint 2: linear 0x00009000 len 2 (r)", w.get(1).toString());
        assertEquals("watchpoint 3: linear 0x0000a000 len 1 (rw)", w.get(2).toString());
        assertEquals("OK", m.reply("z3,9000,2"));
        assertEquals(2, t.debugger().watchpoints().list().size());
    }

    @Test
    void malformedBreakpointPacketsAreE22() {
        assertEquals("E22", m.reply("Z0,100000"));
        assertEquals("E22", m.reply("Z0,xyz,1"));
        assertEquals("E22", m.reply("Z2,8000,0"), "a watchpoint of no bytes");
        assertEquals("E22", m.reply("Z2,fffffffe,ffff"), "beyond the address space");
    }

    @Test
    void monitorRunsAnI386monCommandAndSendsItsText() {
        PacketHandler.Action a = m.handler.handle("qRcmd," + Hex.of("info tlb"));
        assertEquals(PacketHandler.Kind.REPLY, a.kind());
        assertEquals("OK", a.replies().get(a.replies().size() - 1));
        assertTrue(a.replies().get(0).startsWith("O"));
        String text = new String(Hex.bytes(a.replies().get(0).substring(1)), StandardCharsets.UTF_8);
        assertTrue(text.contains("PG disabled"), text);
        assertEquals("", m.console.toString(), "nothing on the monitor's own console");
    }

    @Test
    void longMonitorOutputComesInPacketSizedParts() {
        PacketHandler.Action a = m.handler.handle("qRcmd," + Hex.of("x/2000x 0x100000"));
        assertTrue(a.replies().size() > 2, "several O packets");
        StringBuilder hex = new StringBuilder();
        for (String r : a.replies().subList(0, a.replies().size() - 1)) {
            assertTrue(r.length() <= GdbServer.PACKET_SIZE, "fits a packet: " + r.length());
            hex.append(r.substring(1));
        }
        String text = new String(Hex.bytes(hex.toString()), StandardCharsets.UTF_8);
        assertEquals(500, text.split("\n").length, "2000 words, 4 to a line");
    }

    @Test
    void aFailingMonitorCommandSendsItsErrorLine() {
        PacketHandler.Action a = m.handler.handle("qRcmd," + Hex.of("nosuchcommand"));
        String text = new String(Hex.bytes(a.replies().get(0).substring(1)), StandardCharsets.UTF_8);
        assertEquals("unknown command: nosuchcommand (type help for the list)\n", text);
        assertEquals("E22", m.reply("qRcmd,zz"));
    }

    @Test
    void detachKillAndNoAckAreForTheServer() {
        assertEquals(new PacketHandler.Action(PacketHandler.Kind.DETACH, List.of("OK")), m.handler.handle("D"));
        assertEquals(new PacketHandler.Action(PacketHandler.Kind.DETACH, List.of("OK")), m.handler.handle("D;1"));
        assertEquals(PacketHandler.Kind.KILL, m.handler.handle("k").kind());
        assertEquals(PacketHandler.Kind.KILL, m.handler.handle("vKill;1").kind());
        assertEquals(new PacketHandler.Action(PacketHandler.Kind.NO_ACK, List.of("OK")), m.handler.handle("QStartNoAckMode"));
    }
}
