import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDynalite } from '../test/helpers/dynalite.js';

/**
 * dynalite for the benches, in a process of its own: the measured process's
 * peak RSS is then the monitor's, not the table's, and the server does not
 * take CPU from the code under test (dynalite is single-threaded JS, so two
 * cores let both run at once, as Lambda and DynamoDB do).
 */

/** A dynalite server in another process, the table created. */
interface DynaliteProcess {
  endpoint: string;
  tableName: string;
  /** `--endpoint <url> --table <name>`: the table, to a bench child. */
  tableArgs: string[];
  /** The CPU time the server process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** The server process's peak RSS in MB, asked just before stopping. */
  stop(): Promise<number>;
}

/** What the parent asks the server process. */
type Ask = 'cpu' | 'stop';

interface Ready {
  endpoint: string;
  tableName: string;
}

const SELF = fileURLToPath(import.meta.url);

/** Starts bench/dynalite.ts as a child and waits for its endpoint. */
const startDynaliteProcess = async (): Promise<DynaliteProcess> => {
  const child: ChildProcess = fork(SELF, ['--serve'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) =>
      reject(new Error(`dynalite process exited with ${code} before ready`))
    );
  });
  // One question at a time: each answer is the next message.
  const ask = (question: Ask): Promise<number> => {
    const answer = new Promise<number>((resolve) =>
      child.once('message', (m) => resolve(m as number))
    );
    child.send(question);
    return answer;
  };
  const stop = async (): Promise<number> => {
    const rssMb = await ask('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    return rssMb;
  };
  return {
    ...ready,
    tableArgs: ['--endpoint', ready.endpoint, '--table', ready.tableName],
    cpuMs: () => ask('cpu'),
    stop,
  };
};

const serve = async (): Promise<void> => {
  const dynalite = await startDynalite();
  process.on('message', async (message: unknown) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.((user + system) / 1000);
      return;
    }
    if (message !== 'stop') return;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    await dynalite.stop();
    process.send?.(rssMb, () => process.exit(0));
  });
  // A parent that dies without saying stop must not leave the server behind.
  process.on('disconnect', () => process.exit(0));
  process.send?.({
    endpoint: dynalite.endpoint,
    tableName: dynalite.tableName,
  });
};

if (process.argv[1] === SELF && process.argv.includes('--serve')) {
  await serve();
}

export type { DynaliteProcess };
export { startDynaliteProcess };
