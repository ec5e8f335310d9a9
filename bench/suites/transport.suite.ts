import { randomBytes } from 'node:crypto';
import type { ConsumerResult, ConsumerSettings } from '../cases/transport-consumer.case.js';
import { caseScript } from '../support/bench-paths.js';
import {
  fixed,
  mark,
  mb,
  median,
  type SuiteReport,
  table,
  type TargetCheck,
  times,
  whole,
} from '../support/bench-report.js';
import type { BenchSettings } from '../support/bench-settings.js';
import { type CaseOutcome, runCase } from '../support/case-runner.js';
import type { LocalServices } from '../support/local-services.js';
import {
  createSubscription,
  emulatorClient,
  ensureTopic,
  publishMany,
} from '../support/pubsub-tools.js';
import {
  prepareThirdParty,
  THIRD_PARTY_CONSUMER,
  THIRD_PARTY_PACKAGE,
  type ThirdPartyStatus,
} from '../support/third-party.js';

const PROJECT_ID = 'report-worker-bench';
const PATTERN = 'bench.message';
/** CPU per message of our transport may be at most this multiple of the bare subscriber's. */
const CPU_TARGET = 1.25;

interface Consumer {
  readonly id: string;
  readonly label: string;
  readonly script: string;
  readonly args: (settings: ConsumerSettings) => string[];
}

const OURS: Consumer = {
  id: 'ours',
  label: 'PubSubServer (ours, Nest 12)',
  script: caseScript('transport-consumer'),
  args: (settings) => ['ours', JSON.stringify(settings)],
};
const BARE: Consumer = {
  id: 'bare',
  label: 'bare @google-cloud/pubsub subscriber',
  script: caseScript('transport-consumer'),
  args: (settings) => ['bare', JSON.stringify(settings)],
};
const THIRD_PARTY: Consumer = {
  id: 'third-party',
  label: `${THIRD_PARTY_PACKAGE} (Nest 10)`,
  script: THIRD_PARTY_CONSUMER,
  args: (settings) => [JSON.stringify(settings)],
};

interface Round {
  consumer: string;
  round: number;
  ok: boolean;
  error?: string;
  result?: ConsumerResult;
  messagesPerSecond?: number;
  cpuMicrosPerMessage?: number;
  peakRssBytes?: number;
  sampledPeakRssBytes?: number;
}

/**
 * Messages per second and CPU per message of consumers that ack the same
 * pre-published messages from the same emulator, with the same flow control.
 */
export async function transportSuite(
  settings: BenchSettings,
  services: LocalServices,
  log: (line: string) => void,
): Promise<SuiteReport> {
  const { messages, messageBytes, maxMessages, rounds } = settings.transport;
  const notes: string[] = [];
  let thirdParty: ThirdPartyStatus = {
    available: false,
    reason: 'turned off with BENCH_THIRD_PARTY=0',
  };
  if (settings.transport.thirdParty) thirdParty = await prepareThirdParty(log);
  if (!thirdParty.available)
    notes.push(`${THIRD_PARTY_PACKAGE} was not measured: ${thirdParty.reason}.`);
  const consumers = [OURS, BARE, ...(thirdParty.available ? [THIRD_PARTY] : [])];

  const pubsub = emulatorClient(services.emulatorHost, PROJECT_ID);
  const runId = randomBytes(3).toString('hex');
  const topic = `bench-transport-${runId}`;
  const subscriptionOf = (consumer: string, round: number) => `${topic}-${consumer}-r${round}`;
  const warmup = `${topic}-warmup`;
  const subscriptions = [
    warmup,
    ...consumers.flatMap((consumer) =>
      Array.from({ length: rounds }, (_, round) => subscriptionOf(consumer.id, round + 1)),
    ),
  ];
  const results: Round[] = [];
  let publishSeconds = 0;
  try {
    await ensureTopic(pubsub, topic);
    for (const name of subscriptions) await createSubscription(pubsub, topic, name);
    log(
      `publishing ${whole(messages)} messages of ${messageBytes} bytes to ${subscriptions.length} subscriptions`,
    );
    const publishStart = performance.now();
    await publishMany(pubsub, topic, { count: messages, bytes: messageBytes, pattern: PATTERN });
    publishSeconds = (performance.now() - publishStart) / 1_000;

    // Generous, yet a stuck consumer must not hold the run for the default case timeout.
    const timeoutMs = Math.min(settings.caseTimeoutMs, 120_000 + messages * 10);
    const settingsFor = (subscription: string): ConsumerSettings => ({
      emulatorHost: services.emulatorHost,
      projectId: PROJECT_ID,
      subscription,
      topic,
      pattern: PATTERN,
      messages,
      maxMessages,
    });
    log('warm-up: a bare subscriber drains its own subscription (not reported)');
    await runCase(BARE.script, BARE.args(settingsFor(warmup)), { timeoutMs });

    for (let round = 1; round <= rounds; round++) {
      // Rotate the order so no consumer always runs first (or last) on the emulator.
      const order = consumers.map((_, i) => consumers[(i + round - 1) % consumers.length]);
      for (const consumer of order) {
        log(`round ${round}/${rounds}: ${consumer.label}`);
        const outcome: CaseOutcome<ConsumerResult> = await runCase(
          consumer.script,
          consumer.args(settingsFor(subscriptionOf(consumer.id, round))),
          { timeoutMs },
        );
        results.push(summarize(consumer.id, round, outcome));
        const last = results.at(-1)!;
        log(
          last.ok
            ? `  ${whole(last.messagesPerSecond)} msg/s, ${fixed(last.cpuMicrosPerMessage)} µs CPU/msg, peak RSS ${mb(last.peakRssBytes)}`
            : `  failed: ${last.error?.split('\n')[0]}`,
        );
      }
    }
  } finally {
    for (const name of subscriptions)
      await pubsub
        .subscription(name)
        .delete()
        .catch(() => undefined);
    await pubsub
      .topic(topic)
      .delete()
      .catch(() => undefined);
    await pubsub.close();
  }

  const summary = consumers.map((consumer) => {
    const ok = results.filter((round) => round.consumer === consumer.id && round.ok);
    const failed = results.filter((round) => round.consumer === consumer.id && !round.ok);
    return {
      id: consumer.id,
      label: consumer.label,
      rounds: ok.length,
      failures: failed.map((round) => round.error ?? 'failed'),
      messagesPerSecond: ok.length
        ? median(ok.map((round) => round.messagesPerSecond!))
        : undefined,
      cpuMicrosPerMessage: ok.length
        ? median(ok.map((round) => round.cpuMicrosPerMessage!))
        : undefined,
      peakRssBytes: ok.length ? median(ok.map((round) => round.peakRssBytes!)) : undefined,
      duplicates: ok.reduce((sum, round) => sum + (round.result?.duplicates ?? 0), 0),
    };
  });
  const ours = summary.find((entry) => entry.id === 'ours')!;
  const bare = summary.find((entry) => entry.id === 'bare')!;
  const cpuRatio =
    ours.cpuMicrosPerMessage !== undefined && bare.cpuMicrosPerMessage
      ? ours.cpuMicrosPerMessage / bare.cpuMicrosPerMessage
      : undefined;
  const targets: TargetCheck[] = [
    {
      name: 'PubSubServer CPU per message vs bare subscriber',
      measured:
        cpuRatio === undefined
          ? 'n/a'
          : `${times(cpuRatio)} (${fixed(ours.cpuMicrosPerMessage)} µs vs ${fixed(bare.cpuMicrosPerMessage)} µs)`,
      target: `≤ ${CPU_TARGET}x`,
      pass: cpuRatio === undefined ? null : cpuRatio <= CPU_TARGET,
    },
  ];
  for (const entry of summary) {
    for (const failure of entry.failures)
      notes.push(`${entry.label} failed a round: ${failure.split('\n')[0]}`);
    if (entry.duplicates > 0)
      notes.push(`${entry.label} saw ${entry.duplicates} redelivered messages over its rounds.`);
  }
  const body = table(
    ['consumer', 'messages/s', 'CPU µs/message', 'CPU vs bare', 'peak RSS', 'rounds'],
    summary.map((entry) => [
      entry.label,
      whole(entry.messagesPerSecond),
      fixed(entry.cpuMicrosPerMessage),
      entry.cpuMicrosPerMessage !== undefined && bare.cpuMicrosPerMessage
        ? times(entry.cpuMicrosPerMessage / bare.cpuMicrosPerMessage)
        : 'n/a',
      mb(entry.peakRssBytes),
      String(entry.rounds),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r'],
  );
  body.push(
    '',
    `Target: ${targets[0].name} ${targets[0].target}: ${targets[0].measured} ${mark(targets[0].pass)}`,
  );
  return {
    id: 'transport',
    title: '1. Transport: PubSubServer vs a bare subscriber',
    method:
      `${whole(messages)} messages of ${messageBytes} bytes (JSON, pattern attribute \`${PATTERN}\`) were published in batches into one subscription per consumer and round before the consumer started ` +
      `(${fixed(publishSeconds)} s to publish them to all ${subscriptions.length} subscriptions). Each consumer ran in its own Node process with flow control maxMessages ${maxMessages} ` +
      '(allowExcessMessages false), one streaming pull, a 60 s minimum ack deadline; time and CPU (`process.cpuUsage()`, all threads) run from the moment it starts pulling until the last message is acked. ' +
      `Ours is a minimal Nest microservice (\`NestFactory.createMicroservice\` with \`strategy: new PubSubServer(...)\`, logger warn/error) with one no-op \`@EventPattern\` handler; the bare subscriber only acks. ` +
      `${rounds} round(s) in rotating order after an unreported warm-up; medians are shown. Peak RSS is the kernel's high-water mark of the consumer process (\`process.resourceUsage().maxRSS\`).`,
    body,
    targets,
    notes: [
      ...notes,
      'Messages per second are bounded by the emulator (a JVM on the same 2 cores), so they compare the consumers but are not what real Pub/Sub would deliver; CPU per message is the consumer process alone.',
      ...(thirdParty.available
        ? [
            `${THIRD_PARTY_PACKAGE} runs on its own Nest 10 and @google-cloud/pubsub ${thirdParty.versions['@google-cloud/pubsub']} (bench/third-party), so its figure mixes the transport's cost with those versions'. It acks once the handler returns, with no dead-lettering and no settlement events.`,
          ]
        : []),
      "Ours decodes each message as JSON, routes it by its pattern attribute, runs the handler through Nest's RPC context and interceptors, awaits it, then acks and emits a settlement event (its log line is at info level, filtered here); the bare subscriber does none of that.",
    ],
    data: {
      messages,
      messageBytes,
      maxMessages,
      rounds,
      publishSeconds,
      thirdParty,
      summary,
      results,
    },
  };
}

function summarize(consumer: string, round: number, outcome: CaseOutcome<ConsumerResult>): Round {
  if (!outcome.ok) return { consumer, round, ok: false, error: outcome.error };
  const { result } = outcome;
  const seconds = result.window.elapsedMs / 1_000;
  return {
    consumer,
    round,
    ok: true,
    result,
    messagesPerSecond: result.acked / seconds,
    cpuMicrosPerMessage: (result.window.cpuMs * 1_000) / result.acked,
    peakRssBytes: result.window.peakRssBytes,
    sampledPeakRssBytes: outcome.process.sampledPeakRssBytes,
  };
}
