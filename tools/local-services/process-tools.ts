import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on the loopback interface, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export async function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** Polls `ready` until it resolves true, failing with `describe()` after `timeoutMs`. */
export async function waitUntil(
  ready: () => Promise<boolean>,
  { timeoutMs, what, alive }: { timeoutMs: number; what: string; alive?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const death = alive?.();
    if (death) throw new Error(`${what} exited before it was ready: ${death}`);
    if (await ready()) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms`);
}

/**
 * A child process in its own process group, so stopping it also stops what it
 * started (the emulator's launcher starts a JVM). Output is kept, bounded, for
 * error messages.
 */
export class ManagedProcess {
  private output = '';
  private exit?: string;
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = signal ? `signal ${signal}` : `exit code ${code}`;
        resolve();
      });
      child.once('error', (error) => {
        this.exit = error.message;
        resolve();
      });
    });
  }

  static start(command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
    return new ManagedProcess(
      spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  /** Why the process has ended, or undefined while it runs. */
  exitReason(): string | undefined {
    return this.exit && `${this.exit}\n${this.output.trim()}`;
  }

  recentOutput(): string {
    return this.output;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<void> {
    if (this.exit) return;
    this.signalGroup(signal);
    const stopped = await Promise.race([this.exited.then(() => true), sleep(timeoutMs, false)]);
    if (!stopped) {
      this.signalGroup('SIGKILL');
      await this.exited;
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      if (this.child.pid) process.kill(-this.child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}
