/**
 * `npm run bench`: measures the worker's transport, renderers and pipeline
 * against their bare libraries and writes bench/results/latest.{md,json}.
 * See bench/README.md.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from './support/bench-paths.js';
import { describeError, skippedSuite, type SuiteReport } from './support/bench-report.js';
import { readSettings, type SuiteName } from './support/bench-settings.js';
import { type LocalServices, startLocalServices } from './support/local-services.js';
import {
  emulatorVersion,
  machineInfo,
  packageVersions,
  sourceRevision,
} from './support/machine-info.js';
import { writeResults } from './support/results-writer.js';
import { THIRD_PARTY_PACKAGE } from './support/third-party.js';
import { endToEndSuite } from './suites/end-to-end.suite.js';
import { renderingSuite } from './suites/rendering.suite.js';
import { scaleSuite } from './suites/scale.suite.js';
import { transportSuite } from './suites/transport.suite.js';

const run = promisify(execFile);
const startedAt = new Date();
// The client libraries would otherwise probe for a GCE metadata server that is never there (children inherit this).
process.env.METADATA_SERVER_DETECTION ??= 'none';

function log(line: string): void {
  const elapsed = ((Date.now() - startedAt.getTime()) / 1_000).toFixed(0).padStart(5);
  process.stdout.write(`[bench ${elapsed}s] ${line}\n`);
}

const TITLES: Record<SuiteName, string> = {
  transport: '1. Transport: PubSubServer vs a bare subscriber',
  rendering: '2. Rendering: our renderers vs their bare libraries',
  e2e: '3. End to end: publish to completion event',
  scale: '4. Scale: peak memory of the whole pipeline',
};

/** The production build of the worker, made apart from dist/ (which the tests rebuild). */
async function buildWorker(): Promise<void> {
  await run(
    process.execPath,
    [
      `${REPOSITORY_ROOT}/node_modules/@nestjs/cli/bin/nest.js`,
      'build',
      '--path',
      'bench/tsconfig.worker.json',
    ],
    {
      cwd: REPOSITORY_ROOT,
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

async function main(): Promise<void> {
  const settings = readSettings();
  // Taken before the build: the commit whose code is measured, even if the tree moves on meanwhile.
  const revision = sourceRevision();
  log(`${settings.quick ? 'quick mode, ' : ''}suites: ${settings.suites.join(', ')}`);
  const needsWorker = settings.suites.includes('e2e') || settings.suites.includes('scale');
  let buildFailure: string | undefined;
  if (needsWorker && !settings.skipBuild) {
    log('building the worker (nest build into bench/.build/worker)');
    await buildWorker().catch((error: unknown) => {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      buildFailure = `building the worker failed: ${`${stdout ?? ''}${stderr ?? ''}`.trim().slice(-1_500) || describeError(error)}`;
      log(buildFailure);
    });
  }

  log('starting the Pub/Sub emulator and a MongoDB-wire server (unless given)');
  const services: LocalServices = await startLocalServices({
    emulatorHost: settings.emulatorHost,
    mongoUri: settings.mongoUri,
  });
  const stopServices = async () => {
    log('stopping the services the benchmark started');
    await services.stop();
  };
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping`);
    void stopServices().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const suites: SuiteReport[] = [];
  try {
    for (const suite of settings.suites) {
      log(`— ${TITLES[suite]}`);
      const started = performance.now();
      try {
        if ((suite === 'e2e' || suite === 'scale') && buildFailure) {
          suites.push(skippedSuite(suite, TITLES[suite], buildFailure));
          continue;
        }
        if (suite === 'transport') suites.push(await transportSuite(settings, services, log));
        if (suite === 'rendering') suites.push(await renderingSuite(settings, log));
        if (suite === 'e2e') suites.push(await endToEndSuite(settings, services, log));
        if (suite === 'scale') suites.push(await scaleSuite(settings, services, log));
      } catch (error) {
        log(`${suite} failed: ${describeError(error)}`);
        suites.push(
          skippedSuite(suite, TITLES[suite], `the suite failed: ${describeError(error)}`),
        );
      }
      log(`  ${suite} took ${((performance.now() - started) / 1_000).toFixed(0)} s`);
    }
  } finally {
    await stopServices();
  }

  const thirdParty = suites.find((suite) => suite.id === 'transport')?.data as
    { thirdParty?: { available: boolean; versions?: Record<string, string> } } | undefined;
  const versions = packageVersions();
  for (const [name, version] of Object.entries(thirdParty?.thirdParty?.versions ?? {})) {
    versions[name === THIRD_PARTY_PACKAGE ? name : `${name} (with ${THIRD_PARTY_PACKAGE})`] =
      version;
  }
  const file = writeResults({
    startedAt,
    finishedAt: new Date(),
    settings,
    machine: machineInfo(),
    revision,
    versions,
    services: {
      emulator: services.emulatorDescription,
      emulatorVersion: emulatorVersion(),
      database: services.mongoDescription,
    },
    suites,
  });
  log(`results: ${file}`);
  for (const target of suites.flatMap((suite) => suite.targets)) {
    log(
      `  ${target.pass === null ? 'NOT MEASURED' : target.pass ? 'pass' : 'MISS'}  ${target.name}: ${target.measured} (target ${target.target})`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
