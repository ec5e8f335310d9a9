import { describe, expect, it } from 'vitest';
import { redactCredentials } from './credential-redactor.js';

describe('redactCredentials', () => {
  it.each([
    { form: 'as is', text: 'login pa$s/word@1 refused', expected: 'login [redacted] refused' },
    {
      form: 'percent-encoded, as in a URI',
      text: 'smtp://u:pa%24s%2Fword%401@host',
      expected: 'smtp://u:[redacted]@host',
    },
    {
      form: 'base64, as in SMTP AUTH LOGIN',
      text: `535 ${Buffer.from('pa$s/word@1').toString('base64')}`,
      expected: '535 [redacted]',
    },
  ])('masks a credential $form', ({ text, expected }) => {
    expect(redactCredentials(text, ['pa$s/word@1'])).toBe(expected);
  });

  it('masks a credential that contains another one whole', () => {
    expect(redactCredentials('key SG.abcd.efgh', ['SG.abcd', 'SG.abcd.efgh'])).toBe(
      'key [redacted]',
    );
  });

  it('ignores missing and very short values, which would mask ordinary text', () => {
    expect(redactCredentials('a password', [undefined, '', 'a', 'pas'])).toBe('a password');
  });
});
