import { hasDueDay } from './calendar.js';
import { InvalidScheduleError } from './errors.js';
import type {
  CronSchedule,
  DayOfMonthSpec,
  DayOfWeekSpec,
  RateSchedule,
  RateUnit,
  Schedule,
  ScheduleValidation,
} from './types.js';

/** The limits of one cron field, as AWS documents them. */
interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Names for 1..n, e.g. JAN-DEC or SUN-SAT. */
  names?: readonly string[];
  /** Whether `/` increments are allowed (AWS lists none for day-of-week). */
  steps: boolean;
}

/** A piece of the expression and where it starts. */
interface Token {
  text: string;
  offset: number;
}

const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59, steps: true };
const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23, steps: true };
const DAY_OF_MONTH: FieldSpec = {
  name: 'day-of-month',
  min: 1,
  max: 31,
  steps: true,
};
const MONTH: FieldSpec = {
  name: 'month',
  min: 1,
  max: 12,
  names: [
    'JAN',
    'FEB',
    'MAR',
    'APR',
    'MAY',
    'JUN',
    'JUL',
    'AUG',
    'SEP',
    'OCT',
    'NOV',
    'DEC',
  ],
  steps: true,
};
const DAY_OF_WEEK: FieldSpec = {
  name: 'day-of-week',
  min: 1,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  steps: false,
};
const YEAR: FieldSpec = { name: 'year', min: 1970, max: 2199, steps: true };

const FIELD_LIST = 'Minutes Hours Day-of-month Month Day-of-week Year';

const RATE_UNIT_MS: Record<RateUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

const DAY_VALUE = '(\\d+|[A-Za-z]{3})';
const DOM_NEAREST_WEEKDAY = /^(\d+)W$/i;
const DOW_LAST = new RegExp(`^${DAY_VALUE}L$`, 'i');
const DOW_NTH = new RegExp(`^${DAY_VALUE}#(\\d+)$`, 'i');
const DOM_SPECIAL = /^(L|LW|\d+W)$/i;
const DOW_SPECIAL = new RegExp(`^(L|${DAY_VALUE}L|${DAY_VALUE}#.*)$`, 'i');

/** Parses one expression; every failure throws with the offending span. */
class Parser {
  constructor(private readonly expression: string) {}

  fail(reason: string, offset: number, length = 1): never {
    throw new InvalidScheduleError(
      this.expression,
      reason,
      offset,
      Math.max(1, length)
    );
  }

  parse(): Schedule {
    const text = this.expression;
    const start = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    const kind = text.slice(start, start + 5);
    if (kind !== 'cron(' && kind !== 'rate(') {
      this.fail(
        'expected cron(Minutes Hours Day-of-month Month Day-of-week Year) or rate(value unit)',
        start,
        end - start
      );
    }
    if (text[end - 1] !== ')' || end - start < 6) {
      this.fail("missing ')' at the end", Math.max(start, end - 1));
    }
    const body = tokens(text, start + 5, end - 1);
    return kind === 'cron('
      ? this.cron(body, end - 1)
      : this.rate(body, start + 5, end - 1);
  }

  rate(body: Token[], bodyStart: number, close: number): RateSchedule {
    const [value, unit, extra] = body;
    if (value === undefined || unit === undefined || extra !== undefined) {
      const from = body[0]?.offset ?? bodyStart;
      this.fail(
        'rate() takes a value and a unit, e.g. rate(1 hour) or rate(12 hours)',
        from,
        close - from
      );
    }
    if (!/^\d+$/.test(value.text) || Number(value.text) < 1) {
      this.fail(
        `rate value '${value.text}' must be a whole number of at least 1`,
        value.offset,
        value.text.length
      );
    }
    const amount = Number(value.text);
    const singular = unit.text.endsWith('s')
      ? unit.text.slice(0, -1)
      : unit.text;
    if (!(singular in RATE_UNIT_MS)) {
      this.fail(
        `rate unit '${unit.text}' must be one of minute, minutes, hour, hours, day, days`,
        unit.offset,
        unit.text.length
      );
    }
    const rateUnit = singular as RateUnit;
    if (amount === 1 && unit.text !== singular) {
      this.fail(
        `use the singular unit for a value of 1: rate(1 ${singular})`,
        unit.offset,
        unit.text.length
      );
    }
    if (amount > 1 && unit.text === singular) {
      this.fail(
        `use the plural unit for a value above 1: rate(${amount} ${singular}s)`,
        unit.offset,
        unit.text.length
      );
    }
    return {
      kind: 'rate',
      expression: this.expression,
      value: amount,
      unit: rateUnit,
      periodMs: amount * RATE_UNIT_MS[rateUnit],
    };
  }

  cron(body: Token[], close: number): CronSchedule {
    if (body.length > 6) {
      const extra = body[6] as Token;
      this.fail(
        `cron() takes exactly 6 fields (${FIELD_LIST}), found ${body.length}`,
        extra.offset,
        close - extra.offset
      );
    }
    const [minutes, hours, dom, month, dow, year] = body;
    if (
      minutes === undefined ||
      hours === undefined ||
      dom === undefined ||
      month === undefined ||
      dow === undefined ||
      year === undefined
    ) {
      this.fail(
        `cron() takes exactly 6 fields (${FIELD_LIST}), found ${body.length}`,
        close
      );
    }
    if (dom.text === '?' && dow.text === '?') {
      this.fail(
        "day-of-month and day-of-week can't both be '?': give a value or * in one of them",
        dow.offset
      );
    }
    if (dom.text !== '?' && dow.text !== '?') {
      this.fail(
        "one of day-of-month or day-of-week must be '?' (AWS doesn't allow values in both)",
        dow.offset,
        dow.text.length
      );
    }
    const schedule: CronSchedule = {
      kind: 'cron',
      expression: this.expression,
      minutes: this.values(minutes, MINUTES),
      hours: this.values(hours, HOURS),
      dayOfMonth: this.dayOfMonth(dom),
      months: this.values(month, MONTH),
      dayOfWeek: this.dayOfWeek(dow),
      years: this.values(year, YEAR),
    };
    if (!hasDueDay(schedule)) {
      const field = dom.text === '?' ? dow : dom;
      this.fail(
        `never due: no date between 1970 and 2199 matches '${dom.text} ${month.text} ${dow.text} ${year.text}'`,
        field.offset,
        field.text.length
      );
    }
    return schedule;
  }

  dayOfMonth(field: Token): DayOfMonthSpec {
    const upper = field.text.toUpperCase();
    if (field.text === '?' || field.text === '*') return { kind: 'any' };
    if (upper === 'L') return { kind: 'last' };
    if (upper === 'LW') return { kind: 'last-weekday' };
    const nearest = DOM_NEAREST_WEEKDAY.exec(field.text);
    if (nearest) {
      const day = this.value(
        { text: nearest[1] as string, offset: field.offset },
        DAY_OF_MONTH
      );
      return { kind: 'nearest-weekday', day };
    }
    return { kind: 'days', days: this.values(field, DAY_OF_MONTH) };
  }

  dayOfWeek(field: Token): DayOfWeekSpec {
    if (field.text === '?' || field.text === '*') return { kind: 'any' };
    // A lone L is the last day of the week (AWS: "last day of ... week").
    if (field.text.toUpperCase() === 'L') return { kind: 'days', days: [7] };
    const last = DOW_LAST.exec(field.text);
    if (last) {
      const day = this.value(
        { text: last[1] as string, offset: field.offset },
        DAY_OF_WEEK
      );
      return { kind: 'last', day };
    }
    const nth = DOW_NTH.exec(field.text);
    if (nth) {
      const day = this.value(
        { text: nth[1] as string, offset: field.offset },
        DAY_OF_WEEK
      );
      const hash = field.text.indexOf('#');
      const n = nth[2] as string;
      if (!/^[1-5]$/.test(n)) {
        this.fail(
          `'#${n}' in day-of-week must be #1 to #5 (the nth such day of the month)`,
          field.offset + hash,
          n.length + 1
        );
      }
      return { kind: 'nth', day, nth: Number(n) };
    }
    if (field.text.includes('#')) {
      const hash = field.offset + field.text.indexOf('#');
      this.fail(
        "'#' takes one day and a number, e.g. 3#2 (the second Tuesday); it can't be combined with other values",
        hash
      );
    }
    return { kind: 'days', days: this.values(field, DAY_OF_WEEK) };
  }

  /** Expands a list of values, ranges and increments, ascending. */
  values(field: Token, spec: FieldSpec): number[] {
    const found = new Set<number>();
    let offset = field.offset;
    for (const text of field.text.split(',')) {
      this.item({ text, offset }, spec, found);
      offset += text.length + 1;
    }
    return [...found].sort((a, b) => a - b);
  }

  item(item: Token, spec: FieldSpec, into: Set<number>): void {
    const { text, offset } = item;
    if (text === '') {
      this.fail(`empty value in the ${spec.name} list`, offset);
    }
    if (text === '?') {
      this.fail(
        spec === DAY_OF_MONTH || spec === DAY_OF_WEEK
          ? `'?' must stand alone in ${spec.name}`
          : `'?' is only allowed in day-of-month or day-of-week`,
        offset
      );
    }
    const special = spec === DAY_OF_MONTH ? DOM_SPECIAL : DOW_SPECIAL;
    if ((spec === DAY_OF_MONTH || spec === DAY_OF_WEEK) && special.test(text)) {
      this.fail(
        `'${text}' must stand alone in ${spec.name}, without other values`,
        offset,
        text.length
      );
    }
    const slash = text.indexOf('/');
    const base = slash === -1 ? text : text.slice(0, slash);
    let step = 1;
    if (slash !== -1) {
      if (!spec.steps) {
        this.fail(`'/' is not allowed in ${spec.name}`, offset + slash);
      }
      const stepText = text.slice(slash + 1);
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        this.fail(
          `increment '${stepText}' in ${spec.name} must be a whole number of at least 1`,
          offset + slash + 1,
          stepText.length
        );
      }
      step = Number(stepText);
    }
    let from = spec.min;
    let to = spec.max;
    if (base !== '*') {
      const dash = base.indexOf('-');
      from = this.value(
        { text: dash === -1 ? base : base.slice(0, dash), offset },
        spec
      );
      if (dash !== -1) {
        to = this.value(
          { text: base.slice(dash + 1), offset: offset + dash + 1 },
          spec
        );
        if (to < from) {
          this.fail(
            `range '${base}' in ${spec.name} runs backwards: write it as a list of two ranges`,
            offset,
            base.length
          );
        }
      } else if (slash === -1) {
        to = from;
      }
    }
    for (let value = from; value <= to; value += step) into.add(value);
  }

  value(token: Token, spec: FieldSpec): number {
    const { text, offset } = token;
    let value: number;
    if (/^\d+$/.test(text)) {
      value = Number(text);
    } else {
      const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
      if (index === -1) {
        const names = spec.names
          ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}`
          : '';
        this.fail(
          `'${text}' is not a ${spec.name} value (${spec.min}-${spec.max}${names})`,
          offset,
          text.length || 1
        );
      }
      value = index + 1;
    }
    if (value < spec.min || value > spec.max) {
      this.fail(
        `${spec.name} value ${text} is out of range ${spec.min}-${spec.max}`,
        offset,
        text.length
      );
    }
    return value;
  }
}

/** Splits `text[from, to)` on white space, keeping each piece's offset. */
const tokens = (text: string, from: number, to: number): Token[] =>
  [...text.slice(from, to).matchAll(/\S+/g)].map((match) => ({
    text: match[0],
    offset: from + match.index,
  }));

// Parsing runs once per distinct expression; a runbook has few of them.
const parsed = new Map<string, Schedule | InvalidScheduleError>();
const PARSED_LIMIT = 1000;

/**
 * Returns the parsed form of an AWS `cron(...)` or `rate(...)` expression.
 * Results (and failures) are cached by expression.
 *
 * @param expression - e.g. `cron(0 2 * * ? *)` or `rate(12 hours)`
 * @throws {InvalidScheduleError} when the expression is not valid AWS syntax
 *   or no date ever matches it; `offset` and `length` locate the bad part
 */
const parseSchedule = (expression: string): Schedule => {
  let result = parsed.get(expression);
  if (result === undefined) {
    try {
      result = new Parser(expression).parse();
    } catch (error) {
      if (!(error instanceof InvalidScheduleError)) throw error;
      result = error;
    }
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(expression, result);
  }
  if (result instanceof InvalidScheduleError) throw result;
  return result;
};

/**
 * Checks an AWS `cron(...)` or `rate(...)` expression without throwing.
 *
 * @param expression - the schedule as written in the runbook
 * @returns `{ ok: true }`, or the reason with the offset and length of the
 *   bad part within the expression
 */
const validateSchedule = (expression: string): ScheduleValidation => {
  try {
    parseSchedule(expression);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof InvalidScheduleError)) throw error;
    return {
      ok: false,
      message: error.reason,
      offset: error.offset,
      length: error.length,
    };
  }
};

export { parseSchedule, validateSchedule };
