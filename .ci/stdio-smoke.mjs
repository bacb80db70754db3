// `java -jar sheetsmith.jar stdio` as a desktop client starts it, driven by the official MCP
// TypeScript SDK's stdio client; exceljs reads the file back from the path the result names.
// Usage: node stdio-smoke.mjs JAR CONFIG DATA_DIR   (run where @modelcontextprotocol/sdk and exceljs are installed)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';

const [jar, config, data] = process.argv.slice(2);
let passed = 0, failed = 0;
const check = (ok, what, detail = '') => {
  if (ok) { passed++; console.log(`PASS ${what}`); } else { failed++; console.log(`FAIL ${what} ${detail}`); }
  return ok;
};
const transport = new StdioClientTransport({
  command: 'java', args: ['-jar', jar, 'stdio', config], stderr: 'ignore',
  env: { ...process.env, SHEETSMITH_DB_URL: `jdbc:h2:file:${data}/db`, SHEETSMITH_FILES_DIR: `${data}/files`,
    SHEETSMITH_PLUGINS_DIR: `${data}/plugins` },
});
const client = new Client({ name: 'sheetsmith-stdio-smoke', version: '1.0.0' });
try {
  await client.connect(transport);
  const info = client.getServerVersion();
  check(info?.name === 'sheetsmith' && /^\d+\.\d+\.\d+/.test(info?.version ?? ''), 'initialize: serverInfo names the build version', JSON.stringify(info));
  const names = (await client.listTools()).tools.map(t => t.name);
  check(names.includes('create_excel_file') && names.includes('read_range'), `tools/list: ${names.length} tools`);
  const created = await client.callTool({ name: 'create_excel_file', arguments: {
    filename: 'stdio-smoke.xlsx', headers: ['name', 'age'], data: [['Ada', 36], ['Linus', 54]] } });
  const path = created.structuredContent?.path;
  check(!created.isError && path && existsSync(path) && path.startsWith(data), 'create_excel_file: the file is at the path the result names', JSON.stringify(created).slice(0, 300));
  check((created.content?.[0]?.text ?? '').includes(path), 'create_excel_file: the text gives the path');
  if (path && existsSync(path)) {
    const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(path);
    const row = wb.worksheets[0].getRow(3).values.slice(1);
    check(JSON.stringify(row) === JSON.stringify(['Linus', 54]), 'exceljs reads the typed cells back', JSON.stringify(row));
  }
  const read = await client.callTool({ name: 'read_range', arguments: {
    file: created.structuredContent?.fileId, sheet: 'Sheet1', range: 'A1:B3' } });
  check(!read.isError && (read.content?.[0]?.text ?? '').includes('Linus'), 'read_range answers the rows', JSON.stringify(read).slice(0, 300));
  const bad = await client.callTool({ name: 'create_excel_file', arguments: { filename: 'x.xlsx', headers: 'nope' } });
  check(bad.isError === true, 'bad input is a tool error');
} catch (e) {
  check(false, 'stdio session', String(e?.stack ?? e));
} finally {
  await client.close().catch(() => {});
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
