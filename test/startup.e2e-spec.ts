import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitUntil } from '../tools/local-services/index.js';
import { SuiteEnvironment } from './support/test-environment.js';

const builtMain = fileURLToPath(new URL('../dist/apps/report-worker/src/main.js', import.meta.url));

/** Runs the built worker the way the container does: plain `node`, configuration from the environment. */
function runBuiltWorker(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [builtMain], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => output };
}

describe('the built worker process', () => {
  beforeAll(() => {
    if (!existsSync(builtMain)) {
      throw new Error(`${builtMain} is missing: run \`npm run build\` first (npm test does).`);
    }
  });

  it('refuses to start on a bad environment, naming every problem, with a non-zero exit', async () => {
    const worker = runBuiltWorker({ PORT: 'abc', GOOGLE_CLOUD_PROJECT: 'p' });
    const [code] = await worker.exited;
    expect(code).toBe(1);
    expect(worker.output()).toContain('PORT must be a whole number between 0 and 65535, got "abc"');
    expect(worker.output()).toContain('MONGODB_URI is required');
  });

  it('exits 0 within the grace period on SIGTERM', async () => {
    const suite = new SuiteEnvironment('startup');
    const port = await freePort();
    const graceMs = 3_000;
    const worker = runBuiltWorker(
      suite.env({ PORT: String(port), SHUTDOWN_GRACE_MS: String(graceMs) }),
    );
    await waitUntil(
      async () =>
        (await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined))?.ok === true,
      {
        timeoutMs: 30_000,
        what: 'the built worker',
        alive: () => (worker.child.exitCode === null ? undefined : worker.output()),
      },
    );

    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    const [code, signal] = await worker.exited;

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(graceMs);
  });
});
