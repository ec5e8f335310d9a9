/** One thing the demo started, and how to stop it. */
interface Step {
  readonly name: string;
  readonly stop: () => Promise<void>;
  /** What the report says was done: "stopped" unless told otherwise. */
  readonly done: string;
}

/**
 * Everything the demo started, stopped in reverse order, once, whether the
 * demo succeeded, failed or was interrupted. A start-up still in flight when
 * the stop begins (a Ctrl-C while FerretDB starts) is waited for and then
 * stopped too, so nothing it spawns is left running.
 */
export class Teardown {
  private readonly steps: Step[] = [];
  private readonly starting = new Map<Promise<unknown>, string>();
  private running?: Promise<void>;
  /** Set once the steps are being stopped: anything registered later is stopped at once. */
  private closed = false;

  constructor(private readonly report: (line: string) => void) {}

  /** Registers something already running. */
  add(name: string, stop: () => Promise<void>, done = 'stopped'): void {
    if (this.closed) {
      stop().then(
        () => this.report(`${done} ${name}`),
        (error: unknown) => this.report(`could not stop ${name}: ${(error as Error).message}`),
      );
      return;
    }
    this.steps.push({ name, stop, done });
  }

  /** Registers what `starting` resolves to, as soon as it does; returns `starting`. */
  adopt<T>(name: string, starting: Promise<T>, stop: (started: T) => Promise<void>): Promise<T> {
    this.starting.set(starting, name);
    starting.then(
      (started) => {
        this.starting.delete(starting);
        this.add(name, () => stop(started));
      },
      () => this.starting.delete(starting),
    );
    return starting;
  }

  /** Stops everything (once; later calls wait for the first). */
  run(): Promise<void> {
    this.running ??= this.stopAll();
    return this.running;
  }

  private async stopAll(): Promise<void> {
    if (this.starting.size > 0) {
      this.report(
        `waiting for ${[...this.starting.values()].join(' and ')} to finish starting, to stop ${this.starting.size > 1 ? 'them' : 'it'}`,
      );
      await Promise.allSettled([...this.starting.keys()]);
      // Let the `then` callbacks above register what started.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.closed = true;
    for (const step of this.steps.reverse()) {
      const started = Date.now();
      try {
        await step.stop();
        this.report(`${step.done} ${step.name} (${Date.now() - started} ms)`);
      } catch (error) {
        this.report(`could not stop ${step.name}: ${(error as Error).message}`);
      }
    }
    this.steps.length = 0;
  }
}
