package i386mon.shell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void doublesAreWrittenAsNumbersAndNonFiniteOnesAsNull() {
        assertEquals("[1.5,null,null]", Json.write(Arrays.asList(1.5, Double.NaN, Double.POSITIVE_INFINITY)));
    }
}
