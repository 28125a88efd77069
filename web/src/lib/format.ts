/**
 * Dates and times as people in Kosovo write them, always in Europe/Belgrade (the platform's
 * time zone), whatever the browser's own zone: 05.12.2026 and 14:30, together "05.12.2026, 14:30".
 */
export const TIME_ZONE = 'Europe/Belgrade';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock fields of an instant in Europe/Belgrade. */
export function wallClock(instant: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.formatToParts(instant).find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-05" or an instant → "05.12.2026". A bare date is a calendar day, not shifted by any zone. */
export function formatDate(value: string | Date | undefined): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}.${m}.${y}`;
  }
  const w = wallClock(typeof value === 'string' ? new Date(value) : value);
  return `${pad(w.day)}.${pad(w.month)}.${w.year}`;
}

/** An instant → "14:30" (Europe/Belgrade). */
export function formatTime(value: string | Date): string {
  const w = wallClock(typeof value === 'string' ? new Date(value) : value);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** An instant → "05.12.2026, 14:30" (Europe/Belgrade). */
export function formatDateTime(value: string | Date | undefined): string {
  if (value === undefined || value === '') return '';
  return `${formatDate(value)}, ${formatTime(value)}`;
}

/** Today's date in Europe/Belgrade as YYYY-MM-DD (for date inputs). */
export function todayIso(now: Date = new Date()): string {
  const w = wallClock(now);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The UTC offset of Europe/Belgrade at an instant, in minutes (+60 in winter, +120 in summer). */
function offsetAt(instant: Date): number {
  const w = wallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * A wall-clock time in Europe/Belgrade ("2026-12-05" and "14:30", from date and time inputs) as
 * the ISO instant with its offset the API wants: "2026-12-05T14:30:00+01:00". In the autumn hour
 * that happens twice, the first one; a time that does not exist (the spring-forward hour) moves
 * forward by the gap, as a clock on the wall would.
 */
export function belgradeIso(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offsets around that time (they differ only near a change), largest first.
  const offsets = [...new Set([offsetAt(new Date(wall - 6 * 3600_000)), offsetAt(new Date(wall + 6 * 3600_000))])].sort((a, b) => b - a);
  const matches = (off: number) => {
    const w = wallClock(new Date(wall - off * 60_000));
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === wall;
  };
  const offset = offsets.find(matches) ?? offsets[offsets.length - 1]!;
  const instant = new Date(wall - offset * 60_000);
  const w = wallClock(instant);
  const off = offsetAt(instant);
  const sign = off >= 0 ? '+' : '-';
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:00${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** An instant → the date and time inputs' values in Europe/Belgrade. */
export function toInputs(value: string): { date: string; time: string } {
  const w = wallClock(new Date(value));
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** The quarter an instant falls in (Europe/Belgrade): "2026-Q4". */
export function quarterOf(now: Date = new Date()): string {
  const w = wallClock(now);
  return `${w.year}-Q${Math.floor((w.month - 1) / 3) + 1}`;
}

/** The quarter before: "2026-Q1" → "2025-Q4". */
export function previousQuarter(q: string): string {
  const [y, n] = q.split('-Q').map(Number) as [number, number];
  return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
}

/** What a coordinator types for a date ("5.12.2026", "05.12.2026", "5/12/2026") → "2026-12-05"; undefined when it is no date. */
export function parseDate(typed: string): string | undefined {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?\s*$/.exec(typed);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** What a coordinator types for a time ("9:30", "09.30", "0930") → "09:30"; undefined when it is no time. */
export function parseTime(typed: string): string | undefined {
  const m = /^\s*(\d{1,2})[:.]?(\d{2})\s*$/.exec(typed);
  if (!m) return undefined;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h < 24 && mi < 60 ? `${pad(h)}:${pad(mi)}` : undefined;
}
