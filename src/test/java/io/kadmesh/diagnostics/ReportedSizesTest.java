package io.kadmesh.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The sizes a passed flow or WebRTC step reports come from the arrays of sizes the checks send: the
 * smallest and the largest, whatever their order, with thousands separators in every locale.
 */
class ReportedSizesTest {

    @Test
    void theRangeIsTheSmallestAndTheLargestSizeInAnyOrder() {
        assertEquals("7 to 1,234,567", DataFlowCheck.sizeRange(new int[] { 64_000, 7, 1_234_567, 120 }));
        assertEquals("5 to 5", DataFlowCheck.sizeRange(new int[] { 5 }));
    }

    @Test
    void theRangesReportedAreThoseOfTheSizesSent() {
        assertEquals("1 to 200,000", DataFlowCheck.sizeRange(DataFlowCheck.RELAYED));
        assertEquals("1 to 60,000", DataFlowCheck.sizeRange(WebRtcCheck.SIZES));
    }

    @Test
    void theSeparatorIsTheSameInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1 to 200,000", DataFlowCheck.sizeRange(DataFlowCheck.RELAYED));
        } finally {
            Locale.setDefault(before);
        }
    }
}
