import { existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where things are. The bench scripts run compiled, from
 * `bench/.build/out/bench/...`; every path is taken from the repository root.
 */
export const REPOSITORY_ROOT = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));
export const BENCH_DIR = join(REPOSITORY_ROOT, 'bench');
export const BUILD_DIR = join(BENCH_DIR, '.build');
/** `tsc -p bench/tsconfig.json` output: the bench scripts and what they import. */
export const COMPILED_DIR = join(BUILD_DIR, 'out');
/** The worker built by `nest build` for the benchmark, apart from `dist/`, which tests rebuild. */
export const WORKER_BUILD_DIR = join(BUILD_DIR, 'worker');
export const WORKER_MAIN = join(WORKER_BUILD_DIR, 'apps', 'report-worker', 'src', 'main.js');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const THIRD_PARTY_DIR = join(BENCH_DIR, 'third-party');

/** A compiled case script, to run in a child process. */
export function caseScript(name: string): string {
  return join(COMPILED_DIR, 'bench', 'cases', `${name}.case.js`);
}

/**
 * `tools/local-services` finds the repository from its own location, which
 * compiled is `bench/.build/out`: link the folders it reads (the FerretDB
 * sources, and the cache its binary is built into) there.
 */
export function linkRepositoryFolders(): void {
  for (const folder of [join('tools', 'ferretdb'), '.cache']) {
    const link = join(COMPILED_DIR, folder);
    if (existsSync(link)) continue;
    if (isLink(link)) unlinkSync(link); // dangling: the repository moved
    mkdirSync(join(REPOSITORY_ROOT, folder), { recursive: true });
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPOSITORY_ROOT, folder), link, 'dir');
  }
}

/** The first folder up from `start` that holds `bench/tsconfig.json`: compiled or not, the repository. */
function findRepositoryRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (
      existsSync(join(folder, 'bench', 'tsconfig.json')) &&
      existsSync(join(folder, 'package.json'))
    )
      return folder;
    if (dirname(folder) === folder)
      throw new Error(`No repository with bench/tsconfig.json above ${start}`);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
