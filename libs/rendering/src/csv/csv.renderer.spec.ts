import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { RenderAbortedError } from '../render-aborted.error.js';
import { longTable, renderToBuffer, sampleReport, sampleTable } from '../testing/sample-report.js';
import { CsvRenderer } from './csv.renderer.js';

async function renderCsv(document = sampleReport(), renderer = new CsvRenderer()) {
  const { result, bytes } = await renderToBuffer((output) => renderer.render(document, output));
  return {
    result,
    text: bytes.toString('utf8'),
    records: parse(bytes, { bom: true, relax_column_count: true }) as string[][],
  };
}

describe('CsvRenderer', () => {
  it('writes the header and one record per row with machine values', async () => {
    const { result, records } = await renderCsv();

    expect(result).toEqual({ format: 'csv', contentType: 'text/csv; charset=utf-8', rowCount: 6 });
    expect(records[0]).toEqual([
      'Follower',
      'Trades',
      'Volume',
      'P&L',
      'Commission %',
      'Day',
      'Executed at',
    ]);
    expect(records.slice(1, 4)).toEqual([
      [
        'Zoë Ångström',
        '1234',
        '1234.5678',
        '1234.56',
        '20',
        '2024-03-01',
        '2024-03-01T14:30:00.000Z',
      ],
      ['李雷', '7', '0.5', '-987654.325', '12.5', '2024-03-02', '2024-03-02T05:00:00.000Z'],
      [
        'Ελένη "the Greek", Jr.\nsecond line',
        '-3',
        '-2.25',
        '-42.10',
        '0',
        '2024-03-02',
        '2024-03-03T18:00:00.000Z',
      ],
    ]);
    expect(records).toHaveLength(7);
  });

  it('neutralises text a spreadsheet would run as a formula, but not negative numbers', async () => {
    const { records } = await renderCsv();

    expect(records[4]).toEqual(["'=SUM(A1)", '', '', '0.10', '', '', '']);
    expect(records[5]).toEqual(["'-2+3", '0', '0', '-0.001', '100', '2024-03-04', '']);
    expect(records[6].slice(0, 4)).toEqual(["'@cmd <b>&amp;</b>", '1', '1', 'n/a']);
    expect(records[3][1]).toBe('-3');
  });

  it('follows RFC 4180: CRLF line ends, quotes doubled inside quoted fields', async () => {
    const { text } = await renderCsv();

    expect(text.split('\r\n')[0]).toBe('Follower,Trades,Volume,P&L,Commission %,Day,Executed at');
    expect(text).toContain('"Ελένη ""the Greek"", Jr.\nsecond line",-3,');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.startsWith('\uFEFF')).toBe(false);
  });

  it('starts with a byte order mark when asked, for Excel', async () => {
    const { text } = await renderCsv(sampleReport(), new CsvRenderer({ bom: true }));
    expect(text.startsWith('\uFEFFFollower,')).toBe(true);
  });

  it('leaves out everything but tables, and separates two tables with an empty line', async () => {
    const document = sampleReport({ sections: [sampleTable(), longTable(2)] });
    const { result, text } = await renderCsv(document);

    expect(result.rowCount).toBe(8);
    expect(text).not.toContain('Monthly');
    expect(text).not.toContain('Total');
    expect(
      text.endsWith('\r\n\r\nNo.,Name,P&L\r\n1,Follower 1,1.25\r\n2,Follower 2,2.25\r\n'),
    ).toBe(true);
  });

  it('rejects and destroys the output when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const output = new PassThrough();

    await expect(
      new CsvRenderer().render(sampleReport(), output, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(RenderAbortedError);
    expect(output.destroyed).toBe(true);
  });
});
