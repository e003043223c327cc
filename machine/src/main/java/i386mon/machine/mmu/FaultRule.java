package i386mon.machine.mmu;

/** Why a translation failed (SDM vol. 3, 4.6 access rights and 4.7 page-fault causes). */
public enum FaultRule {
    NOT_PRESENT("not present"),
    RESERVED_BIT("has reserved bits set"),
    WRITE_TO_READ_ONLY("write to a read-only page"),
    USER_TO_SUPERVISOR("user access to a supervisor page"),
    EXECUTE_DISABLE("instruction fetch from an execute-disable page");

    private final String text;

    FaultRule(String text) { this.text = text; }

    public String text() { return text; }
}
