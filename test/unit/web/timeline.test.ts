import { describe, expect, it } from 'vitest';
import { caseTimeline } from '../../../web/src/lib/timeline.js';
import type { AuditEntry } from '../../../web/src/lib/types.js';

const sent = (subjectId: string, at: string, mergedInto?: string): AuditEntry => ({
  at, subjectId, event: 'notification.sent', by: 'system:deliver', via: 'stream',
  detail: { channel: 'sms', template: 'referral.returnee.sms', ...(mergedInto ? { mergedInto } : {}) },
});

describe("the case's timeline", () => {
  it('lists a household SMS once, saying how many steps it carried, not once per step', () => {
    const t = caseTimeline([
      sent('I1', '2026-12-08T07:00:01.000Z'),
      sent('I2', '2026-12-08T07:00:01.000Z', 'I1'),
      sent('I3', '2026-12-08T07:00:01.000Z', 'I1'),
      { at: '2026-12-07T09:00:00.000Z', subjectId: 'R1', event: 'referral.sent', by: 'system:route', via: 'stream' },
    ]);
    expect(t.map((e) => e.subjectId)).toEqual(['I1', 'R1']);
    expect(t[0]).toMatchObject({ carried: 2 });
  });

  it('keeps every other entry, newest first, and an SMS that went alone has no count', () => {
    const t = caseTimeline([sent('I1', '2026-12-08T07:00:00.000Z'), sent('I2', '2026-12-09T07:00:00.000Z'), { ...sent('I3', '2026-12-10T07:00:00.000Z'), event: 'notification.failed' }]);
    expect(t.map((e) => e.subjectId)).toEqual(['I3', 'I2', 'I1']);
    expect(t.some((e) => 'carried' in e)).toBe(false);
  });
});
