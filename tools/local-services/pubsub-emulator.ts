import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, ManagedProcess, waitUntil } from './process-tools.js';

const run = promisify(execFile);

export interface RunningPubSubEmulator {
  /** host:port, the value for PUBSUB_EMULATOR_HOST. */
  readonly host: string;
  stop(): Promise<void>;
}

/**
 * Starts Google's Pub/Sub emulator from the installed Cloud SDK on a free
 * loopback port and waits until it answers. The emulator's own launcher is
 * used when found (it starts in about a second); `gcloud beta emulators
 * pubsub start` otherwise.
 */
export async function startPubSubEmulator(): Promise<RunningPubSubEmulator> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pubsub-emulator-'));
  const launcher = await findEmulatorLauncher();
  const emulator = launcher
    ? ManagedProcess.start(launcher, [`--host=127.0.0.1`, `--port=${port}`])
    : ManagedProcess.start('gcloud', [
        'beta',
        'emulators',
        'pubsub',
        'start',
        `--host-port=127.0.0.1:${port}`,
        `--data-dir=${dataDir}`,
        '--quiet',
      ]);
  const host = `127.0.0.1:${port}`;
  try {
    await waitUntil(() => answers(`http://${host}/`), {
      timeoutMs: 60_000,
      what: 'The Pub/Sub emulator',
      alive: () => emulator.exitReason(),
    });
  } catch (error) {
    await emulator.stop('SIGKILL');
    throw error;
  }
  return {
    host,
    async stop() {
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function findEmulatorLauncher(): Promise<string | undefined> {
  let sdkRoot: string;
  try {
    const { stdout } = await run('gcloud', ['info', '--format=value(installation.sdk_root)'], {
      timeout: 30_000,
    });
    sdkRoot = stdout.trim();
  } catch (error) {
    throw new Error(
      'The Pub/Sub emulator needs the Google Cloud SDK (`gcloud`) with the pubsub-emulator component, ' +
        'or set PUBSUB_EMULATOR_HOST to a running emulator. ' +
        `(gcloud failed: ${(error as Error).message})`,
      { cause: error },
    );
  }
  const launcher = join(sdkRoot, 'platform', 'pubsub-emulator', 'bin', 'cloud-pubsub-emulator');
  return existsSync(launcher) ? launcher : undefined;
}
