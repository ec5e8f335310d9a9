import { PassThrough, Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RendererRegistry, rendererFor, renderReport } from './renderer.registry.js';
import { REPORT_FORMATS, isReportFormat, type ReportFormat } from './report-format.js';
import { longTable, memoryOutput, sampleReport } from './testing/sample-report.js';
import { XlsxRenderer } from './xlsx/xlsx.renderer.js';

describe('RendererRegistry', () => {
  it('has a renderer for every format, with its content type and file extension', () => {
    const registry = RendererRegistry.withDefaults();
    const details = REPORT_FORMATS.map((format) => {
      const { contentType, fileExtension } = registry.get(format);
      return [format, contentType, fileExtension];
    });

    expect(details).toEqual([
      ['pdf', 'application/pdf', 'pdf'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
      ['csv', 'text/csv; charset=utf-8', 'csv'],
      ['html', 'text/html; charset=utf-8', 'html'],
      ['json', 'application/x-ndjson', 'ndjson'],
    ]);
  });

  it('refuses a format it does not know', () => {
    expect(() => new RendererRegistry([]).get('pdf')).toThrow(RangeError);
    expect(isReportFormat('docx')).toBe(false);
    expect(isReportFormat('xlsx')).toBe(true);
  });

  it('hands out one configured renderer', () => {
    const renderer = rendererFor('xlsx', { xlsx: { maxRowsPerSheet: 10 } });

    expect(renderer).toBeInstanceOf(XlsxRenderer);
    expect(rendererFor('csv').format).toBe('csv');
  });

  it('passes renderer options on', async () => {
    const registry = RendererRegistry.withDefaults({ csv: { bom: true } });
    const output = memoryOutput();
    await registry.render('csv', sampleReport(), output);

    expect(output.bytes().toString('utf8').startsWith('\uFEFF')).toBe(true);
  });
});

describe.each(REPORT_FORMATS)('renderReport(%s)', (format: ReportFormat) => {
  it('renders with the renderer of the format, and ends the output', async () => {
    const output = memoryOutput();
    const result = await renderReport(format, sampleReport(), output);

    expect(result).toMatchObject({ format, rowCount: 6 });
    expect(output.writableFinished).toBe(true);
    expect(output.bytes().length).toBeGreaterThan(0);
  });

  it('never writes to an output that asked it to wait', async () => {
    const output = new SlowOutput();
    const result = await renderReport(
      format,
      sampleReport({ sections: [longTable(3_000)] }),
      output,
    );

    expect(result.rowCount).toBe(3_000);
    expect(output.writesWhileFull).toBe(0);
    expect(output.drains).toBeGreaterThan(0);
  });

  it("rejects with the output's error and closes the rows", async () => {
    let closed = false;
    const table = longTable(0, {
      rows: async function* () {
        try {
          for (let n = 1; ; n++) yield { n, name: `Follower ${n}`, pnl: n };
        } finally {
          closed = true;
        }
      },
      rowCount: 20_000,
    });
    const output = new PassThrough();
    let written = 0;
    output.on('data', (chunk: Buffer) => {
      written += chunk.length;
      if (written > 4_096) output.destroy(new Error('disk full'));
    });

    await expect(renderReport(format, sampleReport({ sections: [table] }), output)).rejects.toThrow(
      'disk full',
    );
    expect(closed).toBe(true);
  });
});

/** Takes a chunk per turn of the event loop with a small buffer, and notes any write made while it was full. */
class SlowOutput extends Writable {
  writesWhileFull = 0;
  drains = 0;

  constructor() {
    super({ highWaterMark: 1024 });
    this.on('drain', () => this.drains++);
  }

  override write(chunk: unknown, ...rest: unknown[]): boolean {
    if (this.writableNeedDrain) this.writesWhileFull++;
    return (super.write as (chunk: unknown, ...rest: unknown[]) => boolean)(chunk, ...rest);
  }

  override _write(
    _chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    void setImmediate().then(() => callback());
  }
}
