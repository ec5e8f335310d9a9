import { describe, expect, it } from 'vitest';
import type { InboundMessage } from './inbound-message.js';
import { JsonMessageDeserializer } from './message-codec.js';
import { PermanentError } from './permanent.error.js';

const message = (data: string, attributes: Record<string, string> = {}): InboundMessage => ({
  id: '1',
  data: Buffer.from(data),
  attributes,
  subscription: 's',
  transport: 'pull',
});

describe('JsonMessageDeserializer', () => {
  const deserializer = new JsonMessageDeserializer();
  const read = (input: InboundMessage, defaultPattern?: string) =>
    deserializer.deserialize(input, { patternAttribute: 'pattern', defaultPattern });

  it('takes the pattern from the attribute and the JSON body as data', () => {
    expect(read(message('{"a":1}', { pattern: 'report.generate' }))).toEqual({
      pattern: 'report.generate',
      data: { a: 1 },
    });
  });

  it("falls back to Nest's {pattern, data} body", () => {
    expect(read(message('{"pattern":"x.y","data":[1]}'))).toEqual({ pattern: 'x.y', data: [1] });
    expect(read(message('{"pattern":{"cmd":"sum"},"data":2}'))).toEqual({
      pattern: '{"cmd":"sum"}',
      data: 2,
    });
  });

  it("uses the subscription's default pattern last", () => {
    expect(read(message('{"job_type":"daily"}'), 'legacy.job')).toEqual({
      pattern: 'legacy.job',
      data: { job_type: 'daily' },
    });
  });

  it('reads empty data as undefined', () => {
    expect(read(message('', { pattern: 'ping' }))).toEqual({ pattern: 'ping', data: undefined });
  });

  it('refuses non-JSON data and a message without a pattern as permanent failures', () => {
    expect(() => read(message('not json', { pattern: 'x' }))).toThrow(PermanentError);
    expect(() => read(message('not json', { pattern: 'x' }))).toThrow(
      /Message data is not JSON \(8 bytes\)/,
    );
    expect(() => read(message('{"a":1}'))).toThrow(/Message carries no pattern/);
  });
});
