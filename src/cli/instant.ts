import { UsageError } from './errors.js';

/** Full ISO 8601 instants only: a bare date would hide a time zone guess. */
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a flag's ISO 8601 time with a zone.
 *
 * @param flag - the flag, for the error (`--at`)
 * @param value - what the user typed
 * @throws {UsageError} for anything but a full ISO 8601 time with a zone
 */
const parseInstant = (flag: string, value: string): Date => {
  const at = new Date(value);
  if (!ISO_INSTANT.test(value) || Number.isNaN(at.getTime())) {
    throw new UsageError(
      `${flag} must be an ISO 8601 time with a zone, such as 2026-11-05T12:00:00Z; got '${value}'`
    );
  }
  return at;
};

export { ISO_INSTANT, parseInstant };
