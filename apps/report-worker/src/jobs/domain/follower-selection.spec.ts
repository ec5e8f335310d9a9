import { describe, expect, it } from 'vitest';
import { selectFollowers } from './follower-selection.js';

/** Stands in for a BSON ObjectId: compared by its string form. */
class FakeObjectId {
  constructor(private readonly hex: string) {}
  toString() {
    return this.hex;
  }
}

const followers = [
  { _id: 'f1', enabled: true },
  { _id: 'f2', enabled: false },
  { _id: 'f3', enabled: true },
  { _id: 'f4' },
  { _id: 'f5', enabled: 'yes' },
  { _id: new FakeObjectId('65a1b2c3d4e5f6a7b8c9d0e1'), enabled: true },
];

describe('selectFollowers', () => {
  it.each([
    {
      case: 'no ids: every enabled follower',
      ids: undefined,
      selected: ['f1', 'f3', '65a1b2c3d4e5f6a7b8c9d0e1'],
    },
    { case: 'ids narrow the enabled ones', ids: ['f3'], selected: ['f3'] },
    { case: 'a disabled follower stays out even when named', ids: ['f1', 'f2'], selected: ['f1'] },
    { case: 'a follower without `enabled` counts as disabled', ids: ['f4'], selected: [] },
    { case: 'only `enabled: true` counts', ids: ['f5'], selected: [] },
    {
      case: 'an ObjectId matches its hex string',
      ids: ['65a1b2c3d4e5f6a7b8c9d0e1'],
      selected: ['65a1b2c3d4e5f6a7b8c9d0e1'],
    },
    { case: 'unknown ids select no one', ids: ['nobody'], selected: [] },
    { case: 'an empty id list selects no one, not everyone', ids: [], selected: [] },
  ])('$case', ({ ids, selected }) => {
    expect(selectFollowers(followers, ids).map(({ _id: id }) => String(id))).toEqual(selected);
  });
});
