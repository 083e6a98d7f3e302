package dev.hebb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressOutputTest {

    @Test
    void lossesHaveFourDecimalsUnlessTooSmallToShowThenScientificNotation() {
        assertEquals("0.0804", ProgressOutput.number(0.08041));
        assertEquals("12.5000", ProgressOutput.number(12.5));
        assertEquals("0.0000", ProgressOutput.number(0));
        assertEquals("3.200e-05", ProgressOutput.number(3.2e-5));
        assertEquals("-4.000e-04", ProgressOutput.number(-4e-4));
    }
}
