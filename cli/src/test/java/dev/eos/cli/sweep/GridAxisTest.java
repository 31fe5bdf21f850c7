package dev.eos.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eos.cli.common.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grid expressions: ranges include both ends, log grids hit the decades exactly, bad grids name the problem. */
class GridAxisTest {

    @Test
    void logRangeHasBothEndsAndExactDecades() {
        List<String> v = GridAxis.parse("eta", "1e-1:1e-4:log:16", ValueKind.REAL).values();
        assertEquals(16, v.size());
        assertEquals("0.1", v.get(0));
        assertEquals("1.0E-4", v.get(15));
        // 16 points over 3 decades: every 5th is a decade, 10^-2 and 10^-3 (StrictMath.pow of an exact exponent)
        assertEquals("0.01", v.get(5));
        assertEquals("0.001", v.get(10));
        for (int i = 1; i < 16; i++) { // equal ratios 10^(-1/5) to 1e-12 relative
            double r = Double.parseDouble(v.get(i)) / Double.parseDouble(v.get(i - 1));
            assertEquals(Math.pow(10, -0.2), r, 1e-12, "ratio at " + i);
        }
    }

    @Test
    void linearAndIntegerRangesAndLists() {
        assertEquals(List.of("0.0", "0.25", "0.5", "0.75", "1.0"),
                GridAxis.parse("noise-radius", "0:1:lin:5", ValueKind.REAL).values());
        assertEquals(List.of("0", "1", "2", "3", "4"), GridAxis.parse("seed", "0..4", ValueKind.INTEGER).values());
        assertEquals(List.of("3", "2", "1"), GridAxis.parse("seed", "3..1", ValueKind.INTEGER).values());
        assertEquals(List.of("4", "8", "16"), GridAxis.parse("width", "4, 8,16", ValueKind.INTEGER).values());
        assertEquals(List.of("ngd", "sqrt"), GridAxis.parse("algo", "ngd,sqrt", ValueKind.TEXT).values());
        assertEquals(List.of("3,4,3", "4,4,4"), GridAxis.parse("widths", "3,4,3;4,4,4", ValueKind.LIST).values());
        assertEquals(List.of("true", "false"), GridAxis.parse("flow", "true,FALSE", ValueKind.BOOLEAN).values());
        // whole-number options round a log range to integers
        assertEquals(List.of("1000", "10000", "100000"),
                GridAxis.parse("steps", "1e3:1e5:log:3", ValueKind.INTEGER).values());
        assertEquals(List.of("0.5"), GridAxis.parse("eta", "0.5:0.5:lin:1", ValueKind.REAL).values());
    }

    @Test
    void whatIsAGrid() {
        assertTrue(GridAxis.isGrid("1e-1:1e-4:log:16", ValueKind.REAL));
        assertTrue(GridAxis.isGrid("0..4", ValueKind.INTEGER));
        assertTrue(GridAxis.isGrid("ngd,sqrt", ValueKind.TEXT));
        assertFalse(GridAxis.isGrid("1e-3", ValueKind.REAL));
        assertTrue(GridAxis.isGrid("1e-1:1e-4:16", ValueKind.REAL), "a range written wrong is refused as one");
        assertFalse(GridAxis.isGrid("3,4,3", ValueKind.LIST), "a list option's commas separate its items");
        assertTrue(GridAxis.isGrid("3,4,3;4,4,4", ValueKind.LIST));
    }

    @Test
    void badGridsAreOneLineNamingTheGrid() {
        String[][] bad = {
            {"eta", "", "empty grid"},
            {"eta", "1e-1:1e-4:log:0", "empty grid"},
            {"eta", "0:1:log:3", "positive ends"},
            {"eta", "0.1:0.2:lin:1", "both ends"},
            {"eta", "0.1,,0.2", "empty value"},
            {"eta", "0.1,0.1", "appears twice"},
            {"eta", "a:b:lin:3", "not a finite number"},
            {"eta", "0.1:0.2:cubic:3", "not a range: write a:b:log:n or a:b:lin:n"},
            {"eta", "1e-1:1e-4:16", "not a range"},
            {"algo", "1..3", "takes names"},
            {"algo", "1:2:lin:2", "numeric option"},
            {"flow", "yes,no", "true and false"},
        };
        for (String[] b : bad) {
            ValueKind kind = b[0].equals("eta") ? ValueKind.REAL : b[0].equals("flow") ? ValueKind.BOOLEAN
                    : ValueKind.TEXT;
            BadInputException e = assertThrows(BadInputException.class, () -> GridAxis.parse(b[0], b[1], kind),
                    b[0] + "=" + b[1]);
            assertTrue(e.getMessage().startsWith("--grid " + b[0] + "=" + b[1] + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(b[2]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void csvCellsWithCommasAndQuotesRoundTrip() {
        List<String> cells = List.of("0", "3,4,3", "say \"hi\"", "", "1.0E-4");
        String line = CsvText.line(cells);
        assertEquals("0,\"3,4,3\",\"say \"\"hi\"\"\",,1.0E-4\n", line);
        assertEquals(List.of(cells), CsvText.parse(line));
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), CsvText.parse("a,b\r\n1,2"));
        assertThrows(IllegalArgumentException.class, () -> CsvText.parse("a,\"b\n"));
    }
}
