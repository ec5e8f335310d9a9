import { CsvRenderer } from './csv/csv.renderer.js';
import { HtmlRenderer } from './html/html.renderer.js';
import { NdjsonRenderer } from './json/ndjson.renderer.js';
import { PdfRenderer } from './pdf/pdf.renderer.js';
import { REPORT_FORMATS } from './report-format.js';
import { XlsxRenderer } from './xlsx/xlsx.renderer.js';
/** A new renderer for `format`, configured by its entry in `options`. */
export function rendererFor(format, options = {}) {
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
    renderers = new Map();
    constructor(renderers) {
        for (const renderer of renderers)
            this.renderers.set(renderer.format, renderer);
    }
    /** Every format this library renders, each configured by `options`. */
    static withDefaults(options = {}) {
        return new RendererRegistry(REPORT_FORMATS.map((format) => rendererFor(format, options)));
    }
    get formats() {
        return [...this.renderers.keys()];
    }
    get(format) {
        const renderer = this.renderers.get(format);
        if (!renderer)
            throw new RangeError(`No renderer for the report format "${String(format)}"`);
        return renderer;
    }
    render(format, document, output, options) {
        return this.get(format).render(document, output, options);
    }
}
let defaults;
/** Renders with every renderer's default options; a `RendererRegistry` configures them. */
export function renderReport(format, document, output, options) {
    defaults ??= RendererRegistry.withDefaults();
    return defaults.render(format, document, output, options);
}
//# sourceMappingURL=renderer.registry.js.map