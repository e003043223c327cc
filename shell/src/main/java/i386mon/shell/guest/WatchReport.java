package i386mon.shell.guest;

/**
 * What a watchpoint caught: the address in its space and the physical address reached, read or
 * write of {@code size} bytes, the value before and after, and the instruction that did it (CS,
 * EIP, linear EIP). {@code entryLevel} names the paging level for a {@code watch pte} hit (else
 * null); {@code deliveringVector} is the vector whose delivery made the access, or -1.
 */
public record WatchReport(int id, long address, long physical, boolean write, int size, long oldValue, long newValue,
                          int cs, int eip, int linearEip, String entryLevel, int deliveringVector) { }
