package i386mon.shell.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packet framing both ways: checksums, escapes, interrupts, garbage, absurd lengths and a client gone mid-packet. */
class PacketFramingTest {
    /** What the reader reported, in order. */
    private static List<String> read(String wire) {
        List<String> seen = new ArrayList<>();
        new PacketReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), new PacketReader.Listener() {
            @Override public void packet(String body) { seen.add("packet " + body); }
            @Override public void badChecksum() { seen.add("bad checksum"); }
            @Override public void oversized() { seen.add("oversized"); }
            @Override public void interrupt() { seen.add("interrupt"); }
            @Override public void resendRequested() { seen.add("resend"); }
        }).run();
        return seen;
    }

    private static String framed(String body) {
        return new String(PacketWriter.frame(body), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aPacketWithItsChecksumIsRead() {
        assertEquals(List.of("packet g"), read("$g#67"));
        assertEquals(List.of("packet qC"), read("+$qC#b4"));
    }

    @Test
    void aWrongChecksumIsReportedAndReadingGoesOn() {
        assertEquals(List.of("bad checksum", "packet g"), read("$g#00$g#67"));
        assertEquals(List.of("bad checksum"), read("$g#zz"));
    }

    @Test
    void ctrlCBetweenPacketsIsAnInterrupt() {
        assertEquals(List.of("packet c", "interrupt"), read("$c#63\u0003"));
    }

    @Test
    void aNackAsksForTheLastPacketAgain() {
        assertEquals(List.of("resend"), read("-"));
    }

    @Test
    void garbageBetweenPacketsIsIgnored() {
        assertEquals(List.of("packet g"), read("xyz#12$g#67"));
    }

    @Test
    void aNewStartDropsAnUnfinishedPacket() {
        assertEquals(List.of("packet g"), read("$m100$g#67"));
    }

    @Test
    void escapedBytesAreRestored() {
        // X data "#}" escaped as }\u0003 }] ; the checksum covers the escaped form
        String body = "X0,2:}\u0003}]";
        int sum = 0;
        for (char c : body.toCharArray()) sum += c;
        assertEquals(List.of("packet X0,2:#}"), read("$" + body + "#" + String.format("%02x", sum & 0xFF)));
    }

    @Test
    void aPacketLongerThanWeOfferedIsReportedNotBuffered() {
        String body = "M0," + "a".repeat(PacketReader.MAX_BODY + 10);
        assertEquals(List.of("oversized", "packet g"), read(framed(body) + "$g#67"));
    }

    @Test
    void aClientGoneMidPacketEndsTheReadingQuietly() {
        assertEquals(List.of(), read("$m1000,4"));
        assertEquals(List.of(), read("$m1000,4#1"));
        assertEquals(List.of("packet g"), read("$g#67$"));
    }

    @Test
    void repliesAreFramedWithTheirChecksum() {
        assertEquals("$OK#9a", framed("OK"));
        assertEquals("$#00", framed(""));
    }

    @Test
    void specialCharactersInRepliesAreEscaped() {
        String f = framed("a#b$c}d*e");
        assertEquals("a}\u0003b}\u0004c}]d}\ne", f.substring(1, f.indexOf('#', f.length() - 3)));
        assertEquals(List.of("packet a#b$c}d*e"), read(f));
    }

    @Test
    void acksStopInNoAckMode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketWriter w = new PacketWriter(out);
        w.ack();
        w.send("OK");
        w.noAckMode();
        w.ack();
        w.nack();
        w.resend();
        w.send("E14");
        assertEquals("+$OK#9a$E14#aa", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aNackResendsTheLastPacket() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketWriter w = new PacketWriter(out);
        w.send("OK");
        w.resend();
        assertEquals("$OK#9a$OK#9a", out.toString(StandardCharsets.ISO_8859_1));
    }
}
