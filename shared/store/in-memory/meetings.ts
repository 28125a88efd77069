import type { Actor } from '../../domain/actor.js';
import { meetingAudit, MeetingItem, meetingKey, meetingListing, meetingMinutes, type Minutes } from '../meeting.js';
import type { MeetingRepository, MeetingView } from '../ports.js';
import { meetingViewOf } from '../views.js';
import { countIn } from './counters.js';
import { type Condition, type MemoryTable } from './table.js';

/** Still scheduled, at the sequence that was read: a concurrent edit raised it. */
const unchanged =
  (current: MeetingItem): Condition =>
  (c) =>
    c?.status === 'scheduled' && c.sequence === current.sequence;

export class MemoryMeetings implements MeetingRepository {
  constructor(private readonly table: MemoryTable) {}

  async createIfAbsent(m: MeetingItem): Promise<boolean> {
    return this.table.tryWrite({ put: { ...m, ...meetingListing(m) }, if: (c) => c === undefined });
  }

  async get(meetingId: string): Promise<MeetingItem | undefined> {
    const item = this.table.get(meetingKey(meetingId));
    return item ? MeetingItem.parse(item) : undefined;
  }

  async municipalityOf(meetingId: string): Promise<string | undefined> {
    const item = this.table.get(meetingKey(meetingId));
    return typeof item?.municipalityId === 'string' ? item.municipalityId : undefined;
  }

  async update(current: MeetingItem, next: MeetingItem, audit: { event: string; at: string; actor: Actor; detail?: Record<string, string> }): Promise<boolean> {
    return this.table.tryWrite({ put: next.status === 'scheduled' ? { ...next, ...meetingListing(next) } : next, if: unchanged(current) }, { put: meetingAudit(current, next, audit) });
  }

  async recordMinutes(current: MeetingItem, minutes: Minutes, at: string, actor: Actor): Promise<boolean> {
    const { next, audit, counts } = meetingMinutes(current, minutes, at, actor);
    return this.table.tryWrite(
      { put: { ...next, ...meetingListing(next) }, if: unchanged(current) },
      { put: audit },
      ...(counts ? [countIn(current.municipalityId, current.start, counts)] : []),
    );
  }

  async view(meetingId: string): Promise<MeetingView | undefined> {
    return meetingViewOf(this.table.partition(meetingKey(meetingId).pk));
  }
}
