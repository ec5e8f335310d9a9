import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './bench-paths.js';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Versions of the packages whose speed is measured, as installed. */
export function packageVersions(): Record<string, string> {
  const names = [
    '@google-cloud/pubsub',
    '@nestjs/core',
    '@nestjs/microservices',
    'csv-stringify',
    'exceljs',
    'pdfkit',
    'dejavu-fonts-ttf',
    'mongodb',
    'mongoose',
  ];
  return Object.fromEntries(names.map((name) => [name, installedVersion(name)]));
}

function installedVersion(name: string): string {
  const manifest = join(REPOSITORY_ROOT, 'node_modules', name, 'package.json');
  return existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
    : 'missing';
}

/** The commit measured, and whether the work tree had changes on top of it. */
export function sourceRevision(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
    }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
    }).trim();
    return changed ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown (not a git work tree)';
  }
}

/** The Pub/Sub emulator's version from the Cloud SDK, when it can be read. */
export function emulatorVersion(): string {
  try {
    const versions = JSON.parse(
      execFileSync('gcloud', ['version', '--format=json'], { encoding: 'utf8', timeout: 30_000 }),
    ) as Record<string, string>;
    return versions['pubsub-emulator'] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
