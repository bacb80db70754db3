#!/usr/bin/python3
"""What a LibreOffice recalculation costs and how often it agrees with Excel (issue #19, item 6).

Run with Debian's /usr/bin/python3 (its python3-uno is needed for the kept-running figures; without it
they are skipped). Needs soffice (Debian's libreoffice-calc-nogui). Usage:

    /usr/bin/python3 bench/libreoffice-recalc.py [RUNS]      (default 5 runs per figure; 0: golden set only)

Prints, for a 10-row and a 10,000-row xlsx (three columns, one VLOOKUP formula a row):
  - cold: one `soffice --convert-to xlsx` per call with a fresh private profile (-env:UserInstallation),
  - warm profile: the same with a profile kept between calls (what the adapter does),
  - kept running: one soffice started once with --accept, driven over UNO (load, calculateAll, store);
and, for ../shared/peer-fixtures/formula_golden.json, how many cases LibreOffice's recalculated value
matches Excel's (the recording project's rules: booleans as booleans, numbers with isclose 1e-12 or the
case's tolerance, the rest equal), with the formulas as written and with the _xlfn. prefixes Excel writes.
The workbook is written here as raw SpreadsheetML (no library): the inputs from A1 (ISO dates as dates,
as write_range stores them), the defined names, the Orders table, hidden rows, case i in Cases!A{1+25i}.
"""
import datetime
import json
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _golden():
    # ../shared beside the checkout (CI: X/main and X/shared); worktrees sit one level deeper.
    d = ROOT
    while True:
        candidate = os.path.join(os.path.dirname(d), "shared", "peer-fixtures", "formula_golden.json")
        if os.path.exists(candidate) or os.path.dirname(d) == d:
            return candidate
        d = os.path.dirname(d)


GOLDEN = _golden()
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
# Functions Excel stores with _xlfn. (added since Excel 2007), among those the golden set uses.
XLFN = """AGGREGATE BINOM.DIST CEILING.MATH CHOOSECOLS CHOOSEROWS CONCAT CONFIDENCE.NORM COVARIANCE.P
COVARIANCE.S DAYS DROP EXPON.DIST FLOOR.MATH FORECAST.LINEAR HSTACK IFNA IFS ISOWEEKNUM LET MAXIFS MINIFS
MODE.SNGL NETWORKDAYS.INTL NORM.DIST NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE PDURATION PERCENTILE.EXC
PERCENTILE.INC PERCENTRANK.EXC PERCENTRANK.INC POISSON.DIST QUARTILE.EXC QUARTILE.INC RANK.AVG RANK.EQ RRI
SEQUENCE SORTBY STDEV.S STDEV.P SWITCH TAKE TEXTJOIN UNICHAR UNICODE UNIQUE VAR.P VAR.S VSTACK WORKDAY.INTL
XLOOKUP XMATCH XOR""".split()
XLWS = {"SORT", "FILTER"}
ARRAY_FUNCS = {"SORT", "SORTBY", "FILTER", "UNIQUE", "SEQUENCE", "TRANSPOSE", "HSTACK", "VSTACK", "TAKE", "DROP",
               "CHOOSECOLS", "CHOOSEROWS", "TREND"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def cell_xml(ref, v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v!r}</v></c>'
    if v.startswith("="):
        return f'<c r="{ref}"><f>{escape(v[1:])}</f></c>'
    if ISO_DATE.match(v):
        serial = (datetime.date.fromisoformat(v) - datetime.date(1899, 12, 30)).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'


def write_xlsx(path, sheets, names=None, hidden=None, tables=None):
    """sheets: {name: {(row, col): cell xml}} (0-based), tables: [(sheet, ref, table xml)]."""
    names, hidden, tables = names or {}, hidden or {}, tables or []
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    ct = ['<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>']
    wb_sheets, wb_rels = [], []
    for n, (name, cells) in enumerate(sheets.items(), 1):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        wb_sheets.append(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>')
        wb_rels.append(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>')
        rows = {}
        for (r, c), xml in cells.items():
            rows.setdefault(r, []).append((c, xml))
        out = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>']
        for r in sorted(set(rows) | {h - 1 for h in hidden.get(name, [])}):
            attr = ' hidden="1"' if r + 1 in hidden.get(name, []) else ""
            out.append(f'<row r="{r + 1}"{attr}>' + "".join(x for _, x in sorted(rows.get(r, []))) + "</row>")
        out.append("</sheetData>")
        mine = [t for t in tables if t[0] == name]
        if mine:
            out.append(f'<tableParts count="{len(mine)}">' + "".join(
                f'<tablePart r:id="rT{i}"/>' for i in range(len(mine))) + "</tableParts>")
            z.writestr(f"xl/worksheets/_rels/sheet{n}.xml.rels",
                       '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       + "".join(f'<Relationship Id="rT{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/{t[1]}.xml"/>'
                                 for i, t in enumerate(mine)) + "</Relationships>")
        out.append("</worksheet>")
        z.writestr(f"xl/worksheets/sheet{n}.xml", "".join(out))
    for i, (_, tname, txml) in enumerate(tables):
        ct.append(f'<Override PartName="/xl/tables/{tname}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>')
        z.writestr(f"xl/tables/{tname}.xml", txml)
    n = len(sheets) + 1
    wb_rels.append(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    defined = "".join(f'<definedName name="{escape(k)}">{escape(v)}</definedName>' for k, v in names.items())
    z.writestr("[Content_Types].xml", "".join(ct) + "</Types>")
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
               + "".join(wb_sheets) + "</sheets>" + (f"<definedNames>{defined}</definedNames>" if defined else "") + "</workbook>")
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(wb_rels) + "</Relationships>")
    z.writestr("xl/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
               '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    z.close()


def read_values(path):
    """{sheet name: {cell ref: value}} from an xlsx LibreOffice wrote, read as raw XML."""
    import xml.etree.ElementTree as ET
    z = zipfile.ZipFile(path)
    q = lambda t: "{%s}%s" % (NS, t)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(q("si")):
            shared.append("".join(t.text or "" for t in si.iter(q("t"))))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    result = {}
    for s in wb.iter(q("sheet")):
        rid = s.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        cells = {}
        for c in ET.fromstring(z.read("xl/" + target[rid].lstrip("/").replace("xl/", ""))).iter(q("c")):
            v, t = c.find(q("v")), c.get("t", "n")
            if v is None:
                continue
            text = v.text or ""
            cells[c.get("r")] = (float(text) if t == "n" else text == "1" if t == "b"
                                 else shared[int(text)] if t == "s" else text)
        result[s.get("name")] = cells
    return result


def profile(directory):
    os.makedirs(os.path.join(directory, "user"), exist_ok=True)
    with open(os.path.join(directory, "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC_ALWAYS)
    return "file://" + directory


def convert(src, outdir, prof):
    t0 = time.monotonic()
    subprocess.run([SOFFICE, "-env:UserInstallation=" + prof, "--headless", "--norestore", "--convert-to", "xlsx",
                    "--outdir", outdir, src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return time.monotonic() - t0


def bench_book(path, rows):
    cells = {}
    for r in range(rows):
        cells[(r, 0)] = f'<c r="A{r + 1}"><v>{r + 1}</v></c>'
        cells[(r, 1)] = f'<c r="B{r + 1}"><v>{(r + 1) * 1.5}</v></c>'
        cells[(r, 2)] = f'<c r="C{r + 1}"><f>A{r + 1}*B{r + 1}+IFERROR(VLOOKUP(A{r + 1},A$1:B${rows},2,FALSE),0)</f></c>'
    write_xlsx(path, {"Data": cells})


class Running:
    """One soffice started once, driven over UNO (python3-uno)."""

    def __init__(self, work):
        import uno  # noqa: F401  (Debian's python3-uno)
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.proc = subprocess.Popen([SOFFICE, "-env:UserInstallation=" + profile(os.path.join(work, "uno-profile")),
                                      "--headless", "--invisible", "--norestore", "--nologo",
                                      f"--accept=socket,host=127.0.0.1,port={self.port};urp;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        t0 = time.monotonic()
        while True:
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={self.port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() - t0 > 60:
                    raise
                time.sleep(0.2)
        self.start_seconds = time.monotonic() - t0
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    def recalc(self, src, dst):
        import uno
        from com.sun.star.beans import PropertyValue

        def props(**kw):
            out = []
            for k, v in kw.items():
                p = PropertyValue()
                p.Name, p.Value = k, v
                out.append(p)
            return tuple(out)
        t0 = time.monotonic()
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, props(Hidden=True))
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(dst), props(FilterName="Calc MS Excel 2007 XML"))
        doc.close(True)
        return time.monotonic() - t0

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        self.proc.wait(timeout=30)


def golden_book(path, golden, prefixed):
    sheets = {}
    for name, rows in golden["inputs"].items():
        cells = {}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                xml = cell_xml(f"{col_name(c)}{r + 1}", v)
                if xml:
                    cells[(r, c)] = xml
        sheets[name] = cells
    tables = []
    for t in golden["tables"]:
        first, last = t["range"].split(":")
        header = golden["inputs"][t["sheet"]][0]
        last_row = int(re.sub(r"[A-Z]", "", last)) + (1 if t["options"].get("totals_row") else 0)
        options = {c["name"]: c for c in t["options"].get("columns", [])}
        cols, cells = [], sheets[t["sheet"]]
        for i, h in enumerate(header):
            o = options.get(h, {})
            attrs, inner = f'id="{i + 1}" name="{escape(h)}"', ""
            if "formula" in o:
                f = re.sub(r"\[@(\w+)\]", lambda m: f"{t['name']}[[#This Row],[{m.group(1)}]]", o["formula"][1:])
                inner = f"<calculatedColumnFormula>{escape(f)}</calculatedColumnFormula>"
                for r in range(1, last_row - 1):
                    cells[(r, i)] = f'<c r="{col_name(i)}{r + 1}"><f>{escape(f)}</f></c>'
            if "total" in o:
                code = {"sum": 109, "average": 101, "count": 103, "max": 104, "min": 105}[o["total"]]
                attrs += f' totalsRowFunction="{o["total"]}"'
                cells[(last_row - 1, i)] = f'<c r="{col_name(i)}{last_row}"><f>SUBTOTAL({code},{t["name"]}[{escape(h)}])</f></c>'
            cols.append(f"<tableColumn {attrs}>{inner}</tableColumn>")
        ref = f"{first}:{col_name(len(header) - 1)}{last_row}"
        tables.append((t["sheet"], t["name"], f'<?xml version="1.0" encoding="UTF-8"?><table xmlns="{NS}" id="{len(tables) + 1}" '
                       f'name="{t["name"]}" displayName="{t["name"]}" ref="{ref}" totalsRowCount="{1 if t["options"].get("totals_row") else 0}">'
                       f'<autoFilter ref="{first}:{col_name(len(header) - 1)}{last_row - 1}"/><tableColumns count="{len(header)}">'
                       + "".join(cols) + '</tableColumns><tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/></table>'))
    cases = sheets.setdefault("Cases", {})
    for i, case in enumerate(golden["cases"]):
        f = case["formula"][1:]
        funcs = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", f))
        if prefixed:
            f = re.sub(r"(?<![A-Za-z0-9._])([A-Z][A-Z0-9.]*)\(", lambda m: (
                "_xlfn._xlws." if m.group(1) in XLWS else "_xlfn." if m.group(1) in XLFN else "") + m.group(0), f)
        array = ' t="array" ref="A%d"' % (1 + 25 * i) if funcs & ARRAY_FUNCS else ""
        cases[(25 * i, 0)] = f'<c r="A{1 + 25 * i}"><f{array}>{escape(f)}</f></c>'
    write_xlsx(path, sheets, golden["names"], golden["hidden_rows"], tables)


def same(expected, actual, tol):
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=tol, abs_tol=tol)
    return expected == actual


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    work = tempfile.mkdtemp(prefix="lo-bench-")
    print(f"{subprocess.run([SOFFICE, '--version'], capture_output=True, text=True).stdout.strip()}; "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; p50 of {runs} runs")
    try:
        books = {}
        for label, rows in (("10 rows", 10), ("10,000 rows", 10_000)):
            books[label] = os.path.join(work, f"{rows}.xlsx")
            bench_book(books[label], rows)
        for label, path in books.items() if runs else ():
            cold = [convert(path, os.path.join(work, "out"), profile(tempfile.mkdtemp(dir=work))) for _ in range(runs)]
            kept = profile(os.path.join(work, "kept-profile"))
            convert(path, os.path.join(work, "out"), kept)
            warm = [convert(path, os.path.join(work, "out"), kept) for _ in range(runs)]
            print(f"{label:>12}: cold (new profile) {statistics.median(cold):.2f} s, "
                  f"warm profile {statistics.median(warm):.2f} s (min {min(warm):.2f}, max {max(warm):.2f})")
        try:
            running = Running(work) if runs else None
        except ImportError:
            running = None
            print("kept running: skipped (no python3-uno; run with Debian's /usr/bin/python3)")
        if running:
            try:
                print(f"kept running: soffice start to first UNO answer {running.start_seconds:.2f} s")
                for label, path in books.items():
                    running.recalc(path, os.path.join(work, "uno.xlsx"))
                    times = [running.recalc(path, os.path.join(work, "uno.xlsx")) for _ in range(runs)]
                    print(f"{label:>12}: kept running (UNO load + calculateAll + store) {statistics.median(times):.2f} s")
            finally:
                running.close()
        if not os.path.exists(GOLDEN):
            print(f"golden set not found at {GOLDEN}: skipped")
            return
        golden = json.load(open(GOLDEN, encoding="utf-8"))
        for prefixed in (False, True):
            src = os.path.join(work, f"golden-{prefixed}.xlsx")
            golden_book(src, golden, prefixed)
            out = os.path.join(work, f"golden-out-{prefixed}")
            seconds = convert(src, out, profile(os.path.join(work, "golden-profile")))
            values = read_values(os.path.join(out, os.path.basename(src))).get("Cases", {})
            match = differ = missing = names = 0
            for i, case in enumerate(golden["cases"]):
                v = values.get(f"A{1 + 25 * i}")
                if v is None:
                    missing += 1
                elif same(case["expected"], v, case.get("tolerance", 1e-12)):
                    match += 1
                else:
                    differ += 1
                    names += v == "#NAME?"
            n = len(golden["cases"])
            print(f"golden set, {'with _xlfn. prefixes' if prefixed else 'as written      '}: {match}/{n} match Excel "
                  f"({100 * match / n:.1f} %), {differ} differ ({names} of them #NAME?), {missing} without a value; "
                  f"recalculated in {seconds:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
