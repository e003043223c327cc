package i386mon.machine.debug.dwarf;

import java.util.List;

/**
 * A call in the caller's code (DW_TAG_call_site, DWARF 5 section 3.4.1, or gcc's DW_TAG_GNU_call_site):
 * its return address, the called function's name (null for an indirect call), and for each
 * argument the location the callee finds it in (DW_OP_regN, or DW_OP_breg4 N on the stack) with
 * the expression that gives its value in the caller's frame (DW_AT_call_value).
 */
public record CallSite(long returnPc, String callee, List<Argument> arguments) {
    public record Argument(byte[] location, byte[] value) { }

    public CallSite {
        arguments = List.copyOf(arguments);
    }
}
