import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import type { ReportDocument } from '../../libs/rendering/src/index.js';
import {
  collectGarbage,
  ResourceMeter,
  type ResourceWindow,
  runAsCase,
} from '../support/resource-meter.js';
import { SAMPLE_COLUMNS, type SampleRow, sampleRows } from '../support/sample-rows.js';

/**
 * Renders the sample table of `rows` rows into a file in a temporary folder,
 * with our renderer or with the bare library it is built on, `repeats` times,
 * after an unmeasured warm-up of 1,000 rows.
 *
 * Usage: render.case.js csv|xlsx|pdf ours|library ROWS REPEATS
 */
export type RenderFormat = 'csv' | 'xlsx' | 'pdf';
export type RenderSide = 'ours' | 'library';

export interface RenderCaseResult {
  format: RenderFormat;
  side: RenderSide;
  rows: number;
  /** One window per measured repeat. */
  windows: ResourceWindow[];
  /** Size of the file written, bytes. */
  bytes: number;
}

const WARMUP_ROWS = 1_000;
/** Rows a bare-library loop writes before it lets the event loop run (streams flush then). */
const LIBRARY_YIELD_ROWS = 500;
const require = createRequire(import.meta.url);
const DEJAVU_SANS = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

type Render = (rows: number, output: WriteStream) => Promise<void>;

// Each side loads only the modules it uses (dynamic imports), so its memory is its own.

const ours = async (format: RenderFormat): Promise<Render> => {
  const { rendererFor } = await import('../../libs/rendering/src/index.js');
  // PDF's default limit is 50,000 rows; the benchmark asks for more on purpose.
  const renderer = rendererFor(format, { pdf: { maxRows: 10_000_000 } });
  return async (rows, output) => {
    const document: ReportDocument = {
      title: 'Sales benchmark',
      locale: 'en-US',
      timeZone: 'UTC',
      currency: 'EUR',
      sections: [
        {
          kind: 'table',
          title: 'Sales',
          columns: SAMPLE_COLUMNS,
          rows: () => sampleRows(rows),
          rowCount: rows,
        },
      ],
    };
    await renderer.render(document, output);
  };
};

/** csv-stringify's stream API, written with back-pressure. */
const csvLibrary = async (): Promise<Render> => {
  const { stringify } = await import('csv-stringify');
  return async (rows, output) => {
    const stringifier = stringify({
      header: true,
      columns: SAMPLE_COLUMNS.map(({ key, header }) => ({ key, header })),
      record_delimiter: 'windows',
      cast: { date: (value) => value.toISOString() },
    });
    const written = pipeline(stringifier, output);
    for (const row of sampleRows(rows)) {
      if (!stringifier.write(row)) await once(stringifier, 'drain');
    }
    stringifier.end();
    await written;
  };
};

/** exceljs's streaming writer, typed cells with a number format per column. */
const xlsxLibrary = async (): Promise<Render> => {
  const { default: ExcelJS } = await import('exceljs');
  return async (rows, output) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useSharedStrings: false,
      useStyles: true,
    });
    const sheet = workbook.addWorksheet('Sales');
    sheet.columns = [
      { header: 'No.', key: 'seq', width: 12, style: { numFmt: '#,##0' } },
      { header: 'Customer', key: 'customer', width: 28 },
      { header: 'Region', key: 'region', width: 14 },
      { header: 'Amount', key: 'amount', width: 16, style: { numFmt: '#,##0.00 "€"' } },
      { header: 'Share', key: 'share', width: 10, style: { numFmt: '0.00%' } },
      { header: 'Sold on', key: 'soldOn', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
      { header: 'Sold at', key: 'soldAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    ];
    let n = 0;
    for (const row of sampleRows(rows)) {
      sheet
        .addRow({ ...row, share: row.share / 100, soldOn: new Date(`${row.soldOn}T00:00:00Z`) })
        .commit();
      if (++n % LIBRARY_YIELD_ROWS === 0) await setImmediate();
    }
    sheet.commit();
    await workbook.commit();
    if (!output.writableFinished) await finished(output);
  };
};

/** pdfkit with the same DejaVu Sans, the cells drawn as plain text rows. */
const pdfLibrary = async (): Promise<Render> => {
  const { default: PdfDocument } = await import('pdfkit');
  return async (rows, output) => {
    const doc = new PdfDocument({ size: 'A4', margin: 40, font: DEJAVU_SANS });
    doc.pipe(output);
    doc.fontSize(8.5);
    const columnX = [40, 80, 225, 290, 370, 420, 480];
    const top = 52;
    const bottom = 841.89 - 48;
    let y = top;
    let n = 0;
    for (const row of sampleRows(rows)) {
      if (y + 14 > bottom) {
        doc.addPage();
        y = top;
      }
      cellsOf(row).forEach((text, i) => doc.text(text, columnX[i], y, { lineBreak: false }));
      y += 14;
      if (++n % LIBRARY_YIELD_ROWS === 0) await setImmediate();
    }
    doc.end();
    await finished(output);
  };
};

function cellsOf(row: SampleRow): string[] {
  return [
    String(row.seq),
    row.customer,
    row.region,
    row.amount.toFixed(2),
    String(row.share),
    row.soldOn,
    row.soldAt.toISOString(),
  ];
}

const LIBRARY: Record<RenderFormat, () => Promise<Render>> = {
  csv: csvLibrary,
  xlsx: xlsxLibrary,
  pdf: pdfLibrary,
};

const [format, side, rowsArgument, repeatsArgument] = process.argv.slice(2) as [
  RenderFormat,
  RenderSide,
  string,
  string,
];
runAsCase(async (): Promise<RenderCaseResult> => {
  if (!(format in LIBRARY)) throw new Error(`unknown format "${format}"`);
  if (side !== 'ours' && side !== 'library') throw new Error(`unknown side "${side}"`);
  const rows = Number(rowsArgument);
  const repeats = Number(repeatsArgument ?? 1);
  const render = await (side === 'ours' ? ours(format) : LIBRARY[format]());
  const folder = mkdtempSync(join(tmpdir(), 'bench-render-'));
  const file = join(folder, `out.${format}`);
  try {
    await render(Math.min(rows, WARMUP_ROWS), createWriteStream(file));
    collectGarbage();
    const windows: ResourceWindow[] = [];
    for (let i = 0; i < repeats; i++) {
      const output = createWriteStream(file);
      const meter = ResourceMeter.open();
      await render(rows, output);
      windows.push(meter.close());
    }
    return { format, side, rows, windows, bytes: statSync(file).size };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
