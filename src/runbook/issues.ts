import type { z } from 'zod';
import {
  closestMatch,
  DIAGNOSTIC_SEVERITY,
  type DiagnosticCode,
  diagnostic,
  didYouMean,
} from './diagnostics.js';
import type { CustomIssueParams } from './schema.js';
import type { Diagnostic } from './types.js';
import type { YamlPath, YamlSource } from './yamlSource.js';

/** Where the issues of one validated YAML document are reported. */
interface IssueContext {
  file: string;
  /** The validated schema, to list the keys allowed where an unknown one is. */
  schema: z.ZodType;
  source: YamlSource;
  /** How to name the document as a whole: `the front matter`, `runbook.yml`. */
  subject: string;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef =>
  schema._zod.def as unknown as SchemaDef;

/** The keys a strict object at `path` allows, unwrapping optionals, lists and records. */
const knownKeys = (schema: z.ZodType, path: YamlPath): string[] => {
  let current: z.ZodType | undefined = schema;
  let remaining = [...path];
  while (current !== undefined) {
    const def = defOf(current);
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.in !== undefined) current = def.in;
    else if (remaining.length === 0) break;
    else if (def.type === 'object') {
      current = def.shape?.[String(remaining[0])];
      remaining = remaining.slice(1);
    } else if (def.type === 'array' || def.type === 'record') {
      current = def.element ?? def.valueType;
      remaining = remaining.slice(1);
    } else return [];
  }
  const shape = current === undefined ? undefined : defOf(current).shape;
  return shape === undefined ? [] : Object.keys(shape);
};

const formatPath = (path: YamlPath): string =>
  path
    .map((segment, i) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${i === 0 ? '' : '.'}${String(segment)}`
    )
    .join('');

const describe = (value: unknown): string => {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty list' : 'a list';
  }
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  }
  return String(value);
};

const isDiagnosticCode = (code: unknown): code is DiagnosticCode =>
  typeof code === 'string' && Object.hasOwn(DIAGNOSTIC_SEVERITY, code);

/**
 * Returns one diagnostic per problem zod found, located at the offending key
 * or value. The schemas' `error` phrases say what a key expects, so messages
 * read "'backup.retention' must be a duration such as 30m, 26h or 7d, not 7".
 *
 * @param issues - the issues of a failed `safeParse(value, { reportInput: true })`
 * @param context - where and how to report them
 */
const issueDiagnostics = (
  issues: readonly z.core.$ZodIssue[],
  context: IssueContext
): Diagnostic[] => {
  const { file, schema, source, subject } = context;
  const name = (path: YamlPath): string =>
    path.length === 0 ? subject : `'${formatPath(path)}'`;
  // A misspelt key also makes the right one missing; say it once, as the typo.
  const typos = new Set(
    issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.flatMap((key) => {
            const match = closestMatch(key, knownKeys(schema, issue.path));
            return match === undefined
              ? []
              : [formatPath([...issue.path, match])];
          })
        : []
    )
  );
  return issues.flatMap((issue): Diagnostic[] => {
    const { path } = issue;
    const shown = `${name(path)} must be ${issue.message}, not ${describe(issue.input)}`;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = knownKeys(schema, path);
        const where = path.length === 0 ? '' : ` in '${formatPath(path)}'`;
        return issue.keys.map((key) => {
          const hint =
            didYouMean(key, allowed) || `; allowed here: ${allowed.join(', ')}`;
          return diagnostic(
            'unknown-key',
            file,
            source.keyRange([...path, key]),
            `unknown key '${key}'${where}${hint}`
          );
        });
      }
      case 'invalid_type': {
        if (issue.input === undefined && path.length > 0) {
          if (typos.has(formatPath(path))) return [];
          const parent = path.slice(0, -1);
          const where =
            parent.length === 0 ? '' : ` in '${formatPath(parent)}'`;
          return [
            diagnostic(
              'missing-key',
              file,
              source.keyRange(parent),
              `missing required key '${String(path.at(-1))}'${where}: ${issue.message}`
            ),
          ];
        }
        return [diagnostic('wrong-type', file, source.valueRange(path), shown)];
      }
      case 'invalid_value': {
        const values = issue.values.map(String);
        const hint =
          typeof issue.input === 'string'
            ? didYouMean(issue.input, values)
            : '';
        return [
          diagnostic(
            'invalid-value',
            file,
            source.valueRange(path),
            `${shown}${hint}`
          ),
        ];
      }
      case 'custom': {
        const params = issue.params as CustomIssueParams | undefined;
        if (!isDiagnosticCode(params?.diagnostic)) break;
        const range = source.valueRange(path);
        if (params.offset !== undefined) {
          range[0] = Math.min(
            range[1],
            source.stringStart(path) + params.offset
          );
        }
        return [diagnostic(params.diagnostic, file, range, issue.message)];
      }
    }
    return [diagnostic('invalid-value', file, source.valueRange(path), shown)];
  });
};

export { formatPath, issueDiagnostics };
