package i386mon.machine.mmu;

/** Told after the MMU took new control-register values (paging structures may have moved). */
public interface ControlListener {
    /** {@code cr3Load}: CR3 was loaded (MOV to CR3, or a changed value); otherwise CR0/CR4/EFER only. */
    void controlLoaded(boolean cr3Load);
}
