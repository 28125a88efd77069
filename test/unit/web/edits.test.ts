import { describe, expect, it } from 'vitest';
import { RescheduleInput } from '../../../shared/domain/case.js';
import { appointmentChanges } from '../../../web/src/lib/edits.js';
import type { Appointment } from '../../../web/src/lib/types.js';

/** The console's appointment edit sends the version it read and only what the coordinator changed. */

const read: Appointment = { appointmentId: 'A1', kind: 'appointment', when: '2026-11-26T09:00:00.000Z', title: 'Zyra e punësimit', where: 'Komuna, kati 1', status: 'scheduled', version: 3 };
const form = { when: '2026-11-26T10:00:00+01:00', title: 'Zyra e punësimit', where: 'Komuna, kati 1', bring: '' };

describe('appointmentChanges', () => {
  it('sends a changed title alone with the version read, not the unchanged time', () => {
    const body = appointmentChanges(read, { ...form, title: ' Zyra e punësimit (2) ' });
    expect(body).toEqual({ title: 'Zyra e punësimit (2)', version: 3 });
    expect(RescheduleInput.safeParse(body).success).toBe(true);
  });

  it('sends a moved time, and a bring typed for the first time', () => {
    expect(appointmentChanges(read, { ...form, when: '2026-11-27T11:00:00+01:00', bring: 'letërnjoftimin' })).toEqual({ when: '2026-11-27T11:00:00+01:00', bring: 'letërnjoftimin', version: 3 });
  });

  it('sends nothing when nothing changed', () => {
    expect(appointmentChanges(read, form)).toBeUndefined();
    expect(appointmentChanges({ ...read, bring: 'letërnjoftimin' }, { ...form, bring: ' letërnjoftimin ' })).toBeUndefined();
  });

  it('sends what to bring emptied as null, which the API takes as cleared', () => {
    const body = appointmentChanges({ ...read, bring: 'letërnjoftimin' }, { ...form, bring: '  ' });
    expect(body).toEqual({ bring: null, version: 3 });
    expect(RescheduleInput.safeParse(body).success).toBe(true);
  });
});
