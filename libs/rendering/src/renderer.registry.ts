import type { Writable } from 'node:stream';
import { CsvRenderer, type CsvRendererOptions } from './csv/csv.renderer.js';
import { HtmlRenderer } from './html/html.renderer.js';
import { NdjsonRenderer } from './json/ndjson.renderer.js';
import { PdfRenderer, type PdfRendererOptions } from './pdf/pdf.renderer.js';
import type { ReportDocument } from './report-document.js';
import { REPORT_FORMATS, type ReportFormat } from './report-format.js';
import type { RenderOptions, RenderResult, ReportRenderer } from './report-renderer.js';
import { XlsxRenderer, type XlsxRendererOptions } from './xlsx/xlsx.renderer.js';

/** Each renderer's options under its format; formats without options have no entry. */
export interface RendererRegistryOptions {
  readonly pdf?: PdfRendererOptions;
  readonly xlsx?: XlsxRendererOptions;
  readonly csv?: CsvRendererOptions;
}

/** A new renderer for `format`, configured by its entry in `options`. */
export function rendererFor(
  format: ReportFormat,
  options: RendererRegistryOptions = {},
): ReportRenderer {
  switch (format) {
    case 'pdf':
      return new PdfRenderer(options.pdf);
    case 'xlsx':
      return new XlsxRenderer(options.xlsx);
    case 'csv':
      return new CsvRenderer(options.csv);
    case 'html':
      return new HtmlRenderer();
    case 'json':
      return new NdjsonRenderer();
  }
}

/** Picks the renderer for a format. One instance serves any number of concurrent renders. */
export class RendererRegistry {
  private readonly renderers = new Map<ReportFormat, ReportRenderer>();

  constructor(renderers: Iterable<ReportRenderer>) {
    for (const renderer of renderers) this.renderers.set(renderer.format, renderer);
  }

  /** Every format this library renders, each configured by `options`. */
  static withDefaults(options: RendererRegistryOptions = {}): RendererRegistry {
    return new RendererRegistry(REPORT_FORMATS.map((format) => rendererFor(format, options)));
  }

  get formats(): ReportFormat[] {
    return [...this.renderers.keys()];
  }

  get(format: ReportFormat): ReportRenderer {
    const renderer = this.renderers.get(format);
    if (!renderer) throw new RangeError(`No renderer for the report format "${String(format)}"`);
    return renderer;
  }

  render(
    format: ReportFormat,
    document: ReportDocument,
    output: Writable,
    options?: RenderOptions,
  ): Promise<RenderResult> {
    return this.get(format).render(document, output, options);
  }
}

let defaults: RendererRegistry | undefined;

/** Renders with every renderer's default options; a `RendererRegistry` configures them. */
export function renderReport(
  format: ReportFormat,
  document: ReportDocument,
  output: Writable,
  options?: RenderOptions,
): Promise<RenderResult> {
  defaults ??= RendererRegistry.withDefaults();
  return defaults.render(format, document, output, options);
}
