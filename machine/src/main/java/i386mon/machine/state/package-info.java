/**
 * Saving and restoring machine state, the part every component shares: {@link
 * i386mon.machine.state.StateWriter} and {@link i386mon.machine.state.StateReader} (a flat,
 * versionless byte stream of one component's state), {@link i386mon.machine.state.Stateful} (a
 * component that saves and restores itself) and {@link i386mon.machine.state.FieldState} (a
 * device's state from its fields, so a device added later is in every snapshot without code of its
 * own). Depends on nothing else in the machine: the CPU, MMU, memory, clock and devices all use it,
 * and {@code i386mon.machine.snapshot} puts their states together.
 */
package i386mon.machine.state;
