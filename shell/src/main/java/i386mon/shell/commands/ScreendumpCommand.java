package i386mon.shell.commands;

import i386mon.machine.board.DeviceViews;
import i386mon.machine.board.Report;
import i386mon.machine.devices.VgaText;
import i386mon.shell.session.CommandException;
import i386mon.shell.session.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** QEMU's {@code screendump FILE}, of the VGA text screen: its rows as a UTF-8 text file (#18). */
@Command(name = "screendump", description = "Save the VGA text screen to FILE as UTF-8 text: its 25 rows, trailing blanks removed "
        + "(QEMU writes an image; the screen here is text mode only).")
final class ScreendumpCommand extends MonitorCommand {
    @Parameters(paramLabel = "FILE", description = "The text file to write (replaced if it exists).") String file;

    @Override void run() {
        DeviceViews views = session.target().devices();
        if (views == null || !views.topics().contains(VgaText.VIEW)) throw new CommandException("screendump: this machine has no VGA text screen");
        StringBuilder text = new StringBuilder();
        // the view's rows carry a row field; its last line (the cursor) does not
        for (Report.Line line : views.report(VgaText.VIEW.name()).lines()) {
            if (line.fields().containsKey("row")) text.append(line.text()).append('\n');
        }
        Path target = HostFiles.path(file);
        try {
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandException("could not write " + file + ": " + HostFiles.reason(e));
        }
    }
}
