/**
 * Returns an instant as people read it in a page, in UTC to the minute:
 * `2026-11-05 02:25 UTC`. Seconds are dropped, not rounded, so a time never
 * reads later than it was.
 *
 * @param date - a valid UTC instant
 */
const formatUtc = (date: Date): string =>
  `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Fields before an ARN's resource part: `arn:partition:service:region:account:`. */
const ARN_PREFIX_FIELDS = 5;

/**
 * Returns the short name of a resource: the part of its ARN after the last
 * `:` or `/` (`orders-prod` for `arn:aws:rds:…:db:orders-prod`). For a
 * pattern whose last part is a wildcard it is the whole resource part
 * (`secret:shop/prod/*`): two patterns' pages must not both read `*`.
 *
 * @param arn - a resource ARN or ARN pattern
 */
const shortName = (arn: string): string => {
  const short = arn.slice(
    Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/')) + 1
  );
  if (short.includes('*')) {
    const fields = arn.split(':');
    return fields.length > ARN_PREFIX_FIELDS
      ? fields.slice(ARN_PREFIX_FIELDS).join(':')
      : arn;
  }
  return short === '' ? arn : short;
};

/** Returns the region and account fields of an ARN, undefined when empty. */
const arnLocation = (
  arn: string
): { region: string | undefined; account: string | undefined } => {
  const [, , , region, account] = arn.split(':');
  return { region: region || undefined, account: account || undefined };
};

const MAX_MESSAGE = 160;

/** Returns text on one line: every run of whitespace one space. */
const flatten = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Returns AWS's message text on one line and short enough for a summary:
 * status messages may span lines and repeat whole ARNs.
 */
const oneLine = (text: string): string => {
  const flat = flatten(text);
  return flat.length > MAX_MESSAGE
    ? `${flat.slice(0, MAX_MESSAGE - 1)}…`
    : flat;
};

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Returns a byte count with a binary unit: `512 B`, `1.5 GiB`. */
const formatBytes = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : value.toFixed(1);
  return `${shown} ${BYTE_UNITS[unit]}`;
};

export { arnLocation, flatten, formatBytes, formatUtc, oneLine, shortName };
