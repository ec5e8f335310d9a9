/** Shorter than any real IBAN (15 characters at least): showing 4 of them would give most of it away. */
const MIN_LENGTH_TO_SHOW_TAIL = 8;
/**
 * An IBAN as it may appear in a report or an e-mail: `**** 3000`, only the
 * last 4 characters shown. The mask has a fixed width so it does not tell
 * the length, and is plain ASCII so every font and spreadsheet renders it.
 * Spaces are ignored; a value too short to be an IBAN is masked whole
 * (`****`); a missing or blank one gives ''.
 */
export function maskIban(iban) {
    if (typeof iban !== 'string')
        return '';
    const compact = iban.replace(/\s+/g, '').toUpperCase();
    if (compact === '')
        return '';
    if (compact.length < MIN_LENGTH_TO_SHOW_TAIL)
        return '****';
    return `**** ${compact.slice(-4)}`;
}
//# sourceMappingURL=iban.js.map