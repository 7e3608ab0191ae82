import { InvalidTimezoneError } from './errors.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const BUCKET_MS = 15 * 60_000;
const MEMO_LIMIT = 100_000;
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT']);

/**
 * An IANA zone: UTC offsets and local wall-clock times.
 *
 * A wall-clock time is written as milliseconds since 1970-01-01T00:00 *local*
 * (`instant + offset`), so day n of the local calendar is
 * `[n * DAY_MS, (n + 1) * DAY_MS)` in wall time.
 */
class Zone {
  private readonly format: Intl.DateTimeFormat | undefined;
  // Offsets per 15-minute bucket of UTC time; NaN marks a bucket with a
  // transition inside, which is computed exactly on every call.
  private readonly memo = new Map<number, number>();

  constructor(readonly name: string) {
    let resolved: string;
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      resolved = format.resolvedOptions().timeZone;
      this.format = UTC_NAMES.has(resolved) ? undefined : format;
    } catch (error) {
      throw new InvalidTimezoneError(name, { cause: error });
    }
  }

  /** Returns the zone's UTC offset in ms at an instant (positive east of UTC). */
  offsetAt(ms: number): number {
    if (this.format === undefined) return 0;
    const bucket = Math.floor(ms / BUCKET_MS);
    let offset = this.memo.get(bucket);
    if (offset === undefined) {
      const first = this.exactOffset(bucket * BUCKET_MS);
      const last = this.exactOffset((bucket + 1) * BUCKET_MS - 1);
      offset = first === last ? first : Number.NaN;
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(bucket, offset);
    }
    return Number.isNaN(offset) ? this.exactOffset(ms) : offset;
  }

  /** Returns the local calendar day (see the class comment) of an instant. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /** Returns whether the offset is the same throughout local day `day`. */
  isSteadyDay(day: number): boolean {
    // Offsets run from -12 h to +14 h, so these instants bracket the day.
    const before = this.offsetAt(day * DAY_MS - 14 * HOUR_MS);
    const after = this.offsetAt((day + 1) * DAY_MS + 12 * HOUR_MS);
    // Zones change offset at most twice a year, never twice within 2.5 days.
    return before === after;
  }

  /**
   * Returns the instant of a wall-clock time, following AWS EventBridge
   * Scheduler: a time skipped by a spring-forward change has no instant
   * (undefined), and a time repeated by a fall-back change is its first
   * occurrence.
   */
  instantOf(wall: number): number | undefined {
    const before = this.offsetAt(wall - DAY_MS);
    const after = this.offsetAt(wall + DAY_MS);
    let first: number | undefined;
    for (const offset of before === after ? [before] : [before, after]) {
      const instant = wall - offset;
      const valid = this.offsetAt(instant) === offset;
      if (valid && (first === undefined || instant < first)) first = instant;
    }
    return first;
  }

  private exactOffset(ms: number): number {
    const parts = (this.format as Intl.DateTimeFormat).formatToParts(ms);
    const field = (type: Intl.DateTimeFormatPartTypes): number =>
      Number(parts.find((part) => part.type === type)?.value);
    const wall = Date.UTC(
      field('year'),
      field('month') - 1,
      field('day'),
      field('hour'),
      field('minute'),
      field('second')
    );
    return wall - Math.floor(ms / 1000) * 1000;
  }
}

const zones = new Map<string, Zone>();

/**
 * Returns the (cached) zone for an IANA name.
 *
 * @throws {InvalidTimezoneError} when the runtime doesn't know the zone
 */
const zoneFor = (name: string): Zone => {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = new Zone(name);
    zones.set(name, zone);
  }
  return zone;
};

/**
 * Returns whether a time zone is an IANA name this runtime knows.
 *
 * @param timezone - e.g. `UTC` or `Europe/Berlin`
 */
const isValidTimezone = (timezone: string): boolean => {
  try {
    zoneFor(timezone);
    return true;
  } catch (error) {
    if (error instanceof InvalidTimezoneError) return false;
    throw error;
  }
};

export { isValidTimezone, type Zone, zoneFor };
