import { run } from './index.js';
import { nodeIo } from './nodeIo.js';

process.exitCode = await run(process.argv.slice(2), nodeIo());
