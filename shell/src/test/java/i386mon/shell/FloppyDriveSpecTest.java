package i386mon.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import i386mon.shell.session.BootRequest;
import i386mon.shell.session.CommandException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloppyDriveSpecTest {
    @Test
    void aSpecWithoutIndexTakesTheFirstFreeDrive() {
        assertEquals(List.of(new BootRequest.Floppy(0, "a.img", false), new BootRequest.Floppy(1, "b.img", false)),
                FloppyDriveSpec.drives("a.img", null, List.of("file=b.img,if=floppy")));
    }

    @Test
    void readonlyOnMakesTheDiskWriteProtected() {
        assertEquals(new BootRequest.Floppy(1, "b.img", true), FloppyDriveSpec.parse("file=b.img,if=floppy,index=1,readonly=on"));
    }

    @Test
    void aThirdDriveIsRefused() {
        CommandException e = assertThrows(CommandException.class,
                () -> FloppyDriveSpec.drives("a.img", "b.img", List.of("file=c.img,if=floppy")));
        assertEquals("-drive file=c.img,if=floppy: both floppy drives are taken", e.getMessage());
    }

    @Test
    void anotherFormatIsNotSupported() {
        CommandException e = assertThrows(CommandException.class, () -> FloppyDriveSpec.parse("file=a.qcow2,if=floppy,format=qcow2"));
        assertEquals("-drive file=a.qcow2,if=floppy,format=qcow2: not supported: format=qcow2 (only raw images)", e.getMessage());
    }

    @Test
    void aSpecWithoutFileIsRefused() {
        assertEquals("-drive if=floppy: file=PATH is missing",
                assertThrows(CommandException.class, () -> FloppyDriveSpec.parse("if=floppy")).getMessage());
    }

    @Test
    void onlyFloppySpecsAreRecognised() {
        assertEquals(true, FloppyDriveSpec.isFloppy("file=a,if=floppy"));
        assertEquals(false, FloppyDriveSpec.isFloppy("file=a,if=ide"));
    }
}
