import { describe, expect, it } from 'vitest';
import { isSafeCollectionName, pipelineProblems } from './pipeline-safety.js';

describe('pipelineProblems', () => {
  it('accepts read-only stages', () => {
    expect(
      pipelineProblems([
        { $match: { date: { $gte: { $param: 'from' } } } },
        {
          $lookup: {
            from: 'followers',
            localField: 'follower_id',
            foreignField: '_id',
            as: 'follower',
          },
        },
        { $unwind: '$follower' },
        { $project: { _id: 0, name: 1 } },
        { $sort: { name: 1 } },
        { $facet: { top: [{ $limit: 5 }] } },
      ]),
    ).toEqual([]);
  });

  it.each([
    [[{ $out: 'stolen' }], 'stage 1 ($out): $out is not allowed (it writes data or runs code)'],
    [
      [{ $merge: { into: 'x' } }],
      'stage 1 ($merge): $merge is not allowed (it writes data or runs code)',
    ],
    [
      [{ $match: { $where: 'sleep(1000)' } }],
      'stage 1 ($match): $where is not allowed (it writes data or runs code)',
    ],
    [
      [{ $addFields: { x: { $function: { body: 'return 1', args: [], lang: 'js' } } } }],
      'stage 1 ($addFields): $function is not allowed (it writes data or runs code)',
    ],
    [
      [{ $group: { _id: null, x: { $accumulator: {} } } }],
      'stage 1 ($group): $accumulator is not allowed (it writes data or runs code)',
    ],
    [[{ $currentOp: {} }], 'stage 1 ($currentOp): $currentOp is not an allowed stage'],
    [
      [{ $lookup: { from: { db: 'admin', coll: 'system.users' }, as: 'x' } }],
      'stage 1 ($lookup): "from" must name a collection of this database',
    ],
    [
      [{ $lookup: { from: 'a', as: 'x', pipeline: [{ $out: 'y' }] } }],
      'stage 1 ($lookup) pipeline stage 1 ($out): $out is not allowed (it writes data or runs code)',
    ],
    [
      [{ $facet: { a: [{ $merge: 'y' }] } }],
      'stage 1 ($facet) facet "a" stage 1 ($merge): $merge is not allowed (it writes data or runs code)',
    ],
    [[{ $match: {}, $sort: {} }], 'stage 1 must be an object with exactly one $stage key'],
    ['not a pipeline', 'pipeline must be an array of stages'],
  ])('refuses %j', (pipeline, problem) => {
    expect(pipelineProblems(pipeline)).toContain(problem);
  });
});

describe('isSafeCollectionName', () => {
  it.each([
    ['positions', true],
    ['daily_pnl', true],
    ['system.users', false],
    ['admin.users', false],
    ['$cmd', false],
    ['', false],
  ])('%s → %s', (name, safe) => {
    expect(isSafeCollectionName(name)).toBe(safe);
  });
});
