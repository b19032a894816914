import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

/**
 * `npm run test:zones` runs the deadline tests with `TZ` set to several zones; this proves the zone
 * really took effect in each run (a run that silently stayed in one zone would test nothing new).
 */
describe('the time zone of this run', () => {
  it('is the zone TZ names, when TZ is set', (t) => {
    const wanted = process.env['TZ'];
    if (!wanted) {
      t.skip('TZ is not set: this run uses the machine zone');
      return;
    }
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    assert.ok(zone === wanted || (wanted === 'UTC' && zone === 'Etc/UTC'), `${zone} is not ${wanted}`);
    const offsets: Record<string, number[]> = {
      UTC: [0],
      'Asia/Tokyo': [-540],
      // Winter and summer time.
      'America/Los_Angeles': [480, 420],
    };
    const expected = offsets[wanted];
    if (expected) assert.ok(expected.includes(new Date('2026-11-27T00:00:00Z').getTimezoneOffset()), wanted);
  });
});
