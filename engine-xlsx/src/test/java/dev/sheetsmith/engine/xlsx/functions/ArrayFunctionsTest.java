package dev.sheetsmith.engine.xlsx.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The dynamic-array functions as a cell shows them (the array's top-left value) and as an
 * enclosing function takes them (the whole array), with Microsoft's examples; where Excel answers
 * #CALC! the engine keeps no value rather than another one. SORT and FILTER are written as stored
 * (_xlfn._xlws.): POI knows their names as old macro functions without arguments.
 */
class ArrayFunctionsTest {

    private static final Object[] REGIONS = {"North", "South", "East", "West", "North", "south"};

    @Test
    void sequenceCountsAcrossThenDown() {
        assertThat(Excel.evalArray("SUM(SEQUENCE(4))")).isEqualTo(10.0);
        assertThat(Excel.evalArray("SUM(SEQUENCE(2,3,10,5))")).isEqualTo(135.0);
        assertThat(Excel.evalArray("INDEX(SEQUENCE(4,5),2,1)")).isEqualTo(6.0);
        assertThat(Excel.evalArray("SEQUENCE(3,1,7)")).isEqualTo(7.0);
        assertThat(Excel.evalOrNull(true, "SEQUENCE(0)")).as("#CALC!: not computed").isNull();
        assertThat(Excel.evalArray("SEQUENCE(-1)")).isEqualTo("#VALUE!");
    }

    @Test
    void sortAndSortbyOrderRowsAsExcel() {
        assertThat(Excel.evalArray("_xlfn._xlws.SORT(S!A1:A6)", REGIONS)).isEqualTo("East");
        assertThat(Excel.evalArray("_xlfn._xlws.SORT(S!A1:A6,1,-1)", REGIONS)).isEqualTo("West");
        assertThat(Excel.evalArray("INDEX(_xlfn._xlws.SORT({3,\"b\";1,\"a\";2,\"c\"},2,-1),1,1)")).isEqualTo(2.0);
        assertThat(Excel.evalArray("INDEX(_xlfn._xlws.SORT({3,1,2},1,1,TRUE),1,3)")).isEqualTo(3.0);
        assertThat(Excel.evalArray("SORTBY({\"a\";\"b\";\"c\"},{3;1;2})")).isEqualTo("b");
        assertThat(Excel.evalArray("SORTBY({\"a\";\"b\";\"c\"},{3;1;2},-1)")).isEqualTo("a");
        assertThat(Excel.evalArray("_xlfn._xlws.SORT({1;2},3)")).as("no third column").isEqualTo("#VALUE!");
        assertThat(Excel.evalArray("_xlfn._xlws.SORT({1;2},1,0)")).as("order neither 1 nor -1").isEqualTo("#VALUE!");
        assertThat(Excel.evalArray("SORTBY({1;2},{1;2;3})")).as("key of another size").isEqualTo("#VALUE!");
    }

    @Test
    void uniqueIgnoresCaseAndKeepsFirstAppearance() {
        assertThat(Excel.evalArray("ROWS(UNIQUE(S!A1:A6))", REGIONS)).isEqualTo(4.0);
        assertThat(Excel.evalArray("INDEX(UNIQUE(S!A1:A6),2)", REGIONS)).isEqualTo("South");
        assertThat(Excel.evalArray("ROWS(UNIQUE(S!A1:A6,FALSE,TRUE))", REGIONS)).as("exactly once").isEqualTo(2.0);
    }

    @Test
    void filterKeepsTheRowsWhoseTestIsTrue() {
        assertThat(Excel.evalArray("_xlfn._xlws.FILTER(S!A1:A6,S!A1:A6<>\"North\")", REGIONS)).isEqualTo("South");
        assertThat(Excel.evalArray("ROWS(_xlfn._xlws.FILTER(S!A1:A6,S!A1:A6=\"north\"))", REGIONS)).isEqualTo(2.0);
        assertThat(Excel.evalArray("SUM(_xlfn._xlws.FILTER({1;2;3;4},{1;0;1;0}))")).isEqualTo(4.0);
        assertThat(Excel.evalArray("_xlfn._xlws.FILTER({1;2},{0;0},\"none\")")).isEqualTo("none");
        assertThat(Excel.evalOrNull(true, "_xlfn._xlws.FILTER({1;2},{0;0})")).as("#CALC!: not computed").isNull();
        assertThat(Excel.evalArray("_xlfn._xlws.FILTER({1;2},{1;0;1})")).isEqualTo("#VALUE!");
    }

    @Test
    void shapingFunctionsPickTakeDropAndStack() {
        String grid = "{1,2,3;4,5,6;7,8,9}";
        assertThat(Excel.evalArray("INDEX(CHOOSECOLS(" + grid + ",3),2)")).isEqualTo(6.0);
        assertThat(Excel.evalArray("INDEX(CHOOSECOLS(" + grid + ",-1,1),1,2)")).isEqualTo(1.0);
        assertThat(Excel.evalArray("INDEX(CHOOSEROWS(" + grid + ",2,3),2,1)")).isEqualTo(7.0);
        assertThat(Excel.evalArray("CHOOSEROWS(" + grid + ",4)")).isEqualTo("#VALUE!");
        assertThat(Excel.evalArray("ROWS(TAKE(" + grid + ",2))")).isEqualTo(2.0);
        assertThat(Excel.evalArray("SUM(TAKE(" + grid + ",-1,-2))")).isEqualTo(17.0);
        assertThat(Excel.evalArray("ROWS(DROP(" + grid + ",1))")).isEqualTo(2.0);
        assertThat(Excel.evalArray("SUM(DROP(" + grid + ",-2,1))")).isEqualTo(5.0);
        assertThat(Excel.evalOrNull(true, "DROP(" + grid + ",3)")).as("#CALC!: not computed").isNull();
        assertThat(Excel.evalArray("ROWS(VSTACK({1,2},{3,4},{5,6}))")).isEqualTo(3.0);
        assertThat(Excel.evalArray("INDEX(VSTACK({1,2},{3}),2,2)")).as("padded with #N/A").isEqualTo("#N/A");
        assertThat(Excel.evalArray("COLUMNS(HSTACK({1;2},{3;4}))")).isEqualTo(2.0);
        assertThat(Excel.evalArray("SUM(HSTACK({1;2},{3;4}))")).isEqualTo(10.0);
    }
}
