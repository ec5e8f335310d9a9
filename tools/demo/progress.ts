const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** How often a waiting line is repeated when the output is not a terminal. */
const PLAIN_HEARTBEAT_MS = 15_000;

/**
 * The demo's output: plain lines, and while it waits a status line with a
 * spinner and the elapsed time, redrawn in place on a terminal. Piped or
 * redirected output gets plain lines only (and a heartbeat now and then), so
 * a log file has no control characters.
 */
export class Progress {
  private readonly tty: boolean;
  private status?: () => string;
  private waitingSince = 0;
  private timer?: NodeJS.Timeout;
  private frame = 0;
  private drawn = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {
    this.tty = Boolean(out.isTTY);
    // A reader that went away (`npm run demo | head`) must not crash the demo.
    out.on('error', () => undefined);
  }

  get interactive(): boolean {
    return this.tty;
  }

  /** One line of output, kept above the status line. */
  line(text = ''): void {
    this.clearStatus();
    this.out.write(`${text}\n`);
    this.drawStatus();
  }

  /** Shows `describe()` with a spinner and the elapsed time until `done()`. */
  waiting(describe: () => string): void {
    this.done();
    this.status = describe;
    this.waitingSince = Date.now();
    if (this.tty) {
      this.timer = setInterval(() => this.drawStatus(), 100);
      this.drawStatus();
    } else {
      this.out.write(`… ${describe()}\n`);
      this.timer = setInterval(
        () => this.out.write(`… ${describe()} (${seconds(Date.now() - this.waitingSince)})\n`),
        PLAIN_HEARTBEAT_MS,
      );
    }
    this.timer.unref();
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearStatus();
    this.status = undefined;
  }

  /** Colours a symbol or a word on a terminal; plain text otherwise. */
  paint(text: string, colour: 'green' | 'red' | 'yellow' | 'dim' | 'bold'): string {
    if (!this.tty) return text;
    const codes = { green: 32, red: 31, yellow: 33, dim: 2, bold: 1 } as const;
    return `\u001b[${codes[colour]}m${text}\u001b[0m`;
  }

  private drawStatus(): void {
    if (!this.tty || !this.status) return;
    this.frame = (this.frame + 1) % SPINNER.length;
    const text = `${SPINNER[this.frame]} ${this.status()} · ${seconds(Date.now() - this.waitingSince)}`;
    const width = this.out.columns ?? 100;
    this.out.write(`\r\u001b[2K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
    this.drawn = true;
  }

  private clearStatus(): void {
    if (!this.drawn) return;
    this.out.write('\r\u001b[2K');
    this.drawn = false;
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
