import { PassThrough } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { RenderAbortedError, RenderTimeoutError } from '../render-aborted.error.js';
import { RenderLimitError } from '../render-limit.error.js';
import { longTable, plainSpaces, renderToBuffer, sampleReport } from '../testing/sample-report.js';
import type { ReportDocument } from '../report-document.js';
import { PdfRenderer } from './pdf.renderer.js';

/** The text pieces of every page, in drawing order (pdfkit draws each cell as one piece). */
async function pageTexts(bytes: Buffer): Promise<string[][]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(
      content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== '' ? [plainSpaces(item.str)] : [],
      ),
    );
  }
  await pdf.destroy();
  return pages;
}

async function renderPdf(document: ReportDocument = sampleReport(), renderer = new PdfRenderer()) {
  const { result, bytes } = await renderToBuffer((output) => renderer.render(document, output));
  return { result, bytes, pages: await pageTexts(bytes) };
}

describe('PdfRenderer', () => {
  it('draws the title, key-value blocks, the table and the notes, formatted for the locale', async () => {
    const { result, pages, bytes } = await renderPdf();
    const text = pages.flat();

    expect(result).toEqual({
      format: 'pdf',
      contentType: 'application/pdf',
      rowCount: 6,
      pageCount: 1,
    });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toEqual(
      expect.arrayContaining(['Monthly report — March 2024', 'Follower Zoë Ångström']),
    );
    expect(text).toEqual(
      expect.arrayContaining([
        'IBAN',
        'DE89 3704 0044 0532 0130 00',
        'Commission rate',
        '20,00 %',
        '246,91 €',
      ]),
    );
    expect(text).toEqual(
      expect.arrayContaining([
        'Follower',
        'Trades',
        'Volume',
        'P&L',
        'Commission %',
        'Day',
        'Executed at',
      ]),
    );
    expect(text).toEqual(
      expect.arrayContaining([
        'Zoë Ångström',
        '1.234',
        '1.234,568',
        '1.234,56 €',
        '20,00 %',
        '01.03.2024',
        '01.03.2024, 09:30',
      ]),
    );
    expect(text).toEqual(
      expect.arrayContaining([
        '-987.654,33 €',
        '=SUM(A1)',
        '-2+3',
        'n/a',
        'Total',
        '-986.461,77 €',
      ]),
    );
    expect(text).toEqual(
      expect.arrayContaining(['Amounts in EUR. Times in New York.', 'Page 1 of 1']),
    );
  });

  it('cuts long text to one line with an ellipsis and keeps Greek letters', async () => {
    const { pages } = await renderPdf();
    const greek = pages[0].find((piece) => piece.startsWith('Ελένη'));

    expect(greek).toMatch(/^Ελένη "the Greek", .*…$/);
  });

  it('draws the chart as vector bars with value-axis labels', async () => {
    const { pages } = await renderPdf();

    expect(pages[0]).toEqual(expect.arrayContaining(['01.03.', '04.03.', '0 €']));
  });

  it('draws characters DejaVu Sans lacks, such as CJK, as empty boxes and carries on', async () => {
    const { pages } = await renderPdf();
    const trades = pages[0].indexOf('7');

    expect(pages[0][trades - 1]).not.toContain('李雷');
    expect(pages[0].slice(trades, trades + 3)).toEqual(['7', '0,500', '-987.654,33 €']);
  });

  it('breaks a long table across pages, with the header and "Page X of Y" on every page', async () => {
    const { pages, result } = await renderPdf(sampleReport({ sections: [longTable(2_000)] }));

    expect(pages.length).toBeGreaterThan(30);
    expect(result).toMatchObject({ rowCount: 2_000, pageCount: pages.length });
    pages.forEach((page, index) => {
      expect(page).toEqual(
        expect.arrayContaining(['No.', 'Name', 'P&L', `Page ${index + 1} of ${pages.length}`]),
      );
    });
    const names = pages.flat().filter((piece) => /^Follower \d+$/.test(piece));
    expect(names).toHaveLength(2_000);
    expect(names.at(-1)).toBe('Follower 2000');
    expect(pages.at(-1)).toContain('2.000,25 €');
  });

  it('reads the rows once when the table states its row count, twice otherwise', async () => {
    const counted = longTable(300, { rowCount: 300 });
    const uncounted = longTable(300);
    await renderPdf(sampleReport({ sections: [counted] }));
    await renderPdf(sampleReport({ sections: [uncounted] }));

    expect(counted.opened()).toBe(1);
    expect(uncounted.opened()).toBe(2);
  });

  it('refuses a report over the row limit with a RenderLimitError pointing to CSV and XLSX', async () => {
    const renderer = new PdfRenderer({ maxRows: 100 });
    const table = longTable(101);

    const rendering = renderPdf(sampleReport({ sections: [table] }), renderer);
    await expect(rendering).rejects.toBeInstanceOf(RenderLimitError);
    await expect(rendering).rejects.toMatchObject({
      permanent: true,
      message: expect.stringMatching(/limited to 100 rows.*CSV or XLSX/),
    });
  });

  it('refuses without reading a row when the stated row count is over the limit', async () => {
    const table = longTable(10, { rowCount: 1_000_000 });

    await expect(renderPdf(sampleReport({ sections: [table] }))).rejects.toBeInstanceOf(
      RenderLimitError,
    );
    expect(table.opened()).toBe(0);
  });

  it('fails rather than mislabel pages when the rows do not match the stated count', async () => {
    const table = longTable(10, { rowCount: 12 });

    await expect(renderPdf(sampleReport({ sections: [table] }))).rejects.toThrow(
      /fewer rows than the 12/,
    );
  });

  it('rejects with RenderAbortedError when aborted, and RenderTimeoutError when out of time', async () => {
    const controller = new AbortController();
    const aborted = new PdfRenderer().render(
      sampleReport({ sections: [longTable(2_000)] }),
      sinkOutput(),
      {
        signal: controller.signal,
      },
    );
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(RenderAbortedError);

    const slow = longTable(10, {
      rows: async function* () {
        await setTimeout(1_000);
        yield { n: 1 };
      },
    });
    const timedOut = new PdfRenderer().render(sampleReport({ sections: [slow] }), sinkOutput(), {
      signal: AbortSignal.timeout(20),
    });
    await expect(timedOut).rejects.toBeInstanceOf(RenderTimeoutError);
  });
});

function sinkOutput() {
  return new PassThrough().resume();
}
