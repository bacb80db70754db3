package dev.sheetsmith.engine.xlsx.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sheetsmith.domain.CellRange;
import dev.sheetsmith.domain.WorkbookDescription;
import dev.sheetsmith.domain.WorkbookDescription.Region;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * describe_workbook's blocks on a workbook built the way people build them: a merged title, a
 * two-row header with merged group cells, a totals row, a notes block after a blank row, a table
 * on its own sheet, a hidden lookup sheet, and a sheet of many small blocks.
 */
class RegionsTest {

    @Test
    void aMessyWorkbookIsDescribedBlockByBlock() throws IOException {
        WorkbookDescription d = new XlsxWorkbookReader().describe(new ByteArrayInputStream(messy()));
        assertThat(d.sheets()).extracting(WorkbookDescription.Sheet::name).containsExactly("Summary", "Orders",
                "Lookup", "Log");

        WorkbookDescription.Sheet summary = d.sheets().get(0);
        assertThat(summary.usedRange().toA1()).isEqualTo("A1:E13");
        assertThat(summary.merged()).extracting(CellRange::toA1).contains("A1:E1", "B3:C3", "D3:E3", "A3:A4");
        assertThat(summary.regions()).hasSize(3);
        Region title = summary.regions().get(0);
        assertThat(title.range().toA1()).isEqualTo("A1");
        assertThat(title.titles()).containsExactly("Sales by region, 2024");
        assertThat(title.dataRows()).isZero();
        Region sales = summary.regions().get(1);
        assertThat(sales.range().toA1()).isEqualTo("A3:E10");
        assertThat(sales.headerRows()).containsExactly(2, 3);
        assertThat(sales.header().get(0)).containsExactly("Region", "H1", "", "H2", "");
        assertThat(sales.header().get(1)).containsExactly("", "Jan", "Feb", "Mar", "Apr");
        assertThat(sales.totalsRow()).isEqualTo(9);
        assertThat(sales.dataRows()).isEqualTo(5);
        assertThat(sales.samples()).hasSize(3);
        assertThat(sales.samples().get(0)).containsExactly("North", "10", "11", "12", "13");
        Region notes = summary.regions().get(2);
        assertThat(notes.range().toA1()).isEqualTo("A12:A13");
        assertThat(notes.totalsRow()).isEqualTo(-1);

        WorkbookDescription.Sheet orders = d.sheets().get(1);
        assertThat(orders.regions()).hasSize(1);
        Region table = orders.regions().get(0);
        assertThat(table.table()).isEqualTo("OrdersTable");
        assertThat(table.headerRows()).containsExactly(0);
        assertThat(table.header().get(0)).containsExactly("Order", "Customer", "Amount");
        assertThat(table.dataRows()).isEqualTo(200);
        assertThat(table.samples()).hasSize(3);

        WorkbookDescription.Sheet log = d.sheets().get(3);
        assertThat(log.regions()).hasSize(Region.MAX_PER_SHEET);
        assertThat(log.moreRegions()).isEqualTo(500 - Region.MAX_PER_SHEET);
    }

    @Test
    void aRowOfTotalsPerRowIsNotATotalsRow() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet s = wb.createSheet("Lines");
            row(s, 0, "Item", "Q1", "Q2", "Sum");
            for (int r = 1; r <= 4; r++) {
                XSSFRow row = row(s, r, "Item " + r, r, r * 2);
                row.createCell(3).setCellFormula("SUM(B" + (r + 1) + ":C" + (r + 1) + ")");
            }
            Region region = new XlsxWorkbookReader().describe(new ByteArrayInputStream(bytes(wb))).sheets().get(0)
                    .regions().get(0);
            assertThat(region.totalsRow()).isEqualTo(-1);
            assertThat(region.dataRows()).isEqualTo(4);
        }
    }

    static byte[] messy() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet s = wb.createSheet("Summary");
            row(s, 0, "Sales by region, 2024");
            s.addMergedRegion(CellRangeAddress.valueOf("A1:E1"));
            // row 2 blank
            row(s, 2, "Region", "H1", null, "H2", null);
            s.addMergedRegion(CellRangeAddress.valueOf("B3:C3"));
            s.addMergedRegion(CellRangeAddress.valueOf("D3:E3"));
            s.addMergedRegion(CellRangeAddress.valueOf("A3:A4"));
            row(s, 3, null, "Jan", "Feb", "Mar", "Apr");
            String[] regions = {"North", "South", "East", "West", "Central"};
            for (int i = 0; i < regions.length; i++) {
                row(s, 4 + i, regions[i], 10 + i, 11 + i, 12 + i, 13 + i);
            }
            XSSFRow total = row(s, 9, "Total");
            for (int c = 1; c <= 4; c++) {
                String col = String.valueOf((char) ('A' + c));
                total.createCell(c).setCellFormula("SUM(" + col + "5:" + col + "9)");
            }
            // row 11 blank
            row(s, 11, "Notes:");
            row(s, 12, "Central opened in March.");

            XSSFSheet orders = wb.createSheet("Orders");
            row(orders, 0, "Order", "Customer", "Amount");
            for (int r = 1; r <= 200; r++) {
                row(orders, r, "O-" + r, "Customer " + (r % 17), r * 3.5);
            }
            XSSFTable table = orders.createTable(new AreaReference("A1:C201", SpreadsheetVersion.EXCEL2007));
            table.setName("OrdersTable");
            table.setDisplayName("OrdersTable");

            XSSFSheet lookup = wb.createSheet("Lookup");
            row(lookup, 0, "Code", "Rate");
            row(lookup, 1, "A", 0.2);
            wb.setSheetHidden(2, true);

            XSSFSheet log = wb.createSheet("Log");
            for (int i = 0; i < 500; i++) {
                row(log, i * 2, "entry " + i, i);
            }
            return bytes(wb);
        }
    }

    static XSSFRow row(XSSFSheet sheet, int r, Object... values) {
        XSSFRow row = sheet.createRow(r);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof String text) {
                row.createCell(c).setCellValue(text);
            } else if (values[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            }
        }
        return row;
    }

    static byte[] bytes(XSSFWorkbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }

}
