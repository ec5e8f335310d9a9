import { once } from 'node:events';
import type { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setImmediate, setTimeout } from 'node:timers/promises';
import { abortErrorFor } from './render-aborted.error.js';

export interface RenderFlowOptions {
  readonly signal?: AbortSignal;
  /**
   * The longest the flow works through rows before it yields to the event
   * loop, in milliseconds. Default 10.
   */
  readonly sliceMs?: number;
}

/**
 * Time, not a row count: 500 rows take 200 ms in a PDF and 3 ms in a CSV.
 * 10 ms keeps health checks and Pub/Sub lease renewals prompt while a large
 * report renders, at a negligible cost in throughput.
 */
const DEFAULT_SLICE_MS = 10;

/**
 * The traffic between a renderer and its output, in one place: reading rows
 * with pauses for the event loop, waiting while the output is full, noticing
 * an abort or a broken stream, and ending or destroying the output.
 *
 * Every wait here also ends when the caller aborts or a stream fails, so a
 * render never hangs on a `drain` that will not come.
 */
export class RenderFlow {
  readonly signal: AbortSignal | undefined;
  private readonly sliceMs: number;
  private sliceStart = performance.now();
  /** The first error of the output or of a watched stream. */
  private failure: Error | undefined;
  private readonly failed = new AbortController();
  /** Aborts when the caller aborts or a stream fails: what every wait listens to. */
  private readonly stopped: AbortSignal;
  private readonly detachers: (() => void)[] = [];

  constructor(
    readonly output: Writable,
    options: RenderFlowOptions = {},
  ) {
    this.signal = options.signal;
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.stopped = this.signal
      ? AbortSignal.any([this.signal, this.failed.signal])
      : this.failed.signal;

    this.watch(output);
    const onClose = () => {
      if (!output.writableFinished)
        this.failWith(new Error('The output closed before the report was complete'));
    };
    output.on('close', onClose);
    this.detachers.push(() => output.off('close', onClose));
  }

  /** Fails the render when `stream`, the output or a stage before it, emits an error. */
  watch(stream: EventEmitter): void {
    const onError = (error: Error) => this.failWith(error);
    stream.on('error', onError);
    this.detachers.push(() => stream.off('error', onError));
  }

  /** Throws if the caller aborted or a stream broke. Cheap enough for every row. */
  check(): void {
    if (this.stopped.aborted) throw this.stopReason();
  }

  /**
   * Gives the event loop a turn once the current slice of work is used up.
   * Call it once per row; it costs a clock read when it does not yield.
   */
  pace(): Promise<void> | undefined {
    if (performance.now() - this.sliceStart < this.sliceMs) return undefined;
    return setImmediate().then(() => {
      this.sliceStart = performance.now();
    });
  }

  /**
   * The table's rows (or any items), checked one by one and paced.
   * Leaving the loop early closes the source (a database cursor, say).
   */
  async *rows<T>(source: () => AsyncIterable<T> | Iterable<T>): AsyncGenerator<T, void, undefined> {
    const iterable = source();
    const iterator: AsyncIterator<T> | Iterator<T> =
      Symbol.asyncIterator in iterable
        ? iterable[Symbol.asyncIterator]()
        : iterable[Symbol.iterator]();
    let exhausted = false;
    let waiting = false;
    try {
      while (true) {
        this.check();
        waiting = true;
        // An abort also ends a wait on a slow source.
        const next = await this.unlessStopped(Promise.resolve(iterator.next()));
        waiting = false;
        if (next.done) {
          exhausted = true;
          return;
        }
        yield next.value;
        const pause = this.pace();
        if (pause) await pause;
      }
    } finally {
      // An async generator cannot return while its `next()` is pending: then
      // the source is asked to close without waiting for it to get there.
      const closing = exhausted
        ? undefined
        : Promise.resolve(iterator.return?.()).catch(() => undefined);
      if (!waiting) await closing;
    }
  }

  /** Resolves once the output wants more data. */
  async drained(): Promise<void> {
    this.check();
    if (!this.output.writableNeedDrain) return;
    await this.unlessStopped(once(this.output, 'drain', { signal: this.stopped }));
  }

  /**
   * Polls until `ready()`. For producers whose buffers emit no event when
   * they empty (exceljs's zip pipeline); the poll interval is short next to
   * the time those buffers take to drain.
   */
  async until(ready: () => boolean, pollMs = 2): Promise<void> {
    while (!ready()) {
      this.check();
      await setTimeout(pollMs);
    }
  }

  /** Resolves with `promise`, or rejects as soon as the caller aborts or a stream fails. */
  race<T>(promise: Promise<T>): Promise<T> {
    return this.unlessStopped(promise);
  }

  /** Ends the output and waits until everything written has been flushed. */
  async end(): Promise<void> {
    this.check();
    this.output.end();
    await this.unlessStopped(finished(this.output, { readable: false }));
    this.close();
  }

  /** Stops listening to the streams; for renderers whose library ends the output. */
  close(): void {
    for (const detach of this.detachers.splice(0)) detach();
  }

  /**
   * The error to reject the render with: the abort if the caller aborted,
   * whatever happened meanwhile. Destroys the output so no one mistakes the
   * partial file for a report.
   */
  fail(error: unknown): Error {
    const reported =
      this.signal?.aborted === true
        ? abortErrorFor(this.signal)
        : error instanceof Error
          ? error
          : new Error(String(error));
    this.close();
    if (!this.output.destroyed) {
      // The render's rejection reports the error; the 'error' event this
      // emits must not crash a caller that listens only to the promise.
      this.output.on('error', () => undefined);
      this.output.destroy(reported);
    }
    return reported;
  }

  private failWith(error: Error): void {
    this.failure ??= error;
    this.failed.abort(error);
  }

  private stopReason(): Error {
    if (this.signal?.aborted) return abortErrorFor(this.signal);
    return this.failure ?? new Error('The render was stopped');
  }

  /**
   * Settles as `promise` does, or rejects once the render is stopped. The
   * listener goes when the promise settles: a race against one long-lived
   * promise instead would keep a closure per row alive until the render ends.
   */
  private unlessStopped<T>(promise: Promise<T>): Promise<T> {
    const stopped = this.stopped;
    if (stopped.aborted) {
      promise.catch(() => undefined);
      return Promise.reject(this.stopReason());
    }
    return new Promise<T>((resolve, reject) => {
      const onStop = () => reject(this.stopReason());
      stopped.addEventListener('abort', onStop, { once: true });
      promise.then(
        (value) => {
          stopped.removeEventListener('abort', onStop);
          resolve(value);
        },
        (error: unknown) => {
          stopped.removeEventListener('abort', onStop);
          reject(error);
        },
      );
    });
  }
}
