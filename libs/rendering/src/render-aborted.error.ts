/**
 * The caller's `AbortSignal` stopped the render. Retryable like any error but
 * `RenderLimitError`; the reason the signal carried is the `cause`.
 */
export class RenderAbortedError extends Error {
  override readonly name: string = 'RenderAbortedError';

  constructor(message = 'The render was aborted', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The signal was `AbortSignal.timeout(ms)` and the time ran out. */
export class RenderTimeoutError extends RenderAbortedError {
  override readonly name: string = 'RenderTimeoutError';

  constructor(options?: { cause?: unknown }) {
    super('The render took longer than allowed', options);
  }
}

/** The error a render rejects with once `signal` has aborted, whatever was interrupted. */
export function abortErrorFor(signal: AbortSignal): RenderAbortedError {
  const reason: unknown = signal.reason;
  if (reason instanceof RenderAbortedError) return reason;
  const isTimeout = reason instanceof Error && reason.name === 'TimeoutError';
  return isTimeout
    ? new RenderTimeoutError({ cause: reason })
    : new RenderAbortedError(undefined, { cause: reason });
}
