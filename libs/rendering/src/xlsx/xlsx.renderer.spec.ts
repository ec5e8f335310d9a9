import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RenderAbortedError } from '../render-aborted.error.js';
import { longTable, renderToBuffer, sampleReport } from '../testing/sample-report.js';
import { canMeasureXlsxBacklog, xlsxBacklog } from './xlsx-backlog.js';
import { XlsxRenderer } from './xlsx.renderer.js';

async function renderWorkbook(document = sampleReport(), renderer = new XlsxRenderer()) {
  const { result, bytes } = await renderToBuffer((output) => renderer.render(document, output));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { result, workbook };
}

/** A row's values from column 1 on (exceljs puts nothing at index 0). */
function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('XlsxRenderer', () => {
  it('puts the title and key-value blocks on a first sheet and each table on its own', async () => {
    const { workbook, result } = await renderWorkbook();

    expect(result).toEqual({
      format: 'xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rowCount: 6,
      sheetCount: 2,
    });
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Report', 'Trades']);
    const overview = workbook.getWorksheet('Report')!;
    expect(overview.getCell('A1').value).toBe('Monthly report — March 2024');
    expect(overview.getCell('A2').value).toBe('Follower Zoë Ångström');
    const entries = new Map<unknown, ExcelJS.Cell>();
    overview.eachRow((row) => entries.set(row.getCell(1).value, row.getCell(2)));
    expect(entries.get('IBAN')?.value).toBe('DE89 3704 0044 0532 0130 00');
    expect(entries.get('Commission rate')?.value).toBe(0.2);
    expect(entries.get('Commission rate')?.numFmt).toBe('0.00%');
    expect(entries.get('Commission')?.value).toBe(246.912);
    expect(entries.get('Commission')?.numFmt).toBe('#,##0.00 [$€]');
    expect(entries.get('02.03.')?.value).toBe(-80);
    expect(entries.get('Amounts in EUR. Times in New York.')).toBeDefined();
  });

  it('writes typed cells with a number format per column, so Excel localises them', async () => {
    const { workbook } = await renderWorkbook();
    const sheet = workbook.getWorksheet('Trades')!;

    expect(rowValues(sheet, 1)).toEqual([
      'Follower',
      'Trades',
      'Volume',
      'P&L',
      'Commission %',
      'Day',
      'Executed at',
    ]);
    expect(rowValues(sheet, 2)).toEqual([
      'Zoë Ångström',
      1234,
      1234.5678,
      1234.56,
      0.2,
      new Date(Date.UTC(2024, 2, 1)),
      // 14:30 UTC is 09:30 in New York, the document's zone.
      new Date(Date.UTC(2024, 2, 1, 9, 30)),
    ]);
    expect(rowValues(sheet, 3)).toEqual([
      '李雷',
      7,
      0.5,
      -987654.325,
      0.125,
      new Date(Date.UTC(2024, 2, 2)),
      new Date(Date.UTC(2024, 2, 2)),
    ]);
    expect(sheet.getCell('A4').value).toBe('Ελένη "the Greek", Jr.\nsecond line');
    expect(rowValues(sheet, 5)).toEqual(['=SUM(A1)', undefined, undefined, 0.1]);
    expect(sheet.getCell('D7').value).toBe('n/a');
    expect(
      ['B2', 'C2', 'D2', 'E2', 'F2', 'G2'].map((address) => sheet.getCell(address).numFmt),
    ).toEqual(['#,##0', '#,##0.000', '#,##0.00 [$€]', '0.00%', 'mm-dd-yy', 'm/d/yy "h":mm']);
  });

  it('keeps text that looks like a formula as text', async () => {
    const { workbook } = await renderWorkbook();
    const cell = workbook.getWorksheet('Trades')!.getCell('A5');

    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  });

  it('freezes the header row, filters the data rows and ends with bold summary rows', async () => {
    const { workbook } = await renderWorkbook();
    const sheet = workbook.getWorksheet('Trades')!;

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:G7');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(rowValues(sheet, 8).slice(0, 4)).toEqual(['Total', 1239, undefined, -986461.766]);
    expect(sheet.getCell('A8').font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(28);
  });

  it('continues a table on a new sheet with the header repeated when a sheet is full', async () => {
    const renderer = new XlsxRenderer({ maxRowsPerSheet: 4 });
    const { workbook, result } = await renderWorkbook(
      sampleReport({ sections: [longTable(7)] }),
      renderer,
    );

    expect(result).toMatchObject({ rowCount: 7, sheetCount: 4 });
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Report',
      'Daily P&L',
      'Daily P&L (2)',
      'Daily P&L (3)',
    ]);
    const [, first, second, third] = workbook.worksheets;
    expect(rowValues(first, 1)).toEqual(['No.', 'Name', 'P&L']);
    expect(rowValues(first, 4)).toEqual([3, 'Follower 3', 3.25]);
    expect(first.rowCount).toBe(4);
    expect(rowValues(second, 1)).toEqual(['No.', 'Name', 'P&L']);
    expect(rowValues(second, 2)).toEqual([4, 'Follower 4', 4.25]);
    expect(rowValues(third, 2)).toEqual([7, 'Follower 7', 7.25]);
    expect(third.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(third.autoFilter).toBe('A1:C2');
  });

  it('can see the buffers inside exceljs that its back-pressure depends on', async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: new PassThrough(),
      useStyles: true,
    });
    const sheet = workbook.addWorksheet('probe');
    for (let i = 0; i < 2_000; i++) sheet.addRow([i, `row ${i}`]).commit();

    expect(canMeasureXlsxBacklog(workbook)).toBe(true);
    expect(xlsxBacklog(workbook, new PassThrough())).toBeGreaterThan(0);
  });

  it('rejects and destroys the output when aborted mid-table', async () => {
    const controller = new AbortController();
    const table = longTable(100_000, {
      rows: async function* () {
        for (let n = 1; ; n++) {
          if (n === 1_000) controller.abort();
          yield { n, name: `Follower ${n}`, pnl: n };
        }
      },
    });
    const output = new PassThrough();
    output.resume();

    await expect(
      new XlsxRenderer().render(sampleReport({ sections: [table] }), output, {
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(RenderAbortedError);
    expect(output.destroyed).toBe(true);
  });
});
