package dev.sheetsmith.engine.xlsx.poi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Marks an array formula as Excel 365 marks a dynamic-array formula: the cell's {@code cm="1"}
 * points at the first cell-metadata record of {@code xl/metadata.xml}, whose type XLDAPR says
 * "dynamic array" ([MS-XLSX] 2.6.x, dynamicArrayProperties). Without it Excel 365 shows the formula
 * as a legacy {=...} array formula that does not spill.
 */
public final class DynamicArrays {

    static final String PART = "/xl/metadata.xml";
    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml";
    static final String RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata";
    static final String METADATA = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<metadata xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
            + " xmlns:xda=\"http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray\">"
            + "<metadataTypes count=\"1\"><metadataType name=\"XLDAPR\" minSupportedVersion=\"120000\" copy=\"1\""
            + " pasteAll=\"1\" pasteValues=\"1\" merge=\"1\" splitFirst=\"1\" rowColShift=\"1\" clearFormats=\"1\""
            + " clearComments=\"1\" assign=\"1\" coerce=\"1\" cellMeta=\"1\"/></metadataTypes>"
            + "<futureMetadata name=\"XLDAPR\" count=\"1\"><bk><extLst>"
            + "<ext uri=\"{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}\">"
            + "<xda:dynamicArrayProperties fDynamic=\"1\" fCollapsed=\"0\"/></ext></extLst></bk></futureMetadata>"
            + "<cellMetadata count=\"1\"><bk><rc t=\"1\" v=\"0\"/></bk></cellMetadata></metadata>";

    private DynamicArrays() {
    }

    /** Marks the cell (an array formula's anchor) and adds the metadata part once per workbook. */
    public static void mark(XSSFCell cell) {
        XSSFWorkbook wb = cell.getSheet().getWorkbook();
        try {
            OPCPackage pkg = wb.getPackage();
            PackagePartName name = PackagingURIHelper.createPartName(PART);
            if (pkg.getPart(name) == null) {
                PackagePart part = pkg.createPart(name, CONTENT_TYPE);
                try (OutputStream out = part.getOutputStream()) {
                    out.write(METADATA.getBytes(StandardCharsets.UTF_8));
                }
                wb.getPackagePart().addRelationship(name, TargetMode.INTERNAL, RELATION);
            } else if (!hasDynamicArrayType(pkg.getPart(name))) {
                return; // a metadata part of another kind (another program's): the cell stays a plain array formula
            }
        } catch (InvalidFormatException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cell.getCTCell().setCm(1);
    }

    /** Whether the existing part's first cell-metadata record is the dynamic-array one we write. */
    private static boolean hasDynamicArrayType(PackagePart part) throws IOException {
        try (var in = part.getInputStream()) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return xml.equals(METADATA);
        }
    }
}
