import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { CaseMessage } from './resource-meter.js';
import { RssSampler, type RssSamples } from './process-sampler.js';

export interface CaseOptions {
  /** Environment of the child; the parent's by default. */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly cwd?: string;
  /** Node flags. Default: `--expose-gc`, so the case can start from a collected heap. */
  readonly execArgv?: readonly string[];
}

export type CaseOutcome<T> =
  | { ok: true; result: T; process: RssSamples; wallMs: number }
  | { ok: false; error: string; process: RssSamples; wallMs: number };

/**
 * Runs one case in its own Node process, so that its memory is its own: the
 * child reports its measurements over IPC while this side samples the
 * child's resident set every 20 ms from /proc.
 */
export async function runCase<T>(
  script: string,
  args: readonly string[],
  options: CaseOptions,
): Promise<CaseOutcome<T>> {
  const startedAt = performance.now();
  const child = fork(script, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    execArgv: [...(options.execArgv ?? ['--expose-gc'])],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const sampler = new RssSampler(child.pid!).start();
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-6_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let message: CaseMessage<T> | undefined;
  child.on('message', (received) => {
    message = received as CaseMessage<T>;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const [code, signal] = await exited;
  clearTimeout(timer);
  const samples = sampler.stop();
  const wallMs = performance.now() - startedAt;

  if (message?.kind === 'result')
    return { ok: true, result: message.result, process: samples, wallMs };
  const reason = timedOut
    ? `timed out after ${Math.round(options.timeoutMs / 1_000)} s`
    : message?.kind === 'failure'
      ? message.error
      : `exited (${signal ? `signal ${signal}` : `code ${code}`}) without a result`;
  return {
    ok: false,
    error: `${reason}${output.trim() ? `\n--- output ---\n${output.trim()}` : ''}`,
    process: samples,
    wallMs,
  };
}
