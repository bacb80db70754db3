package dev.sheetsmith.engine.xlsx.edit;

import dev.sheetsmith.engine.xlsx.poi.Extensions;
import dev.sheetsmith.engine.xlsx.poi.Sheets;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ooxml.POIXMLDocumentPart;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTExtension;

/**
 * What a workbook package holds, taken before and after an edit: every part (charts, pivot caches,
 * slicers, pictures, VBA, custom XML, ...) and every extension in a sheet's extLst (sparklines,
 * Excel 2010 rules, ...). POI keeps parts it does not model, but an edit can still lose one; the
 * difference, less what the edit meant to remove, is said in the tool result.
 */
final class PartInventory {

    private final Map<String, String> parts = new LinkedHashMap<>();
    /** "sheet#uri" to how many such extensions the sheet has. */
    private final Map<String, Integer> extensions = new LinkedHashMap<>();

    private PartInventory() {
    }

    static PartInventory of(XSSFWorkbook wb) {
        PartInventory inventory = new PartInventory();
        try {
            for (PackagePart part : wb.getPackage().getParts()) {
                inventory.parts.put(part.getPartName().getName(), part.getContentType());
            }
        } catch (InvalidFormatException e) {
            throw new IllegalStateException("could not list the workbook's parts", e);
        }
        for (XSSFSheet sheet : Sheets.all(wb)) {
            var ws = sheet.getCTWorksheet();
            if (ws.isSetExtLst()) {
                for (CTExtension ext : ws.getExtLst().getExtArray()) {
                    inventory.extensions.merge(sheet.getSheetName() + "#" + ext.getUri(), 1, Integer::sum);
                }
            }
        }
        return inventory;
    }

    /** @param expected part names and sheet names the edit removed on purpose */
    List<String> lostSince(PartInventory before, Collection<String> expected) {
        List<String> lost = new ArrayList<>();
        before.parts.forEach((name, type) -> {
            if (!parts.containsKey(name) && !expected.contains(name)) {
                lost.add(kind(type) + " (" + name + ")");
            }
        });
        before.extensions.forEach((key, count) -> {
            String sheet = key.substring(0, key.indexOf('#'));
            String uri = key.substring(key.indexOf('#') + 1);
            if (extensions.getOrDefault(key, 0) < count && !expected.contains(sheet)) {
                lost.add(Extensions.BY_URI.getOrDefault(uri, "extension " + uri) + " on sheet '" + sheet + "'");
            }
        });
        return lost;
    }

    private static String kind(String contentType) {
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("image/")) {
            return "a picture";
        }
        for (String word : List.of("chart", "pivotTable", "pivotCache", "table", "slicer", "timeline", "vbaProject",
                "threadedComment", "comments", "drawing", "customXml", "externalLink", "connections", "queryTable")) {
            if (type.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                return "a " + word + " part";
            }
        }
        return "a part of type " + contentType;
    }

    /** A part and every part it leads to (internal relationships), for edits that remove a whole tree. */
    static void collectTree(PackagePart part, List<String> names) {
        names.add(part.getPartName().getName());
        try {
            for (var rel : part.getRelationships()) {
                if (rel.getTargetMode() == org.apache.poi.openxml4j.opc.TargetMode.INTERNAL) {
                    PackagePart child = part.getRelatedPart(rel);
                    if (child != null && !names.contains(child.getPartName().getName())) {
                        collectTree(child, names);
                    }
                }
            }
        } catch (InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the relation from {@code parent} to {@code child} away, and with {@code removeUnused}
     * the child part too once nothing refers to it. POI does this with a protected method only;
     * without it a removed part would still be written on save.
     */
    static void unlink(POIXMLDocumentPart parent, POIXMLDocumentPart child, boolean removeUnused) {
        try {
            Method remove = POIXMLDocumentPart.class.getDeclaredMethod("removeRelation", POIXMLDocumentPart.class,
                    boolean.class);
            remove.setAccessible(true);
            remove.invoke(parent, child, removeUnused);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this POI version cannot remove a part's relation", e);
        }
    }
}
