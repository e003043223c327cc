package i386mon.machine.debug.dwarf;

/** A function's formal parameter (DW_TAG_formal_parameter): its name, its type and where its value is. */
public record Parameter(String name, ValueType type, Location location) { }
