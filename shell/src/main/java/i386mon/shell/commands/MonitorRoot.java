package i386mon.shell.commands;

import picocli.CommandLine.Command;

/** The root of the monitor's command model: every command a line can start with. */
@Command(name = "", subcommands = {
    InfoCommands.class,
    MemoryCommands.X.class, MemoryCommands.Xp.class, MemoryCommands.Print.class, MemoryCommands.Gva2gpa.class,
    MemoryCommands.Memsave.class, MemoryCommands.Pmemsave.class,
    SetCommands.Set.class, SetCommands.Setp.class, SetCommands.Setpmem.class, SetCommands.Writemem.class,
    PortCommands.In.class, PortCommands.Out.class,
    PagingCommands.Translate.class, PagingCommands.Pte.class,
    CpuCommands.Select.class,
    RegsCommand.class, DisasCommand.class, SendkeyCommand.class, CatchCommand.class,
    SerialInputCommands.Send.class, SerialInputCommands.Mode.class,
    SnapshotCommands.Save.class, SnapshotCommands.Load.class, SnapshotCommands.Delete.class,
    ReverseCommands.Mode.class, ReverseCommands.StepI.class, ReverseCommands.Step.class, ReverseCommands.Next.class, ReverseCommands.Continue.class,
    ReverseCommands.Watch.class,
    RunCommands.Cont.class, RunCommands.StopCmd.class, RunCommands.Step.class, RunCommands.Next.class,
    RunCommands.Run.class, RunCommands.SystemReset.class,
    BreakCommands.Break.class, BreakCommands.TBreak.class, BreakCommands.Delete.class,
    WatchCommands.Set.class, HistoryCommands.Set.class,
    ExpectCommand.class, GdbServerCommand.class,
    SourceCommands.ListCmd.class,
    StackCommands.Backtrace.class, StackCommands.Frame.class, StackCommands.Up.class, StackCommands.Down.class,
    StackCommands.Finish.class, StackCommands.Until.class, StackCommands.Advance.class,
    DisplayCommands.DisplayCmd.class, DisplayCommands.Undisplay.class, ScreendumpCommand.class,
    SessionCommands.Load.class, SessionCommands.Source.class, SessionCommands.Quit.class, SessionCommands.Help.class,
})
final class MonitorRoot {
}
