import type { RenderCaseResult, RenderFormat, RenderSide } from '../cases/render.case.js';
import { caseScript } from '../support/bench-paths.js';
import {
  fixed,
  mark,
  mb,
  mbChange,
  median,
  type SuiteReport,
  table,
  type TargetCheck,
  times,
  whole,
} from '../support/bench-report.js';
import type { BenchSettings } from '../support/bench-settings.js';
import { runCase } from '../support/case-runner.js';

/** Our renderer may take at most this multiple of its bare library's time. */
const TIME_TARGET = 1.3;
const FORMATS: readonly RenderFormat[] = ['csv', 'xlsx', 'pdf'];
const LIBRARY_NAMES: Record<RenderFormat, string> = {
  csv: 'csv-stringify (stream API)',
  xlsx: 'exceljs streaming WorkbookWriter',
  pdf: 'pdfkit + DejaVu Sans, plain text rows',
};

interface SideFigures {
  ok: boolean;
  error?: string;
  repeats: number;
  medianMs?: number;
  rowsPerSecond?: number;
  cpuMs?: number;
  peakRssBytes?: number;
  rssBeforeBytes?: number;
  sampledPeakRssBytes?: number;
  bytes?: number;
  windows?: RenderCaseResult['windows'];
}

interface Pair {
  format: RenderFormat;
  rows: number;
  ours: SideFigures;
  library: SideFigures;
  timeRatio?: number;
  cpuRatio?: number;
}

/** Measured renders per case: more for small sizes, where one render is a few milliseconds. */
function repeatsFor(rows: number): number {
  return rows <= 20_000 ? 5 : rows <= 200_000 ? 3 : 1;
}

/**
 * Each renderer against its bare library, same rows, same sink (a file in a
 * temporary folder), each side in its own process.
 */
export async function renderingSuite(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<SuiteReport> {
  const pairs: Pair[] = [];
  for (const format of FORMATS) {
    const sizes = settings.rendering.sizes.filter(
      (rows) => format !== 'pdf' || rows <= settings.rendering.pdfMaxRows,
    );
    for (const rows of sizes) {
      const sides: Partial<Record<RenderSide, SideFigures>> = {};
      for (const side of ['ours', 'library'] as const) {
        const repeats = repeatsFor(rows);
        log(
          `${format} ${whole(rows)} rows, ${side === 'ours' ? 'our renderer' : LIBRARY_NAMES[format]} (${repeats}x)`,
        );
        const outcome = await runCase<RenderCaseResult>(
          caseScript('render'),
          [format, side, String(rows), String(repeats)],
          {
            timeoutMs: settings.caseTimeoutMs,
          },
        );
        sides[side] = outcome.ok
          ? figures(outcome.result, outcome.process.sampledPeakRssBytes)
          : { ok: false, error: outcome.error, repeats };
        const done = sides[side];
        log(
          done.ok
            ? `  ${whole(done.rowsPerSecond)} rows/s, peak RSS ${mb(done.peakRssBytes)}`
            : `  failed: ${done.error?.split('\n')[0]}`,
        );
      }
      const ours = sides.ours!;
      const library = sides.library!;
      pairs.push({
        format,
        rows,
        ours,
        library,
        timeRatio: ours.ok && library.ok ? ours.medianMs! / library.medianMs! : undefined,
        cpuRatio: ours.ok && library.ok ? ours.cpuMs! / library.cpuMs! : undefined,
      });
    }
  }

  const targets: TargetCheck[] = pairs.map((pair) => ({
    name: `${pair.format.toUpperCase()} renderer time vs ${LIBRARY_NAMES[pair.format].split(' ')[0]}, ${whole(pair.rows)} rows`,
    measured:
      pair.timeRatio === undefined
        ? `n/a (${failureOf(pair)})`
        : `${times(pair.timeRatio)} (${fixed(pair.ours.medianMs! / 1_000, 2)} s vs ${fixed(pair.library.medianMs! / 1_000, 2)} s)`,
    target: `≤ ${TIME_TARGET}x`,
    pass: pair.timeRatio === undefined ? null : pair.timeRatio <= TIME_TARGET,
  }));

  const body = table(
    [
      'format',
      'rows',
      'ours rows/s',
      'library rows/s',
      'time ratio',
      'CPU ratio',
      'ours peak RSS',
      'library peak RSS',
      'ours / library file',
      'target ≤ 1.3x',
    ],
    pairs.map((pair) => [
      pair.format.toUpperCase(),
      whole(pair.rows),
      whole(pair.ours.rowsPerSecond),
      whole(pair.library.rowsPerSecond),
      times(pair.timeRatio),
      times(pair.cpuRatio),
      `${mb(pair.ours.peakRssBytes)} (${mb(pair.ours.rssBeforeBytes)} before)`,
      `${mb(pair.library.peakRssBytes)} (${mb(pair.library.rssBeforeBytes)} before)`,
      `${mb(pair.ours.bytes)} / ${mb(pair.library.bytes)}`,
      pair.timeRatio === undefined ? mark(null) : mark(pair.timeRatio <= TIME_TARGET),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );

  const notes = [
    ...pairs.flatMap((pair) =>
      (['ours', 'library'] as const)
        .filter((side) => !pair[side].ok)
        .map(
          (side) =>
            `${pair.format.toUpperCase()} ${whole(pair.rows)} rows, ${side}: failed: ${pair[side].error?.split('\n')[0]}`,
        ),
    ),
    ...memoryNotes(pairs),
    'Our renderers do more than the bare baselines: they format every cell by its column type (exact decimal money, percent, dates in the document\'s zone; CSV formula-injection guard), read rows through an async, paced, abortable flow that yields to the event loop every 10 ms, and (XLSX) measure the bytes queued inside exceljs to hold rows back. PDF pages also get a running title, "Page X of Y", a repeated table header, zebra stripes, and cells cut or shrunk to fit.',
    '"before" is the process\'s resident set right before the measured render, after loading its modules and an unmeasured 1,000-row warm-up; our side loads the whole rendering lib (exceljs, pdfkit and fontkit even for CSV), the library side only its library.',
  ];

  return {
    id: 'rendering',
    title: '2. Rendering: our renderers vs their bare libraries',
    method:
      'The same deterministic sales table (7 columns: integer, two texts, money, percent, date, date-time) rendered into a file in a temporary folder by our renderer (`rendererFor(format)`, a `ReportDocument` with one table and its `rowCount`) and by the bare library: ' +
      '`csv-stringify` stream API written with back-pressure; exceljs `stream.xlsx.WorkbookWriter` (useSharedStrings false, styles on, a number format per column, yielding to the event loop every 500 rows); ' +
      'pdfkit with the same DejaVu Sans TTF drawing each cell as plain text, A4, a row every 14 pt (yielding every 500 rows). ' +
      `Each side runs in its own Node process (\`--expose-gc\`), renders 1,000 rows unmeasured, then renders the full table ${[...new Set(pairs.map((pair) => pair.ours.repeats))].join('/')} time(s) (more for small tables); the median time is shown. ` +
      `Peak RSS is the kernel's high-water mark of the process (\`process.resourceUsage().maxRSS\`), cross-checked by sampling /proc every 20 ms. PDF runs up to ${whole(settings.rendering.pdfMaxRows)} rows.`,
    body,
    targets,
    notes,
    data: { timeTarget: TIME_TARGET, pairs },
  };
}

function figures(result: RenderCaseResult, sampledPeakRssBytes: number): SideFigures {
  const medianMs = median(result.windows.map((window) => window.elapsedMs));
  return {
    ok: true,
    repeats: result.windows.length,
    medianMs,
    rowsPerSecond: result.rows / (medianMs / 1_000),
    cpuMs: median(result.windows.map((window) => window.cpuMs)),
    peakRssBytes: Math.max(...result.windows.map((window) => window.peakRssBytes)),
    rssBeforeBytes: result.windows[0]?.rssAtStartBytes,
    sampledPeakRssBytes,
    bytes: result.bytes,
    windows: result.windows,
  };
}

function failureOf(pair: Pair): string {
  const failed = (['ours', 'library'] as const).filter((side) => !pair[side].ok);
  return `${failed.join(' and ')} failed`;
}

/** How each side's peak memory grows from the smallest to the largest table. */
function memoryNotes(pairs: readonly Pair[]): string[] {
  return FORMATS.flatMap((format) => {
    const sized = pairs.filter((pair) => pair.format === format && pair.ours.ok && pair.library.ok);
    if (sized.length < 2) return [];
    const [small, large] = [sized[0], sized.at(-1)!];
    const library = LIBRARY_NAMES[format].split(' ')[0];
    const growth = (side: 'ours' | 'library') =>
      mbChange(large[side].peakRssBytes! - small[side].peakRssBytes!);
    const leftOver = (side: 'ours' | 'library') =>
      mb(large[side].windows?.at(-1)?.heapUsedAfterGcBytes);
    return [
      `${format.toUpperCase()} peak RSS from ${whole(small.rows)} to ${whole(large.rows)} rows: ours ${growth('ours')}, ${library} ${growth('library')}; ` +
        `V8 heap still in use after the ${whole(large.rows)}-row render and a full GC: ours ${leftOver('ours')}, ${library} ${leftOver('library')}.`,
    ];
  });
}
