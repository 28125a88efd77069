import { AppointmentItem, appointmentKey, appointmentListing } from '../appointment.js';
import { caseKey } from '../case.js';
import type { IntentItem } from '../intent.js';
import type { AppointmentRepository } from '../ports.js';
import type { TimerItem } from '../timer.js';
import { openCase } from './cases.js';
import { refusedAt, setFields, type Condition, type MemoryTable, type Write } from './table.js';

const absent: Condition = (c) => c === undefined;

export class MemoryAppointments implements AppointmentRepository {
  constructor(private readonly table: MemoryTable) {}

  async create(item: AppointmentItem, timers: TimerItem[], municipalityId: string): Promise<boolean> {
    try {
      this.table.write({ check: caseKey(item.caseId), if: openCase }, { put: { ...item, ...appointmentListing(item, municipalityId) }, if: absent }, ...this.reminders(timers));
      return true;
    } catch (err) {
      if (refusedAt(err, 0) || refusedAt(err, 1)) return false;
      throw err;
    }
  }

  async get(caseId: string, appointmentId: string): Promise<AppointmentItem | undefined> {
    const item = this.table.get(appointmentKey(caseId, appointmentId));
    return item ? AppointmentItem.parse(item) : undefined;
  }

  async reschedule(current: AppointmentItem, next: AppointmentItem, timers: TimerItem[], municipalityId: string, intents: IntentItem[] = []): Promise<boolean> {
    return this.table.tryWrite(
      { put: { ...next, ...appointmentListing(next, municipalityId) }, if: (c) => c?.status === 'scheduled' && c.version === current.version },
      ...this.reminders(timers),
      ...this.reminders(intents),
    );
  }

  async cancel(caseId: string, appointmentId: string, at: string, notice?: { version: number; intents: IntentItem[] }): Promise<boolean> {
    const versioned = notice?.intents.length ? notice.version : undefined;
    return this.table.tryWrite(
      {
        update: appointmentKey(caseId, appointmentId),
        if: (c) => c?.status === 'scheduled' && (versioned === undefined || c.version === versioned),
        change: (a) => {
          setFields(a, { status: 'cancelled', updatedAt: at });
          delete a.listKey;
          delete a.listSort;
        },
      },
      ...this.reminders(notice?.intents ?? []),
    );
  }

  /** Reminders and the family's notices are written once: a retry finds them there. */
  private reminders(items: (TimerItem | IntentItem)[]): Write[] {
    return items.map((put) => ({ put, if: absent }));
  }
}
