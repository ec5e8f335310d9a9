import { describe, expect, it } from 'vitest';
import { maskIban } from './iban.js';

describe('maskIban', () => {
  it.each([
    { case: 'a German IBAN', iban: 'DE89370400440532013000', masked: '**** 3000' },
    { case: 'an IBAN written in groups', iban: 'DE89 3704 0044 0532 0130 00', masked: '**** 3000' },
    { case: 'a short IBAN (Norway)', iban: 'NO9386011117947', masked: '**** 7947' },
    { case: 'lower case', iban: 'gb29nwbk60161331926819', masked: '**** 6819' },
    { case: 'a value too short to be an IBAN', iban: '1234567', masked: '****' },
    { case: 'four characters', iban: '3000', masked: '****' },
    { case: 'blank', iban: '   ', masked: '' },
    { case: 'missing', iban: undefined, masked: '' },
    { case: 'null', iban: null, masked: '' },
  ])('shows only the last 4 characters of $case', ({ iban, masked }) => {
    expect(maskIban(iban)).toBe(masked);
  });
});
