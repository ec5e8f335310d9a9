import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { THIRD_PARTY_DIR } from './bench-paths.js';

const run = promisify(execFile);
export const THIRD_PARTY_PACKAGE = 'nestjs-google-pubsub-microservice';
export const THIRD_PARTY_CONSUMER = join(THIRD_PARTY_DIR, 'nestjs-google-pubsub.consumer.cjs');

export type ThirdPartyStatus =
  | { available: true; installedNow: boolean; versions: Record<string, string> }
  | { available: false; reason: string };

/**
 * nestjs-google-pubsub-microservice supports Nest 10 only (peer
 * dependencies `@nestjs/* ^10`, `@google-cloud/pubsub ^4`), so it lives in
 * bench/third-party with its own node_modules, installed here on first use
 * from its lockfile.
 */
export async function prepareThirdParty(log: (line: string) => void): Promise<ThirdPartyStatus> {
  let installedNow = false;
  if (!installed()) {
    log(`installing ${THIRD_PARTY_PACKAGE} (Nest 10) into bench/third-party/node_modules`);
    const lockfile = existsSync(join(THIRD_PARTY_DIR, 'package-lock.json'));
    try {
      await run(
        'npm',
        [lockfile ? 'ci' : 'install', '--prefix', THIRD_PARTY_DIR, '--no-audit', '--no-fund'],
        {
          cwd: THIRD_PARTY_DIR,
          timeout: 10 * 60_000,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      installedNow = true;
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      return {
        available: false,
        reason: `installing it into bench/third-party failed: ${(stderr ?? String(error)).trim().split('\n').slice(-5).join(' ')}`,
      };
    }
    if (!installed())
      return {
        available: false,
        reason: 'npm finished but the package is not in bench/third-party/node_modules',
      };
  }
  return {
    available: true,
    installedNow,
    versions: Object.fromEntries(
      [THIRD_PARTY_PACKAGE, '@nestjs/core', '@nestjs/microservices', '@google-cloud/pubsub'].map(
        (name) => [name, versionOf(name)],
      ),
    ),
  };
}

function installed(): boolean {
  return existsSync(join(THIRD_PARTY_DIR, 'node_modules', THIRD_PARTY_PACKAGE, 'package.json'));
}

function versionOf(name: string): string {
  const manifest = join(THIRD_PARTY_DIR, 'node_modules', name, 'package.json');
  return existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
    : 'missing';
}
