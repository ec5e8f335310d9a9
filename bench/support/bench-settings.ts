/**
 * What `npm run bench` measures and how much, from the environment. This is
 * benchmark tooling, not the worker: it reads `process.env` itself (the
 * worker's configuration rule, "only libs/config reads the environment",
 * is about the service).
 */

export type SuiteName = 'transport' | 'rendering' | 'e2e' | 'scale';
export const SUITES: readonly SuiteName[] = ['transport', 'rendering', 'e2e', 'scale'];

export interface BenchSettings {
  /** `BENCH_QUICK=1`: tiny sizes, for trying the benchmark out in a few minutes. */
  readonly quick: boolean;
  /** `BENCH_ONLY=transport,rendering`: the suites to run. Default: all. */
  readonly suites: readonly SuiteName[];
  readonly transport: {
    /** `BENCH_MESSAGES`: messages each consumer receives. Default 20,000 (quick: 2,000). */
    readonly messages: number;
    /** `BENCH_MESSAGE_BYTES`: size of each message's data. Default 1,024. */
    readonly messageBytes: number;
    /** `BENCH_MAX_MESSAGES`: flow control, messages outstanding at once, for every consumer. Default 1,000. */
    readonly maxMessages: number;
    /** `BENCH_ROUNDS`: rounds of all consumers, in rotating order; the median round is reported. Default 3 (quick: 1). */
    readonly rounds: number;
    /** `BENCH_THIRD_PARTY=0` skips nestjs-google-pubsub-microservice (and its on-demand install). */
    readonly thirdParty: boolean;
  };
  readonly rendering: {
    /** `BENCH_SIZES`: table rows per case. Default 10000,100000,1000000 (quick: 1000,5000). */
    readonly sizes: readonly number[];
    /** `BENCH_PDF_MAX_ROWS`: PDF runs only the sizes up to this. Default 100,000. */
    readonly pdfMaxRows: number;
  };
  readonly endToEnd: {
    /** `BENCH_E2E_REQUESTS`: measured requests per concurrency level. Default 200 (quick: 30). */
    readonly requests: number;
    /** `BENCH_E2E_ROWS`: rows of each report. Default 100. */
    readonly rows: number;
    /** `BENCH_E2E_CONCURRENCY`: requests in flight at once, one level after another. Default 1,8. */
    readonly concurrency: readonly number[];
    /** `BENCH_E2E_FORMATS`: formats of each report. Default csv. */
    readonly formats: readonly string[];
    /** Requests sent before measuring, not counted. */
    readonly warmup: number;
  };
  readonly scale: {
    /** `BENCH_SCALE_SIZES`: CSV and XLSX reports of these row counts. Default 100000,1000000 (quick: 5000,20000). */
    readonly sizes: readonly number[];
    /** `BENCH_SCALE_PDF_ROWS`: one PDF report of this many rows; 0 skips it. Default 50,000 (quick: 2,000). */
    readonly pdfRows: number;
    /** `BENCH_SEED_BUDGET_S`: longest the database seeding may take, in seconds. Default 600. */
    readonly seedBudgetSeconds: number;
    /**
     * `BENCH_SCALE_CAPPED_HEAP_MB`: also render the largest reports in a worker
     * with `--max-old-space-size` of this many MB (informative; 0 skips). Default 128.
     */
    readonly cappedHeapMb: number;
  };
  /**
   * `BENCH_WORKER_NODE_OPTIONS`: NODE_OPTIONS of the worker processes of the
   * end-to-end and scale suites, e.g. `--max-old-space-size=128` to see what
   * a capped heap does to peak memory (the Docker image sets one). Default: none.
   */
  readonly workerNodeOptions?: string;
  /** `BENCH_CASE_TIMEOUT_S`: longest one measured case may run, in seconds. Default 1500. */
  readonly caseTimeoutMs: number;
  /** Given by `PUBSUB_EMULATOR_HOST`; otherwise the benchmark starts an emulator. */
  readonly emulatorHost?: string;
  /** Given by `MONGODB_URI`; otherwise the benchmark starts a MongoDB-wire server. */
  readonly mongoUri?: string;
  /** `BENCH_SKIP_BUILD=1` reuses the worker build in bench/.build/worker. */
  readonly skipBuild: boolean;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const quick = flag(env.BENCH_QUICK);
  return {
    quick,
    suites: chosenSuites(env.BENCH_ONLY),
    transport: {
      messages: count(env.BENCH_MESSAGES, 'BENCH_MESSAGES') ?? (quick ? 2_000 : 20_000),
      messageBytes: count(env.BENCH_MESSAGE_BYTES, 'BENCH_MESSAGE_BYTES') ?? 1_024,
      maxMessages: count(env.BENCH_MAX_MESSAGES, 'BENCH_MAX_MESSAGES') ?? 1_000,
      rounds: count(env.BENCH_ROUNDS, 'BENCH_ROUNDS') ?? (quick ? 1 : 3),
      thirdParty: env.BENCH_THIRD_PARTY === undefined ? true : flag(env.BENCH_THIRD_PARTY),
    },
    rendering: {
      sizes:
        list(env.BENCH_SIZES, (value) => mustCount(value, 'BENCH_SIZES')) ??
        (quick ? [1_000, 5_000] : [10_000, 100_000, 1_000_000]),
      pdfMaxRows: count(env.BENCH_PDF_MAX_ROWS, 'BENCH_PDF_MAX_ROWS') ?? 100_000,
    },
    endToEnd: {
      requests: count(env.BENCH_E2E_REQUESTS, 'BENCH_E2E_REQUESTS') ?? (quick ? 30 : 200),
      rows: count(env.BENCH_E2E_ROWS, 'BENCH_E2E_ROWS') ?? 100,
      concurrency: list(env.BENCH_E2E_CONCURRENCY, (value) =>
        mustCount(value, 'BENCH_E2E_CONCURRENCY'),
      ) ?? [1, 8],
      formats: list(env.BENCH_E2E_FORMATS, (value) => value) ?? ['csv'],
      warmup: quick ? 3 : 10,
    },
    scale: {
      sizes:
        list(env.BENCH_SCALE_SIZES, (value) => mustCount(value, 'BENCH_SCALE_SIZES')) ??
        (quick ? [5_000, 20_000] : [100_000, 1_000_000]),
      pdfRows:
        count(env.BENCH_SCALE_PDF_ROWS, 'BENCH_SCALE_PDF_ROWS', { zero: true }) ??
        (quick ? 2_000 : 50_000),
      seedBudgetSeconds: count(env.BENCH_SEED_BUDGET_S, 'BENCH_SEED_BUDGET_S') ?? 600,
      cappedHeapMb:
        count(env.BENCH_SCALE_CAPPED_HEAP_MB, 'BENCH_SCALE_CAPPED_HEAP_MB', { zero: true }) ?? 128,
    },
    workerNodeOptions: env.BENCH_WORKER_NODE_OPTIONS?.trim() || undefined,
    caseTimeoutMs: (count(env.BENCH_CASE_TIMEOUT_S, 'BENCH_CASE_TIMEOUT_S') ?? 1_500) * 1_000,
    emulatorHost: env.PUBSUB_EMULATOR_HOST || undefined,
    mongoUri: env.MONGODB_URI || undefined,
    skipBuild: flag(env.BENCH_SKIP_BUILD),
  };
}

/** The suites named in `BENCH_ONLY` (all when unset), in their usual order. */
function chosenSuites(value: string | undefined): readonly SuiteName[] {
  const named = list(value, (name) => {
    if (!(SUITES as readonly string[]).includes(name)) {
      throw new Error(`BENCH_ONLY: "${name}" is not one of ${SUITES.join(', ')}`);
    }
    return name as SuiteName;
  });
  return named ? SUITES.filter((suite) => named.includes(suite)) : SUITES;
}

function flag(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes)$/i.test(value.trim());
}

function list<T>(value: string | undefined, parse: (item: string) => T): T[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map(parse);
}

function count(value: string | undefined, name: string, { zero = false } = {}): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return mustCount(value, name, { zero });
}

/** A whole number, with `_` or `,`-free digits; `1e6` and `1_000_000` are accepted. */
function mustCount(value: string, name: string, { zero = false } = {}): number {
  const parsed = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(parsed) || parsed < (zero ? 0 : 1)) {
    throw new Error(`${name} must hold whole numbers${zero ? '' : ' above 0'}, got "${value}"`);
  }
  return parsed;
}
