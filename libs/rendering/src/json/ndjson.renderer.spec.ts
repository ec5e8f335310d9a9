import { describe, expect, it } from 'vitest';
import { renderToBuffer, sampleReport } from '../testing/sample-report.js';
import { NdjsonRenderer } from './ndjson.renderer.js';

async function renderLines() {
  const { result, bytes } = await renderToBuffer((output) =>
    new NdjsonRenderer().render(sampleReport(), output),
  );
  const text = bytes.toString('utf8');
  return {
    result,
    text,
    lines: text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('NdjsonRenderer', () => {
  it('starts with a header line describing the document without its rows', async () => {
    const { lines } = await renderLines();

    expect(lines[0]).toMatchObject({
      type: 'header',
      title: 'Monthly report — March 2024',
      subtitle: 'Follower Zoë Ångström',
      locale: 'de-DE',
      timeZone: 'America/New_York',
      currency: 'EUR',
    });
    const sections = lines[0].sections as Record<string, unknown>[];
    expect(sections.map((section) => section.kind)).toEqual([
      'keyValue',
      'keyValue',
      'chart',
      'table',
      'notes',
    ]);
    expect(sections[1]).toEqual({
      kind: 'keyValue',
      title: 'Monthly summary',
      entries: [
        { label: 'Profit and loss', type: 'money', value: '1234.56' },
        { label: 'Commission', type: 'money', value: '246.912' },
      ],
    });
    expect(sections[2]).toMatchObject({
      valueType: 'money',
      bars: [{ label: '01.03.', value: '120.50' }, {}, { value: null }, {}],
    });
    expect(sections[3]).toMatchObject({ kind: 'table', title: 'Trades' });
    expect(sections[3].columns).toHaveLength(7);
    expect((sections[3].columns as unknown[])[3]).toEqual({
      key: 'pnl',
      header: 'P&L',
      type: 'money',
    });
  });

  it('writes one line per row with machine values keyed by column, referring to its table', async () => {
    const { lines, result } = await renderLines();
    const rows = lines.filter((line) => line.type === 'row');

    expect(result).toEqual({ format: 'json', contentType: 'application/x-ndjson', rowCount: 6 });
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual({
      type: 'row',
      section: 3,
      values: {
        name: '李雷',
        trades: 7,
        volume: 0.5,
        pnl: '-987654.325',
        commission: 12.5,
        day: '2024-03-02',
        executedAt: '2024-03-02T05:00:00.000Z',
      },
    });
    expect(rows[2].values).toMatchObject({
      name: 'Ελένη "the Greek", Jr.\nsecond line',
      pnl: '-42.10',
    });
    expect(rows[3].values).toEqual({
      name: '=SUM(A1)',
      trades: null,
      volume: null,
      pnl: '0.10',
      commission: null,
      day: null,
      executedAt: null,
    });
  });

  it('ends with the summary rows and an end line carrying the row count', async () => {
    const { lines, text } = await renderLines();

    expect(lines.at(-2)).toMatchObject({
      type: 'summary',
      section: 3,
      values: { name: 'Total', pnl: '-986461.766' },
    });
    expect(lines.at(-1)).toEqual({ type: 'end', rowCount: 6 });
    expect(text.endsWith('}\n')).toBe(true);
  });
});
