import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  buildSite,
  formatDiagnostic,
  lintDir,
  loadRunbook,
  serviceChangeDates,
  summarise,
  writeUnder,
} from '../../runbook/index.js';
import { type CliContext, EXIT_CODES } from '../types.js';

interface BuildOptions {
  runbook: string;
  out: string;
  mermaid: boolean;
}

/**
 * Registers `sentinel build`: lints the runbook folder, then writes its
 * static site (index, dependency diagram, restore order, one page per
 * service, the DR page) and, with `--mermaid`, the diagram as a Mermaid
 * flowchart. Writes nothing when lint finds an error.
 *
 * @example
 * ```sh
 * sentinel build --runbook runbook --out out/runbook --mermaid
 * # wrote 15 files to out/runbook
 * ```
 *
 * @param program - the `sentinel` program
 * @param context - the CLI's I/O and exit code
 */
const registerBuild = (program: Command, context: CliContext): void => {
  program
    .command('build')
    .description('lint the runbook, then write it as a static site')
    .option('--runbook <dir>', 'the runbook folder', 'runbook')
    .option('--out <dir>', 'where to write the site', 'out/runbook')
    .option(
      '--mermaid',
      'also write the dependency diagram as a Mermaid flowchart, dependencies.mmd, into the site folder',
      false
    )
    .action(async (options: BuildOptions) => {
      const { io } = context;
      const linted = await lintDir(options.runbook, io.cwd);
      for (const d of linted.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
      const { runbook } = loadRunbook(linted.files);
      if (linted.errors > 0 || runbook === undefined) {
        io.stderr(`${summarise(linted)}: nothing built\n`);
        context.setExitCode(EXIT_CODES.problems);
        return;
      }
      const dir = resolve(io.cwd, options.runbook);
      const out = resolve(io.cwd, options.out);
      const site = await buildSite(runbook, {
        lastChanged: await serviceChangeDates(runbook, dir),
        mermaid: options.mermaid,
      });
      for (const file of site) await writeUnder(out, file.path, file.content);
      io.stdout(`wrote ${site.length} files to ${options.out}\n`);
      context.setExitCode(EXIT_CODES.ok);
    });
};

export { registerBuild };
