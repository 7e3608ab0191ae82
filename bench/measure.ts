import { fork } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What a measurement child sends back to bench/index.ts. */
interface ChildResult {
  /** Numbers for results.json, keyed as issue 8 names them. */
  values: Record<string, number>;
  /** Figures for BENCHMARKS.md that are not results (calls per event, counts). */
  details: Record<string, unknown>;
  /** The child's peak resident set size in MB (`process.resourceUsage().maxRSS`). */
  peakRssMb: number;
}

/** Calls of one DynamoDB command and the request units they consumed. */
interface Usage {
  calls: number;
  /** Read or write request units as DynamoDB on-demand bills them. */
  units: number;
}

/** A DynamoDB client and what it has used, by command name. */
interface CountingClient {
  client: DynamoDBClient;
  /** Returns the usage so far and starts counting from zero. */
  takeUsage(): Record<string, Usage>;
}

type Attributes = Record<string, { S?: string }>;

interface CommandInput {
  ReturnConsumedCapacity?: string;
  Item?: Attributes;
  Key?: Attributes;
}

interface Consumed {
  CapacityUnits?: number;
}

/**
 * True when a write lands on an item GSI1 projects (ALL): state items and
 * active alerts carry GSI1PK. DynamoDB bills the index write again; dynalite
 * reports only the table's units, so the bench adds it.
 */
const writesIndex = (name: string, input: CommandInput): boolean =>
  (name === 'PutItemCommand' && input.Item?.GSI1PK !== undefined) ||
  (name === 'UpdateItemCommand' &&
    input.Key?.SK?.S === 'STATE' &&
    (input.Key.PK?.S?.startsWith('RES#') ?? false));

const unitsOf = (consumed: Consumed | Consumed[] | undefined): number =>
  (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
    (sum, c) => sum + (c.CapacityUnits ?? 0),
    0
  );

/**
 * Returns a DynamoDB client for dynalite on loopback, with the test
 * helper's settings (dummy credentials, one retry).
 *
 * @param endpoint - dynalite's URL
 */
const loopbackClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 2,
  });

/**
 * Returns a DynamoDB client for a loopback endpoint that counts its calls
 * and request units per command: a middleware asks every call for its
 * `ConsumedCapacity` (dynalite computes it from item sizes as DynamoDB
 * documents), which changes nothing else about the call. A retried call
 * counts once.
 *
 * @param endpoint - dynalite's URL
 */
const countingClient = (endpoint: string): CountingClient => {
  const client = loopbackClient(endpoint);
  const usage = new Map<string, Usage>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      const input = args.input as CommandInput;
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: Consumed };
      let units = unitsOf(output.ConsumedCapacity);
      if (writesIndex(name, input)) units *= 2;
      const entry = usage.get(name) ?? { calls: 0, units: 0 };
      entry.calls += 1;
      entry.units += units;
      usage.set(name, entry);
      return result;
    },
    { step: 'initialize', name: 'benchUsage' }
  );
  const takeUsage = (): Record<string, Usage> => {
    const taken = Object.fromEntries(usage);
    usage.clear();
    return taken;
  };
  return { client, takeUsage };
};

/** Returns the median of a non-empty list. */
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Returns the mean of a non-empty list. */
const mean = (values: number[]): number =>
  values.reduce((sum, v) => sum + v, 0) / values.length;

/** Rounds to `digits` significant digits, so results.json stays readable. */
const round = (value: number, digits = 3): number =>
  Number(value.toPrecision(digits));

/** This process's peak RSS so far, in MB (maxRSS is in KiB on Linux). */
const peakRssMb = (): number => round(process.resourceUsage().maxRSS / 1024, 4);

/**
 * Sends a measurement's result to bench/index.ts over IPC and exits, so the
 * child's peak RSS is its own measurement's.
 *
 * @param values - results.json numbers
 * @param details - figures for BENCHMARKS.md
 */
const finish = (
  values: Record<string, number>,
  details: Record<string, unknown> = {}
): void => {
  const result: ChildResult = { values, details, peakRssMb: peakRssMb() };
  if (process.send === undefined) {
    // Run by hand (npx tsx bench/x.ts): print instead, on stderr, since
    // the code under test logs to stdout as it would in Lambda.
    console.error(JSON.stringify(result, null, 2));
    process.exit(0);
  }
  process.send(result, () => process.exit(0));
};

/** Arguments after the script, as `--name value` pairs. */
const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
};

/**
 * Runs a bench script in a process of its own (its own JIT, heap and peak
 * RSS) until it reports its result: a TypeScript file under tsx, or a
 * bundle (bench/lambdaBuild.ts) as node runs it.
 */
const runChild = async (
  script: string,
  args: string[]
): Promise<ChildResult> => {
  const child = fork(script, args, {
    execArgv: script.endsWith('.ts') ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as ChildResult));
    child.once('exit', (code) =>
      reject(
        new Error(
          `${script} ${args[0] ?? ''} exited with ${code} before reporting`
        )
      )
    );
  });
};

export type { ChildResult, Usage };
export {
  argument,
  countingClient,
  finish,
  loopbackClient,
  mean,
  median,
  round,
  runChild,
};
