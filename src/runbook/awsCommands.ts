import { diagnostic, didYouMean } from './diagnostics.js';
import { type CodeBlock, markdownText } from './markdownText.js';
import type { Diagnostic, RunbookFiles } from './types.js';

/** What one AWS CLI service offers, read from its AWS SDK v3 client. */
interface AwsServiceModel {
  /** The client package, e.g. `@aws-sdk/client-rds`, for messages. */
  client: string;
  /** Operations by key (kebab name without hyphens), as kebab names: `describe-db-instances`. */
  operations: ReadonlyMap<string, string>;
  /** Waiters the same way: `db-instance-available`. */
  waiters: ReadonlyMap<string, string>;
}

/** The models of the AWS CLI services that can be checked, by CLI name (`rds`). */
type AwsOperations = ReadonlyMap<string, AwsServiceModel>;

/** One `aws <service> <operation>` found in a code block. */
interface AwsCliCall {
  service: string;
  operation: string;
  /** Offsets of the operation in the file. */
  operationRange: [number, number];
  /** For `aws <service> wait <waiter>`. */
  waiter?: { name: string; range: [number, number] };
}

// AWS CLI commands that are no API operation, so no client has them: help
// and the interactive wizards everywhere, and customisations of the
// services the project has clients for (`wait` is checked against waiters).
const CLI_ONLY: Record<string, readonly string[]> = {
  '*': ['help', 'wizard'],
  rds: ['generate-db-auth-token'],
};

// Global options that take no value; every other option takes one.
const FLAGS = new Set([
  '--debug',
  '--no-verify-ssl',
  '--no-paginate',
  '--no-sign-request',
  '--no-cli-pager',
  '--cli-auto-prompt',
  '--no-cli-auto-prompt',
]);

// Words after which the next word is a command again.
const PREFIXES = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  'time',
  'sudo',
  'command',
  'exec',
  'env',
  'nohup',
]);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The key operations are compared by: `DescribeDBInstances` and `describe-db-instances` agree. */
const operationKey = (name: string): string =>
  name.replace(/-/g, '').toLowerCase();

/** botocore's `xform_name`: `DescribeDBInstances` -> `describe-db-instances`. */
const kebabName = (pascal: string): string =>
  pascal
    .replace(/(.)([A-Z][a-z]+)/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

/**
 * Returns the model of one client from its exports: every `XCommand` is the
 * operation `x`, every `waitUntilX` the waiter `x`.
 *
 * @param client - the package name, for messages
 * @param exports - the package's exports
 */
const awsServiceModel = (
  client: string,
  exports: Record<string, unknown>
): AwsServiceModel => {
  const byKey = (names: string[]): Map<string, string> =>
    new Map(names.map((n) => [operationKey(n), kebabName(n)]));
  const names = Object.keys(exports);
  return {
    client,
    operations: byKey(
      names.flatMap((n) => /^([A-Z][A-Za-z0-9]*)Command$/.exec(n)?.[1] ?? [])
    ),
    waiters: byKey(
      names.flatMap((n) => /^waitUntil([A-Z][A-Za-z0-9]*)$/.exec(n)?.[1] ?? [])
    ),
  };
};

type Token =
  | { kind: 'word'; value: string; start: number; end: number }
  | { kind: 'end' } // ; & && || | newline: the command ends
  | { kind: 'open' } // $( <( >( ( or an opening backtick: a command starts
  | { kind: 'close' }; // ) or a closing backtick

/**
 * Splits shell text into words and the operators that end or nest
 * commands. Quotes and escapes are removed from words; a backslash before
 * a line end joins the lines; comments and here-documents are skipped.
 */
const tokenize = (source: string, base: number): Token[] => {
  const tokens: Token[] = [];
  const heredocs: string[] = [];
  let backticks = 0;
  let i = 0;
  let word = '';
  let wordStart = -1;
  const flush = (): void => {
    if (wordStart === -1) return;
    tokens.push({
      kind: 'word',
      value: word,
      start: base + wordStart,
      end: base + i,
    });
    word = '';
    wordStart = -1;
  };
  const take = (text: string): void => {
    if (wordStart === -1) wordStart = i;
    word += text;
  };
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '\\' && next === '\n') {
      flush();
      i += 2;
    } else if (c === '\\' && next !== undefined) {
      take(next);
      i += 2;
    } else if (c === "'") {
      if (wordStart === -1) wordStart = i;
      const close = source.indexOf(c, i + 1);
      const end = close === -1 ? source.length : close;
      word += source.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      // Inside double quotes a backslash still escapes: "{\"a\":1}".
      if (wordStart === -1) wordStart = i;
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\\' && i + 1 < source.length) i++;
        word += source[i];
        i++;
      }
      i++;
    } else if (c === '#' && wordStart === -1) {
      const line = source.indexOf('\n', i);
      i = line === -1 ? source.length : line;
    } else if (c === '\n') {
      flush();
      tokens.push({ kind: 'end' });
      i++;
      // A here-document's lines are data, up to the line of its word.
      while (heredocs.length > 0 && i < source.length) {
        const lineEnd = source.indexOf('\n', i);
        const line = source.slice(i, lineEnd === -1 ? source.length : lineEnd);
        i = lineEnd === -1 ? source.length : lineEnd + 1;
        if (line.replace(/^\t+/, '').trim() === heredocs[0]) heredocs.shift();
      }
    } else if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
    } else if (c === '<' && next === '<' && source[i + 2] !== '<') {
      flush();
      const match = /^<<-?\s*(['"]?)([A-Za-z0-9_]+)\1/.exec(source.slice(i));
      if (match !== null) heredocs.push(match[2]!);
      i += match === null ? 2 : match[0].length;
    } else if ((c === '$' || c === '<' || c === '>') && next === '(') {
      // $(...) and the process substitutions <(...) and >(...).
      flush();
      tokens.push({ kind: 'open' });
      i += 2;
    } else if (c === '`') {
      flush();
      backticks = backticks === 0 ? 1 : 0;
      tokens.push({ kind: backticks === 1 ? 'open' : 'close' });
      i++;
    } else if (c === '(' && wordStart === -1) {
      tokens.push({ kind: 'open' });
      i++;
    } else if (c === ')') {
      flush();
      tokens.push({ kind: 'close' });
      i++;
    } else if (c === ';' || c === '&' || c === '|') {
      flush();
      tokens.push({ kind: 'end' });
      i += next === c ? 2 : 1;
    } else {
      take(c);
      i++;
    }
  }
  flush();
  return tokens;
};

/** The words of an `aws` command after `aws`, up to where the command ends. */
const awsArguments = (tokens: Token[], from: number) => {
  const words: Extract<Token, { kind: 'word' }>[] = [];
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word') break;
    words.push(token);
  }
  return words;
};

/** Drops global options (`--region us-east-1`, `--debug`) before the next positional word. */
const positionals = (words: Extract<Token, { kind: 'word' }>[]) => {
  const found: Extract<Token, { kind: 'word' }>[] = [];
  for (let i = 0; i < words.length; i++) {
    const { value } = words[i]!;
    if (value.startsWith('--')) {
      if (!FLAGS.has(value) && !value.includes('=')) i++;
    } else if (value.startsWith('-') && value.length > 1) {
      // No single-dash options in the AWS CLI: stop rather than guess.
      break;
    } else found.push(words[i]!);
    if (found.length === 3) break;
  }
  return found;
};

/**
 * Returns the `aws <service> <operation>` calls in a code block, wherever a
 * command may start: at a line start, after `|`, `;`, `&&`, `||`, inside
 * `$(...)`, `<(...)` or backticks, after `do`/`then` and the like, after variable
 * assignments. Continuation lines (`\` at the end) are joined. Calls whose
 * service or operation is a shell expansion (`$SVC`) are left out.
 *
 * @param block - a code block of a runbook file
 */
const awsCliCalls = (block: CodeBlock): AwsCliCall[] => {
  const first = block.lines[0];
  if (first === undefined) return [];
  const source = block.lines.map((l) => l.text).join('\n');
  // Lines are consecutive in the file, so offsets only need the first.
  const tokens = tokenize(source, first.offset);
  const calls: AwsCliCall[] = [];
  let commandStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word') {
      commandStart = token.kind !== 'close';
      continue;
    }
    if (!commandStart) continue;
    if (ASSIGNMENT.test(token.value) || PREFIXES.has(token.value)) continue;
    commandStart = false;
    if (token.value !== 'aws' && !token.value.endsWith('/aws')) continue;
    const [service, operation, waiter] = positionals(
      awsArguments(tokens, i + 1)
    );
    if (service === undefined || operation === undefined) continue;
    if (`${service.value}${operation.value}`.includes('$')) continue;
    calls.push({
      service: service.value,
      operation: operation.value,
      operationRange: [operation.start, operation.end],
      ...(operation.value === 'wait' &&
        waiter !== undefined &&
        !waiter.value.includes('$') && {
          waiter: { name: waiter.value, range: [waiter.start, waiter.end] },
        }),
    });
  }
  return calls;
};

/**
 * Returns the AWS CLI service names (`rds`, `s3api`) that code blocks of the
 * runbook's Markdown files call, so that only their clients need loading.
 *
 * @param files - the runbook folder's files
 */
const awsServicesCalled = (files: RunbookFiles): string[] => [
  ...new Set(
    files.files
      .filter((f) => f.path.endsWith('.md'))
      .flatMap((f) => markdownText(f.content, 0, 1).code)
      .flatMap((b) => awsCliCalls(b).map((c) => c.service))
  ),
];

/**
 * Returns an `unknown-aws-operation` warning for each `aws` command in the
 * code blocks whose operation (or `wait` waiter) the service's AWS SDK
 * client does not have. Services without a model (`s3`, `s3api`, any
 * client the project does not install) are not checked.
 *
 * @param file - path of the file relative to the runbook folder
 * @param blocks - the file's code blocks
 * @param models - the services that can be checked
 */
const checkAwsCommands = (
  file: string,
  blocks: CodeBlock[],
  models: AwsOperations
): Diagnostic[] =>
  blocks.flatMap(awsCliCalls).flatMap((call): Diagnostic[] => {
    const model = models.get(call.service);
    if (model === undefined) return [];
    const { service, operation, waiter } = call;
    const cliOnly = [...(CLI_ONLY['*'] ?? []), ...(CLI_ONLY[service] ?? [])];
    if (cliOnly.includes(operation)) return [];
    if (operation === 'wait') {
      if (
        waiter === undefined ||
        model.waiters.has(operationKey(waiter.name))
      ) {
        return [];
      }
      return [
        diagnostic(
          'unknown-aws-operation',
          file,
          waiter.range,
          `'aws ${service} wait ${waiter.name}': ${model.client} has no such waiter${didYouMean(waiter.name, [...model.waiters.values()])}`
        ),
      ];
    }
    if (model.operations.has(operationKey(operation))) return [];
    return [
      diagnostic(
        'unknown-aws-operation',
        file,
        call.operationRange,
        `'aws ${service} ${operation}': ${model.client} has no such operation${didYouMean(operation, [...model.operations.values()])}`
      ),
    ];
  });

export type { AwsCliCall, AwsOperations, AwsServiceModel };
export { awsCliCalls, awsServiceModel, awsServicesCalled, checkAwsCommands };
