package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BondsTest {

    @Test
    void microsoftsExamplesComputeToTheirDocumentedValues() {
        assertThat(Excel.number("PRICE(DATE(2008,2,15),DATE(2017,11,15),0.0575,0.065,100,2,0)"))
                .isCloseTo(94.63436162, within(5e-9));
        assertThat(Excel.number("YIELD(DATE(2008,2,15),DATE(2016,11,15),0.0575,95.04287,100,2,0)"))
                .isCloseTo(0.065, within(5e-7));
        assertThat(Excel.number("DURATION(DATE(2018,7,1),DATE(2048,1,1),0.08,0.09,2,1)"))
                .isCloseTo(10.9191453, within(5e-8));
        assertThat(Excel.number("MDURATION(DATE(2008,1,1),DATE(2016,1,1),0.08,0.09,2,1)"))
                .isCloseTo(5.73567, within(5e-6));
    }

    @Test
    void yieldInvertsPriceOverSeveralPeriodsAndInTheLastOne() {
        for (String dates : new String[] {"DATE(2024,3,15),DATE(2029,11,15)", "DATE(2024,5,15),DATE(2024,11,15)"}) {
            for (int basis = 0; basis <= 4; basis++) {
                double price = Excel.number("PRICE(" + dates + ",0.05,0.07,100,2," + basis + ")");
                assertThat(Excel.number("YIELD(" + dates + ",0.05," + price + ",100,2," + basis + ")"))
                        .as(dates + " basis " + basis).isCloseTo(0.07, within(1e-9));
            }
        }
    }

    @Test
    void aPriceAboveEveryPaymentLeftIsANegativeYield() {
        // 5 years of 5 % coupons and 100 back pay 127.5 at most: a price of 130 yields below zero
        double y = Excel.number("YIELD(DATE(2024,3,15),DATE(2029,3,15),0.05,130,100,2,0)");
        assertThat(y).isNegative().isGreaterThan(-0.01);
        // the price at that yield, summed here from PRICE's definition (PRICE itself refuses yld < 0)
        double price = 0;
        for (int k = 1; k <= 10; k++) {
            price += 2.5 / Math.pow(1 + y / 2, k);
        }
        price += 100 / Math.pow(1 + y / 2, 10);
        assertThat(price).isCloseTo(130, within(1e-9));
    }

    @Test
    void aZeroCouponBondsDurationIsItsTimeToMaturity() {
        // 15 Mar 2024 to 15 Nov 2029 in 30/360: 5 years and 8 months
        assertThat(Excel.number("DURATION(DATE(2024,3,15),DATE(2029,11,15),0,0.06,2,0)")).isCloseTo(5 + 8 / 12.0, within(1e-12));
    }

    @Test
    void badArgumentsGiveExcelsErrors() {
        String bond = "DATE(2024,3,15),DATE(2029,11,15)";
        assertThat(Excel.eval("PRICE(" + bond + ",-0.05,0.06,100,2,0)")).as("negative rate").isEqualTo("#NUM!");
        assertThat(Excel.eval("PRICE(" + bond + ",0.05,-0.06,100,2,0)")).as("negative yield").isEqualTo("#NUM!");
        assertThat(Excel.eval("PRICE(" + bond + ",0.05,0.06,0,2,0)")).as("zero redemption").isEqualTo("#NUM!");
        assertThat(Excel.eval("PRICE(" + bond + ",0.05,0.06,100,3,0)")).as("frequency 3").isEqualTo("#NUM!");
        assertThat(Excel.eval("PRICE(" + bond + ",0.05,0.06,100,2,5)")).as("basis 5").isEqualTo("#NUM!");
        assertThat(Excel.eval("PRICE(DATE(2029,11,15)," + "DATE(2024,3,15),0.05,0.06,100,2,0)")).as("settlement after maturity")
                .isEqualTo("#NUM!");
        assertThat(Excel.eval("PRICE(\"x\",DATE(2029,11,15),0.05,0.06,100,2,0)")).as("text date").isEqualTo("#VALUE!");
        assertThat(Excel.eval("PRICE(" + bond + ",\"five\",0.06,100,2,0)")).as("text rate").isEqualTo("#VALUE!");
        assertThat(Excel.eval("YIELD(" + bond + ",0.05,0,100,2,0)")).as("zero price").isEqualTo("#NUM!");
        assertThat(Excel.eval("YIELD(" + bond + ",-0.05,98,100,2,0)")).as("negative rate").isEqualTo("#NUM!");
        assertThat(Excel.eval("YIELD(" + bond + ",0.05,98,100,2,7)")).as("basis 7").isEqualTo("#NUM!");
        assertThat(Excel.eval("DURATION(" + bond + ",-0.05,0.06,2,0)")).as("negative coupon").isEqualTo("#NUM!");
        assertThat(Excel.eval("DURATION(" + bond + ",0.05,-0.06,2,0)")).as("negative yield").isEqualTo("#NUM!");
        assertThat(Excel.eval("MDURATION(" + bond + ",0.05,0.06,12,0)")).as("frequency 12").isEqualTo("#NUM!");
        assertThat(Excel.eval("MDURATION(DATE(2024,3,15),DATE(2024,3,15),0.05,0.06,2,0)")).as("settlement = maturity")
                .isEqualTo("#NUM!");
    }
}
