const MAX_LENGTH = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

/**
 * Hands out worksheet names Excel accepts: at most 31 characters, none of
 * `[]:*?/\`, unique regardless of case.
 */
export class SheetNames {
  private readonly taken = new Set<string>();

  /** `wanted`, or `wanted (2)`, `wanted (3)`… when taken. */
  claim(wanted: string): string {
    const base =
      wanted
        .replace(FORBIDDEN, ' ')
        .replace(/^'+|'+$/g, '')
        .trim() || 'Sheet';
    for (let attempt = 1; ; attempt++) {
      const suffix = attempt === 1 ? '' : ` (${attempt})`;
      const name = base.slice(0, MAX_LENGTH - suffix.length).trimEnd() + suffix;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}
