import { AppointmentItem, appointmentKey, appointmentListing } from '../appointment.js';
import { caseKey } from '../case.js';
import type { IntentItem } from '../intent.js';
import type { ChangeNotice, AppointmentRepository, ChangeWrite } from '../ports.js';
import type { TimerItem } from '../timer.js';
import { openCase } from './cases.js';
import { cancelUnsent } from './intents.js';
import { refusedAt, setFields, type Condition, type MemoryTable, type Write } from './table.js';

const absent: Condition = (c) => c === undefined;
const NO_NOTICE: ChangeNotice = { intents: [], replaces: [] };

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

  async reschedule(current: AppointmentItem, next: AppointmentItem, timers: TimerItem[], municipalityId: string, notice: ChangeNotice = NO_NOTICE): Promise<ChangeWrite> {
    const put: Write = { put: { ...next, ...appointmentListing(next, municipalityId) }, if: (c) => c?.status === 'scheduled' && c.version === current.version };
    return this.withNotice([put, ...this.reminders(timers)], notice, next.updatedAt);
  }

  async cancel(caseId: string, appointmentId: string, at: string, notice?: ChangeNotice & { version: number }): Promise<ChangeWrite> {
    const versioned = notice?.intents.length || notice?.replaces.length ? notice.version : undefined;
    const update: Write = {
      update: appointmentKey(caseId, appointmentId),
      if: (c) => c?.status === 'scheduled' && (versioned === undefined || c.version === versioned),
      change: (a) => {
        setFields(a, { status: 'cancelled', updatedAt: at });
        delete a.listKey;
        delete a.listSort;
      },
    };
    return this.withNotice([update], notice ?? NO_NOTICE, at);
  }

  private withNotice(change: Write[], notice: ChangeNotice, at: string): ChangeWrite {
    const writes = [...change, ...this.reminders(notice.intents)];
    try {
      this.table.write(...writes, ...notice.replaces.map((i) => cancelUnsent(i, at)));
      return 'written';
    } catch (err) {
      if (refusedAt(err, 0)) return 'refused';
      if (notice.replaces.some((_, k) => refusedAt(err, writes.length + k))) return 'told';
      throw err;
    }
  }

  /** Reminders and the family's notices are written once: a retry finds them there. */
  private reminders(items: (TimerItem | IntentItem)[]): Write[] {
    return items.map((put) => ({ put, if: absent }));
  }
}
