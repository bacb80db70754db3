package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DateDifTest {

    @Test
    void microsoftsExamplesComputeToTheirDocumentedValues() {
        assertThat(Excel.number("DATEDIF(DATE(2001,1,1),DATE(2003,1,1),\"Y\")")).isEqualTo(2);
        assertThat(Excel.number("DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"D\")")).isEqualTo(440);
        assertThat(Excel.number("DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"YD\")")).isEqualTo(75);
        assertThat(Excel.number("DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"MD\")")).isEqualTo(14);
    }

    @Test
    void unitsAreCaseInsensitiveAndDatesTruncated() {
        assertThat(Excel.number("DATEDIF(DATE(2024,3,15)+0.9,DATE(2025,3,14)+0.1,\"ym\")")).isEqualTo(11);
        assertThat(Excel.number("DATEDIF(DATE(2024,1,31),DATE(2024,3,1),\"m\")")).isEqualTo(1);
    }

    @Test
    void monthDaysCanBeNegativeAsInExcel() {
        // Excel's documented "MD" issue: 31 January to 1 March counts from "31 February" (2 March)
        assertThat(Excel.number("DATEDIF(DATE(2024,1,31),DATE(2024,3,1),\"MD\")")).isEqualTo(-1);
    }

    @Test
    void badArgumentsGiveExcelsErrors() {
        assertThat(Excel.eval("DATEDIF(DATE(2025,1,1),DATE(2024,1,1),\"D\")")).as("start after end").isEqualTo("#NUM!");
        assertThat(Excel.eval("DATEDIF(DATE(2024,1,1),DATE(2025,1,1),\"X\")")).as("unknown unit").isEqualTo("#NUM!");
        assertThat(Excel.eval("DATEDIF(\"later\",DATE(2025,1,1),\"D\")")).as("text date").isEqualTo("#VALUE!");
        assertThat(Excel.eval("DATEDIF(-1,DATE(2025,1,1),\"D\")")).as("negative date").isEqualTo("#NUM!");
    }
}
