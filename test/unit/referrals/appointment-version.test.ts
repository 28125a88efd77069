import { describe, expect, it } from 'vitest';
import { RescheduleInput } from '../../../shared/domain/case.js';
import { createAppointment, rescheduleAppointment } from '../../../shared/referrals/lifecycle.js';
import { routed, valueOf, world, type World } from '../support/world.js';

/**
 * A change to an appointment over the version its caller read: a stale tab is refused (409 naming
 * `version`, changed-meanwhile) instead of silently undoing a colleague's move, and a retry of the
 * caller's own change, already written, answers with it and writes nothing.
 */

const WHEN = '2026-12-02T09:00:00.000Z';
const MOVED = '2026-12-03T12:00:00.000Z';

async function appointment(w: World) {
  const { c } = await routed(w);
  const a = valueOf(await createAppointment(c.caseId, { kind: 'appointment', when: WHEN, title: 'Civil registry', where: 'Town hall' }, w.intake));
  return { caseId: c.caseId, a };
}

const pendingReminders = async (w: World, caseId: string, appointmentId: string) =>
  (await w.repos.cases.view(caseId))!.timers.filter((t) => t.subjectId === appointmentId && t.status === 'pending').map((t) => [t.kind, t.occurrence]);

describe('rescheduleAppointment with the version read', () => {
  it('refuses a stale tab, naming version, and keeps the colleague\'s move', async () => {
    const w = world();
    const { caseId, a } = await appointment(w);
    valueOf(await rescheduleAppointment(caseId, a.appointmentId, { when: MOVED, version: 1 }, w.intake));
    const stale = await rescheduleAppointment(caseId, a.appointmentId, { when: WHEN, title: 'Civil registry (2)', version: 1 }, w.intake);
    expect(stale).toMatchObject({ ok: false, problem: { kind: 'stale', field: 'version', code: 'changed-meanwhile' } });
    expect(await w.repos.appointments.get(caseId, a.appointmentId)).toMatchObject({ when: MOVED, title: 'Civil registry', version: 2 });
    expect(await pendingReminders(w, caseId, a.appointmentId)).toEqual([
      ['appointment.evening', 2],
      ['appointment.morning', 2],
    ]);
  });

  it('changes only what it is given over the current version', async () => {
    const w = world();
    const { caseId, a } = await appointment(w);
    valueOf(await rescheduleAppointment(caseId, a.appointmentId, { when: MOVED, version: 1 }, w.intake));
    const retitled = valueOf(await rescheduleAppointment(caseId, a.appointmentId, { title: 'Civil registry (2)', version: 2 }, w.intake));
    expect(retitled).toMatchObject({ when: MOVED, title: 'Civil registry (2)', version: 3 });
  });

  it('answers a retry of its own change, already written, with it, writing nothing', async () => {
    const w = world();
    const { caseId, a } = await appointment(w);
    const moved = valueOf(await rescheduleAppointment(caseId, a.appointmentId, { when: MOVED, version: 1 }, w.intake));
    const audit = (await w.repos.cases.view(caseId))!.audit.length;
    expect(valueOf(await rescheduleAppointment(caseId, a.appointmentId, { when: MOVED, version: 1 }, w.intake))).toMatchObject({ when: MOVED, version: 2, updatedAt: moved.updatedAt });
    expect(await w.repos.appointments.get(caseId, a.appointmentId)).toMatchObject({ version: 2 });
    expect((await w.repos.cases.view(caseId))!.audit.length).toBe(audit);
  });

  it('without a version, moves the current one as before', async () => {
    const w = world();
    const { caseId, a } = await appointment(w);
    valueOf(await rescheduleAppointment(caseId, a.appointmentId, { title: 'Other', version: 1 }, w.intake));
    expect(valueOf(await rescheduleAppointment(caseId, a.appointmentId, { when: MOVED }, w.intake))).toMatchObject({ when: MOVED, title: 'Other', version: 3 });
  });
});

describe('RescheduleInput', () => {
  it('takes a positive whole version, and a version alone is nothing to change', () => {
    expect(RescheduleInput.safeParse({ when: '2026-12-02T10:00:00+01:00', version: 2 }).success).toBe(true);
    for (const bad of [{ version: 2 }, { title: 'x', version: 0 }, { title: 'x', version: 1.5 }, { title: 'x', version: '2' }]) {
      expect(RescheduleInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
