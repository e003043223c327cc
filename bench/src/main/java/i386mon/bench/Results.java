package i386mon.bench;

import java.util.List;

/**
 * Everything one benchmark run measured; parts it did not run are null (or empty). {@code settings}
 * says how it ran (sizes, rounds, which i386mon and QEMU); {@code boot} is empty without SeaBIOS.
 */
record Results(String settings, WholeProcessRounds.Result whole, List<InJvmFigures.Row> warm,
               Workload aidsWorkload, long aidsIters, List<DebugCosts.Cost> aids, List<InspectionTimes.Figure> inspection,
               List<StartupProbe.Figure> startup, List<FirmwareBoot.Figure> boot) { }
