import { describe, expect, it } from 'vitest';
import { countsDone, isCountKey, runState, serviceKey } from './billingRules.ts';

const run = (extra: Record<string, unknown> = {}) => ({
  status: 'completed',
  error: null,
  startedAt: '2026-12-06T10:00:00.000Z',
  finishedAt: '2026-12-06T10:00:02.250Z',
  ...extra,
});

describe('admin billing rules', () => {
  it('tells a run done, running or failed, with its length', () => {
    expect(runState(run())).toEqual({ state: 'done', seconds: 2.25 });
    expect(runState(run({ status: 'running', finishedAt: null }))).toEqual({
      state: 'running',
      seconds: null,
    });
    expect(runState(run({ status: 'failed' })).state).toBe('failed');
    // An error left behind is a failure even when the status says otherwise, finished or not.
    expect(runState(run({ error: 'boom' })).state).toBe('failed');
    expect(runState(run({ error: 'boom', finishedAt: null })).state).toBe('failed');
    // A clock step backwards never shows a negative length.
    expect(runState(run({ finishedAt: '2026-12-06T09:59:59.000Z' })).seconds).toBe(0);
  });

  it('keeps only the counters that moved, and knows which have a sentence', () => {
    expect(countsDone({ issued: 2, reminders: 0, newThing: 1 })).toEqual([
      ['issued', 2],
      ['newThing', 1],
    ]);
    expect(countsDone({ issued: 0 })).toEqual([]);
    expect(isCountKey('terminationWarnings')).toBe(true);
    expect(isCountKey('newThing')).toBe(false);
  });

  it('reads unknown service states as active', () => {
    expect(serviceKey('suspended')).toBe('suspended');
    expect(serviceKey('terminated')).toBe('terminated');
    expect(serviceKey('cancelled')).toBe('cancelled');
    expect(serviceKey('pending_payment')).toBe('active');
  });
});
