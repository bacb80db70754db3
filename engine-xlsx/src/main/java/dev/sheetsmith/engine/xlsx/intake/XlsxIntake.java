package dev.sheetsmith.engine.xlsx.intake;

import dev.sheetsmith.domain.Formulas;
import dev.sheetsmith.domain.InvalidInputException;
import dev.sheetsmith.engine.xlsx.poi.FormulaPolicy;
import dev.sheetsmith.engine.xlsx.poi.Workbooks;
import dev.sheetsmith.engine.xlsx.read.XlsxWorkbookReader;
import dev.sheetsmith.ports.out.WorkbookIntake;
import dev.sheetsmith.spi.InvalidFileException;
import dev.sheetsmith.spi.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.ss.formula.FormulaParser;
import org.apache.poi.ss.formula.FormulaType;
import org.apache.poi.ss.formula.ptg.Ptg;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFEvaluationWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks an uploaded xlsx or xlsm with POI's package and event APIs, so that it can be stored as
 * the file itself: every part is only streamed (a sheet of a million rows is checked in a few KB),
 * the limits are counted on the way ({@link ReadLimits}: bytes a part unpacks to, shared strings,
 * cells, rows, columns), and each formula is held to the formula policy ({@link FormulaPolicy},
 * parsed the way Excel reads it). Every cell and part that reaches outside the workbook is named
 * in one refusal, so the user can fix them all at once. Macros (an xlsm's vbaProject.bin) are
 * reported, never run.
 */
public final class XlsxIntake implements WorkbookIntake {

    static final String SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    static final String MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
    private static final String VBA_PROJECT = "application/vnd.ms-office.vbaProject";
    private static final String EXTERNAL_LINK =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml";
    private static final String CONNECTIONS =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml";
    private static final String RELATIONSHIPS_NS =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final int NAMED = 20;
    private static final Pattern FUNCTION = Pattern.compile("(?<![A-Z0-9_.])([A-Z_][A-Z0-9_.]*)\\s*\\(");
    /** A reference to another workbook as the file holds it ([1]Sheet1!A1), or a path or address. */
    private static final Pattern EXTERNAL = Pattern.compile("\\[\\d+]|\\\\\\\\|[A-Z]:\\\\|HTTPS?://|FILE:");

    @Override
    public Checked check(InputStream workbook, ReadLimits limits) throws IOException {
        Workbooks.init();
        Path temp = Files.createTempFile("sheetsmith-intake-", ".xlsx");
        try {
            Files.copy(workbook, temp, StandardCopyOption.REPLACE_EXISTING);
            OPCPackage pkg;
            try {
                pkg = OPCPackage.open(temp.toFile(), PackageAccess.READ);
            } catch (OpenXML4JException | RuntimeException e) {
                throw new InvalidInputException("the file is not an xlsx workbook: it does not open as one ("
                        + reason(e) + ")");
            }
            try (pkg) {
                return check(pkg, limits);
            } catch (InvalidInputException | InvalidFileException e) {
                throw e;
            } catch (OpenXML4JException | SAXException | RuntimeException e) {
                throw new InvalidInputException("the workbook does not open: " + reason(e));
            } catch (IOException e) {
                throw Workbooks.refused(e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Checked check(OPCPackage pkg, ReadLimits limits)
            throws IOException, OpenXML4JException, SAXException {
        var documents = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
        PackagePart main = documents.size() == 0 ? null : pkg.getPart(documents.getRelationship(0));
        String mainType = main == null ? "" : main.getContentType();
        if (!SHEET_MAIN.equals(mainType) && !MACRO_MAIN.equals(mainType)) {
            throw new InvalidInputException(mainType.contains("template") ? "the file is an Excel template (.xltx or"
                    + " .xltm); save it as a workbook (.xlsx) and upload that" : "the file is not an Excel workbook"
                    + (mainType.isEmpty() ? "" : " (its main part is " + mainType + ")"));
        }
        List<String> problems = new ArrayList<>();
        boolean macros = MACRO_MAIN.equals(mainType);
        for (PackagePart part : pkg.getParts()) {
            String name = part.getPartName().getName();
            if (part.getSize() > limits.maxUnpackedBytes()) {
                throw limits.unpacksTooLarge("'" + name + "'");
            }
            String type = part.getContentType();
            macros |= VBA_PROJECT.equals(type);
            if (EXTERNAL_LINK.equals(type)) {
                problems.add("part " + name + " links to another workbook (Data > Edit Links > Break Link)");
            } else if (CONNECTIONS.equals(type)) {
                problems.add("part " + name + " holds data connections to outside sources (Data > Queries &"
                        + " Connections: remove them)");
            }
        }
        XlsxWorkbookReader.checkSharedStrings(pkg, limits);
        XSSFReader reader = new XSSFReader(pkg);
        WorkbookPart book = new WorkbookPart();
        try (InputStream in = limits.bounded(reader.getWorkbookData(), "'" + main.getPartName().getName() + "'")) {
            parse(in, book);
        }
        try (XSSFWorkbook parsing = new XSSFWorkbook()) {
            book.sheets.keySet().forEach(parsing::createSheet);
            for (String name : book.names.keySet()) {
                try {
                    parsing.createName().setNameName(name);
                } catch (RuntimeException e) {
                    // a sheet-local name used on several sheets: once is enough for parsing
                }
            }
            Formulas checker = new Formulas(XSSFEvaluationWorkbook.create(parsing), problems);
            book.names.forEach((name, formula) -> checker.check(formula, 0, "defined name '" + name + "'",
                    FormulaType.NAMEDRANGE));
            List<Sheet> sheets = new ArrayList<>();
            long[] cells = {0};
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            int index = 0;
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    String name = it.getSheetName();
                    PackagePart part = it.getSheetPart();
                    int sheetIndex = index++;
                    SheetScan scan = new SheetScan(name, limits, cells, (formula, cell) -> checker.check(formula,
                            sheetIndex, "sheet '" + name + "', cell " + cell, FormulaType.CELL));
                    parse(limits.bounded(in, "'" + part.getPartName().getName() + "' (sheet '" + name + "')"), scan);
                    if (scan.lastRow + 1 > limits.maxRows() || scan.lastColumn + 1 > limits.maxColumns()) {
                        throw limits.tooLarge(name, scan.lastRow + 1L, scan.lastColumn + 1L);
                    }
                    scan.links.forEach((id, cell) -> {
                        PackageRelationship rel = part.getRelationship(id);
                        if (rel != null && rel.getTargetMode() == TargetMode.EXTERNAL
                                && !dev.sheetsmith.domain.Formulas.isSafeLinkStart(rel.getTargetURI().toString())) {
                            problems.add("sheet '" + name + "', cell " + cell + ": a link to '"
                                    + clip(rel.getTargetURI().toString()) + "' (links may go to https:, http: or"
                                    + " mailto: addresses or into this workbook)");
                        }
                    });
                    sheets.add(new Sheet(name, scan.lastRow + 1, scan.lastColumn + 1, scan.headerRow(),
                            book.sheets.getOrDefault(name, false)));
                }
            }
            outsideRelationships(pkg, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException("the workbook reaches outside itself, which Sheetsmith does not take"
                        + " in; nothing was stored. Fix " + (problems.size() == 1 ? "this" : "these " + problems.size())
                        + " and upload it again: " + String.join("; ", problems.subList(0, Math.min(NAMED,
                                problems.size()))) + (problems.size() > NAMED ? "; and " + (problems.size() - NAMED)
                                        + " more" : ""));
            }
            return new Checked(sheets, macros);
        }
    }

    /**
     * Parts other than a sheet's cell links that fetch or open something outside when the file is
     * opened or clicked: linked pictures, OLE links, drawings' links to unsafe addresses.
     */
    private static void outsideRelationships(OPCPackage pkg, List<String> problems) throws OpenXML4JException {
        for (PackagePart part : pkg.getParts()) {
            if (part.isRelationshipPart()) {
                continue;
            }
            for (PackageRelationship rel : part.getRelationships()) {
                if (rel.getTargetMode() != TargetMode.EXTERNAL) {
                    continue;
                }
                String target = rel.getTargetURI().toString();
                boolean link = rel.getRelationshipType().endsWith("/hyperlink");
                boolean sheet = part.getContentType().endsWith("worksheet+xml");
                if (link && sheet) {
                    continue; // checked with the cell it sits on
                }
                if (link ? !dev.sheetsmith.domain.Formulas.isSafeLinkStart(target)
                        : !rel.getRelationshipType().endsWith("/externalLinkPath")) {
                    problems.add("part " + part.getPartName().getName() + " refers to '" + clip(target) + "' outside"
                            + " the workbook (" + rel.getRelationshipType().replaceAll(".*/", "") + ")");
                }
            }
        }
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        try {
            XMLReader parser = SAXHelper.newXMLReader();
            parser.setContentHandler(handler);
            parser.parse(new InputSource(in));
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return clip(message.replaceAll("[\\r\\n]+", " "));
    }

    private static String clip(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    /** Holds formulas to the policy: parsed as Excel reads them, or, when POI cannot parse one, by its text. */
    private static final class Formulas {
        private final XSSFEvaluationWorkbook book;
        private final List<String> problems;

        Formulas(XSSFEvaluationWorkbook book, List<String> problems) {
            this.book = book;
            this.problems = problems;
        }

        void check(String formula, int sheetIndex, String where, FormulaType type) {
            try {
                Ptg[] tokens;
                try {
                    tokens = FormulaParser.parse(formula, book, type, sheetIndex);
                } catch (RuntimeException e) {
                    byText(formula, where);
                    return;
                }
                FormulaPolicy.check(tokens, where);
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }

        /**
         * For what POI does not parse (a table's structured reference, a function it does not know):
         * the functions by name, DDE, references to other workbooks as files hold them ([1]Sheet1!A1)
         * and paths; HYPERLINK and INDIRECT only where they can be checked.
         */
        private static void byText(String formula, String where) {
            String code = dev.sheetsmith.domain.Formulas.withoutStrings(formula).toUpperCase(Locale.ROOT);
            Matcher m = FUNCTION.matcher(code);
            while (m.find()) {
                dev.sheetsmith.domain.Formulas.requireSafeFunction(m.group(1), where);
                if (m.group(1).equals("HYPERLINK") || m.group(1).equals("INDIRECT")) {
                    throw new InvalidInputException(where + ": this formula's " + m.group(1) + " could not be checked"
                            + " (=" + clip(formula) + ")");
                }
            }
            if (code.contains("|")) {
                throw new InvalidInputException(where + ": DDE links (program|topic!item) are not allowed");
            }
            if (EXTERNAL.matcher(code).find()) {
                throw new InvalidInputException(where + ": references to other workbooks or files are not allowed"
                        + " (=" + clip(formula) + ")");
            }
        }
    }

    /** The sheets (name to hidden) and defined names (name to formula) of workbook.xml. */
    private static final class WorkbookPart extends DefaultHandler {
        final Map<String, Boolean> sheets = new LinkedHashMap<>();
        final Map<String, String> names = new LinkedHashMap<>();
        private StringBuilder text;
        private String name;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if ("sheet".equals(localName)) {
                String state = attributes.getValue("state");
                sheets.put(attributes.getValue("name"), state != null && !"visible".equals(state));
            } else if ("definedName".equals(localName)) {
                name = attributes.getValue("name");
                text = new StringBuilder();
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if ("definedName".equals(localName) && text != null) {
                if (name != null && !name.startsWith("_xlnm.")) {
                    names.putIfAbsent(name, text.toString());
                }
                text = null;
            }
        }
    }

    @FunctionalInterface
    private interface FormulaSink {
        void formula(String formula, String cell);
    }

    /**
     * One worksheet's XML, streamed: the used rectangle, whether the first used row is text only
     * (a header row), the cells counted against the limit, each formula handed on, the cells'
     * links by relationship id. Rows and cells without an {@code r} follow the previous one.
     */
    private static final class SheetScan extends DefaultHandler {
        private final String sheet;
        private final ReadLimits limits;
        private final long[] cells;
        private final FormulaSink formulas;
        final Map<String, String> links = new HashMap<>();
        int lastRow = -1;
        int lastColumn = -1;
        private int firstRow = -1;
        private boolean firstRowText = true;
        private boolean moreRows;
        private int row = -1;
        private int column = -1;
        private String type;
        private boolean value;
        private StringBuilder formula;
        private boolean inFormula;

        SheetScan(String sheet, ReadLimits limits, long[] cells, FormulaSink formulas) {
            this.sheet = sheet;
            this.limits = limits;
            this.cells = cells;
            this.formulas = formulas;
        }

        boolean headerRow() {
            return firstRow >= 0 && firstRowText && moreRows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    row = r == null ? row + 1 : Integer.parseInt(r) - 1;
                    column = -1;
                }
                case "c" -> {
                    String r = attributes.getValue("r");
                    if (r == null) {
                        column++;
                    } else {
                        CellReference ref = new CellReference(r);
                        column = ref.getCol();
                        if (ref.getRow() >= 0) {
                            row = ref.getRow();
                        }
                    }
                    type = attributes.getValue("t");
                    value = false;
                    formula = null;
                }
                case "v", "is" -> value = true;
                case "f" -> {
                    inFormula = true;
                    formula = new StringBuilder();
                }
                case "hyperlink" -> {
                    String id = attributes.getValue(RELATIONSHIPS_NS, "id");
                    if (id != null) {
                        links.put(id, attributes.getValue("ref"));
                    }
                }
                default -> {
                    // nothing to count
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inFormula) {
                formula.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if ("f".equals(localName)) {
                inFormula = false;
            } else if ("c".equals(localName)) {
                boolean hasFormula = formula != null;
                if (!value && !hasFormula) {
                    return; // a styled empty cell
                }
                if (++cells[0] > limits.maxCells()) {
                    throw limits.tooManyCells("sheet '" + sheet + "', row " + (row + 1));
                }
                lastRow = Math.max(lastRow, row);
                lastColumn = Math.max(lastColumn, column);
                if (firstRow < 0) {
                    firstRow = row;
                }
                if (row == firstRow) {
                    firstRowText &= !hasFormula && ("s".equals(type) || "inlineStr".equals(type) || "str".equals(type));
                } else {
                    moreRows = true;
                }
                if (hasFormula && !formula.toString().isBlank()) {
                    formulas.formula(formula.toString(), new CellReference(row, column).formatAsString());
                }
            }
        }
    }
}
