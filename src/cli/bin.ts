import { run } from './index.js';
import { nodeIo } from './nodeIo.js';

// The SDK's nine-line Node notice: commands that call AWS say it in one line.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await run(process.argv.slice(2), nodeIo());
