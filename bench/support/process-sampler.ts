import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` times; 100 on nearly every Linux. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** What the kernel says of a process right now. */
export interface ProcessSnapshot {
  /** Resident set, bytes. */
  rssBytes: number;
  /** Its anonymous part (heaps, buffers); the rest is file-backed (the node binary, shared libraries). */
  rssAnonBytes: number;
  /** The kernel's high-water mark of the resident set since the process started, bytes. */
  peakRssBytes: number;
  /** User plus system CPU time of the process so far, milliseconds (10 ms resolution). */
  cpuMs: number;
}

/** Reads `/proc/<pid>`; undefined once the process is gone (or off Linux). */
export function snapshot(pid: number): ProcessSnapshot | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return {
      rssBytes: kibibytes(status, 'VmRSS'),
      rssAnonBytes: kibibytes(status, 'RssAnon'),
      peakRssBytes: kibibytes(status, 'VmHWM'),
      cpuMs: (ticks * 1_000) / CLOCK_TICKS,
    };
  } catch {
    return undefined;
  }
}

function kibibytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1_024 : 0;
}

/**
 * Samples a process's resident set every `intervalMs` from the outside, so a
 * busy event loop in the process cannot make it miss a peak; also keeps the
 * kernel's own high-water mark (`VmHWM`) as last seen.
 */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  private sampledPeak = 0;
  private sampledPeakAnon = 0;
  private kernelPeak = 0;
  private count = 0;
  private last?: ProcessSnapshot;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 20,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Takes one more sample (the process may have just grown) and stops. */
  stop(): RssSamples {
    this.sample();
    clearInterval(this.timer);
    return this.result();
  }

  result(): RssSamples {
    return {
      sampledPeakRssBytes: this.sampledPeak,
      sampledPeakAnonBytes: this.sampledPeakAnon,
      kernelPeakRssBytes: this.kernelPeak,
      samples: this.count,
      intervalMs: this.intervalMs,
      last: this.last,
    };
  }

  private sample(): void {
    const now = snapshot(this.pid);
    if (!now) return;
    this.last = now;
    this.count++;
    this.sampledPeak = Math.max(this.sampledPeak, now.rssBytes);
    this.sampledPeakAnon = Math.max(this.sampledPeakAnon, now.rssAnonBytes);
    this.kernelPeak = Math.max(this.kernelPeak, now.peakRssBytes);
  }
}

export interface RssSamples {
  /** Highest resident set among the samples, bytes. */
  sampledPeakRssBytes: number;
  /** Highest anonymous resident set among the samples, bytes. */
  sampledPeakAnonBytes: number;
  /** `VmHWM` as last read: the true peak up to then, bytes. */
  kernelPeakRssBytes: number;
  samples: number;
  intervalMs: number;
  last?: ProcessSnapshot;
}
