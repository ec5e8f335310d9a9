import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** A TrueType font: a file path or its bytes. */
export type FontSource = string | Buffer;

export interface PdfFonts {
  readonly regular: FontSource;
  readonly bold: FontSource;
}

const require = createRequire(import.meta.url);

let dejaVu: Promise<PdfFonts> | undefined;

/**
 * DejaVu Sans, embedded (as a subset) so names in Greek, Cyrillic or with
 * any Latin accent print; the PDF standard fonts stop at Latin-1. It has no
 * CJK ideographs: those print as empty boxes unless a font covering them is
 * configured. Read once per process.
 */
export function dejaVuSans(): Promise<PdfFonts> {
  dejaVu ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return dejaVu;
}

/**
 * pdfkit keeps the shaped layout of every distinct word it has measured or
 * drawn in an embedded font (`EmbeddedFont#layoutCache`) for the life of the
 * document: about 1 GB at 100,000 rows of names and amounts. Emptying it now
 * and then keeps the speed-up for repeated words and bounds the memory.
 */
export function clearFontLayoutCaches(doc: PDFKit.PDFDocument): void {
  // oxlint-disable-next-line no-underscore-dangle -- pdfkit offers no API for this cache
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })
    ._fontFamilies;
  for (const font of Object.values(families ?? {})) {
    if (font.layoutCache) font.layoutCache = Object.create(null) as object;
  }
}
