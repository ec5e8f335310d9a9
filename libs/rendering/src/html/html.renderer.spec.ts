import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { plainSpaces, renderToBuffer, sampleReport } from '../testing/sample-report.js';
import { HtmlRenderer } from './html.renderer.js';

async function renderHtml() {
  const { result, bytes } = await renderToBuffer((output) =>
    new HtmlRenderer().render(sampleReport(), output),
  );
  const html = bytes.toString('utf8');
  return { result, html, root: parse(html) };
}

const cellsOf = (row: { querySelectorAll: (selector: string) => { text: string }[] }) =>
  row.querySelectorAll('th, td').map((cell) => plainSpaces(cell.text));

describe('HtmlRenderer', () => {
  it('writes a standalone page with the title, subtitle and language of the document', async () => {
    const { root, result } = await renderHtml();

    expect(result).toEqual({
      format: 'html',
      contentType: 'text/html; charset=utf-8',
      rowCount: 6,
    });
    expect(root.querySelector('html')?.getAttribute('lang')).toBe('de-DE');
    expect(root.querySelector('title')?.text).toBe('Monthly report — March 2024');
    expect(root.querySelector('h1')?.text).toBe('Monthly report — March 2024');
    expect(root.querySelector('.subtitle')?.text).toBe('Follower Zoë Ångström');
  });

  it('formats every column type for the locale, right-aligning numbers', async () => {
    const { root } = await renderHtml();
    const table = root.querySelector('table.data');
    const rows = table?.querySelectorAll('tbody:not(.summary) tr') ?? [];

    expect(cellsOf(table!.querySelector('thead tr')!)).toEqual([
      'Follower',
      'Trades',
      'Volume',
      'P&L',
      'Commission %',
      'Day',
      'Executed at',
    ]);
    expect(rows).toHaveLength(6);
    expect(cellsOf(rows[0])).toEqual([
      'Zoë Ångström',
      '1.234',
      '1.234,568',
      '1.234,56 €',
      '20,00 %',
      '01.03.2024',
      '01.03.2024, 09:30',
    ]);
    expect(cellsOf(rows[1])).toEqual([
      '李雷',
      '7',
      '0,500',
      '-987.654,33 €',
      '12,50 %',
      '02.03.2024',
      '02.03.2024, 00:00',
    ]);
    expect(cellsOf(rows[3])).toEqual(['=SUM(A1)', '', '', '0,10 €', '', '', '']);
    expect(rows[0].querySelectorAll('td')[3].getAttribute('class')).toBe('right');
  });

  it('escapes text, so markup in data stays data', async () => {
    const { root, html } = await renderHtml();
    const rows = root.querySelectorAll('table.data tbody tr');

    expect(html).toContain('@cmd &lt;b&gt;&amp;amp;&lt;/b&gt;');
    expect(plainSpaces(rows[5].querySelector('td')!.text)).toBe('@cmd <b>&amp;</b>');
    expect(rows[2].querySelector('td')!.text).toBe('Ελένη "the Greek", Jr.\nsecond line');
  });

  it('puts summary rows in their own body, after the rows, not in a repeating footer', async () => {
    const { root } = await renderHtml();
    const summary = root.querySelectorAll('table.data tbody.summary tr');

    expect(root.querySelector('table.data tfoot')).toBeNull();
    expect(summary).toHaveLength(1);
    expect(cellsOf(summary[0]).slice(0, 4)).toEqual(['Total', '1.239', '', '-986.461,77 €']);
  });

  it('renders key-value blocks, the chart as inline SVG and notes', async () => {
    const { root } = await renderHtml();

    const entries = root.querySelectorAll('table.key-values tr').map(cellsOf);
    expect(entries).toContainEqual(['Commission rate', '20,00 %']);
    expect(entries).toContainEqual(['Commission', '246,91 €']);
    const svg = root.querySelector('section.chart svg');
    expect(svg?.getAttribute('aria-label')).toBe('Daily P&L');
    expect(svg?.querySelectorAll('rect')).toHaveLength(3);
    expect(svg?.querySelectorAll('rect.negative')).toHaveLength(1);
    expect(root.querySelectorAll('section.notes p').map((p) => p.text)).toEqual([
      'Amounts in EUR. Times in New York.',
      'Questions? Reply to this e-mail.',
    ]);
  });

  it('prints well: header rows repeat on every page and rows are not split', async () => {
    const { root } = await renderHtml();
    const css = root.querySelector('style')?.text ?? '';

    expect(css).toMatch(/@media print[^]*thead \{ display: table-header-group; \}/);
    expect(css).toMatch(/tr \{ break-inside: avoid; \}/);
  });
});
