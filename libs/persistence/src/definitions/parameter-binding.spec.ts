import { describe, expect, it } from 'vitest';
import {
  bindParameters,
  type ParameterSpec,
  referencedParameters,
  resolveParameters,
} from './parameter-binding.js';

describe('parameters of a definition', () => {
  const specs: ParameterSpec[] = [
    { name: 'from', type: 'date', required: true },
    { name: 'limit', type: 'integer', default: 100 },
    { name: 'region', type: 'string', enum: ['eu', 'us'] },
  ];

  it('converts given values to their types and applies defaults', () => {
    expect(resolveParameters(specs, { from: '2026-11-01', region: 'eu' })).toEqual({
      values: { from: new Date('2026-11-01T00:00:00.000Z'), limit: 100, region: 'eu' },
      problems: [],
    });
  });

  it('lists every problem at once', () => {
    expect(resolveParameters(specs, { limit: '1.5', region: 'mars', extra: 1 }).problems).toEqual([
      'unknown parameter "extra"',
      'parameter "from" is required',
      'parameter "limit" must be a whole number, got "1.5"',
      'parameter "region" must be one of eu, us, got "mars"',
    ]);
    expect(resolveParameters([{ name: 'd', type: 'date' }], { d: '2026-02-30' }).problems).toEqual([
      'parameter "d" must be a real date, got "2026-02-30"',
    ]);
  });

  it('binds values in place of placeholders, as values and never as text', () => {
    const pipeline = [
      { $match: { region: { $param: 'region' }, note: 'literal {"$param":"region"}' } },
      { $limit: { $param: 'limit' } },
    ];
    const hostile = '"; db.dropDatabase(); "';
    expect(bindParameters(pipeline, { region: hostile, limit: 5 })).toEqual([
      { $match: { region: hostile, note: 'literal {"$param":"region"}' } },
      { $limit: 5 },
    ]);
    expect(pipeline[1]).toEqual({ $limit: { $param: 'limit' } });
  });

  it('finds the parameters a pipeline refers to, and refuses an undeclared one when binding', () => {
    const pipeline = [{ $match: { a: { $param: 'x' }, b: [{ $param: 'y' }] } }];
    expect(referencedParameters(pipeline)).toEqual(new Set(['x', 'y']));
    expect(() => bindParameters(pipeline, { x: 1 })).toThrow(
      'pipeline refers to undeclared parameter "y"',
    );
  });
});
