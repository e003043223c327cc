package i386mon.machine.debug;

import java.util.List;

/**
 * The explanation of an exception stop (a catchpoint) or a triple fault: the exception, the
 * instruction that raised it (CS:EIP, its linear address and symbol), the page fault explained
 * when one is involved (else null), and the chain of exceptions whose delivery was attempted.
 */
public record FaultExplanation(boolean tripleFault, int vector, String name, int errorCode, int cs, int eip,
                               int linearEip, String eipSymbol, PageFaultExplanation pageFault, List<ChainStep> chain) {

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(tripleFault ? "triple fault: " : "exception ").append(tripleFault ? chainText() : name
                + (errorCode >= 0 ? String.format("(0x%x)", errorCode) : ""));
        b.append(String.format("%n  raised by the instruction at %04x:%08x (linear 0x%08x%s)", cs, eip, linearEip,
                eipSymbol == null ? "" : " <" + eipSymbol + ">"));
        if (pageFault != null) b.append("\n  ").append(pageFault.toString().replace("\n", "\n  "));
        if (chain.size() > 1 || tripleFault) {
            for (int i = 0; i < chain.size(); i++) b.append(String.format("%n  %d. %s", i + 1, chain.get(i)));
        }
        return b.toString();
    }

    /** "#PF -> #DF -> #GP -> shutdown" (the last arrow only for a triple fault). */
    public String chainText() {
        StringBuilder b = new StringBuilder();
        for (ChainStep s : chain) {
            if (b.length() > 0) b.append(" -> ");
            b.append(s.name());
        }
        return tripleFault ? b.append(" -> shutdown").toString() : b.toString();
    }
}
