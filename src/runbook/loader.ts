import { parseDocument } from 'yaml';
import { diagnostic, didYouMean } from './diagnostics.js';
import { splitFrontMatter } from './frontMatter.js';
import { dependencyPathMs, findCycle } from './graph.js';
import { issueDiagnostics } from './issues.js';
import { lineRange } from './position.js';
import {
  type RunbookYml,
  runbookYmlSchema,
  type ServiceFrontMatter,
  serviceSchema,
} from './schema.js';
import { checkSections, parseSections } from './sections.js';
import type {
  AlertRoute,
  Diagnostic,
  DrillScenario,
  Drills,
  LoadResult,
  Runbook,
  RunbookDefaults,
  RunbookFile,
  RunbookFiles,
  Service,
} from './types.js';
import { type YamlSource, yamlSource } from './yamlSource.js';

const RUNBOOK_YML = 'runbook.yml';
const DISASTER_RECOVERY = 'disaster-recovery.md';
const SERVICE_FILE = /^services\/([^/]+)\.md$/;

/** Used where runbook.yml leaves a default out. */
const BUILT_IN_DEFAULTS: RunbookDefaults = {
  graceMs: 30 * 60_000,
  renotifyMs: 24 * 3_600_000,
  timezone: 'UTC',
};

/** A resolved service and where its keys and body are, for diagnostics about it. */
interface LocatedService {
  service: Service;
  source: YamlSource;
  /** Offset of the body (`service.body`) in the whole file. */
  bodyOffset: number;
  /** 1-based line of the body's first line in the whole file. */
  bodyLine: number;
}

/** Everything the loader learnt, including what lint needs to place warnings. */
interface ParsedRunbook extends LoadResult {
  /** Services whose front matter was valid, in file order. */
  services: LocatedService[];
}

/** What cross-file checks need from a service file even when its schema fails. */
interface ServiceFacts {
  file: string;
  fileId: string;
  source: YamlSource;
  id?: string;
  dependsOn: { id: string; index: number }[];
  alerts?: string;
  /** `recovery.phase`, 1 when absent; undefined when it is not a valid phase. */
  phase?: number;
  /** Whether `recovery.phase` is written out, so a diagnostic can point at it. */
  phaseWritten: boolean;
}

interface YamlResult {
  data?: unknown;
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One diagnostic for a file that is not text we can read, else undefined. */
const textProblem = (file: RunbookFile): Diagnostic | undefined => {
  const { path, content } = file;
  if (content.trim() === '') {
    return diagnostic('empty-file', path, [0, 0], `${path} is empty`);
  }
  const nul = content.indexOf('\0');
  if (nul !== -1) {
    return diagnostic(
      'binary-file',
      path,
      [nul, nul + 1],
      `${path} is a binary file: runbook files must be UTF-8 text`
    );
  }
  // The reader decodes without failing, so undecodable bytes arrive as U+FFFD.
  const bad = content.indexOf('\uFFFD');
  if (bad !== -1) {
    return diagnostic(
      'invalid-encoding',
      path,
      [bad, bad + 1],
      `${path} is not valid UTF-8: save it as UTF-8`
    );
  }
  return undefined;
};

const parseYaml = (
  file: string,
  yaml: string,
  offset: number,
  fallback: [number, number]
): YamlResult => {
  const doc = parseDocument(yaml, { prettyErrors: false });
  const shift = (pos: [number, number]): [number, number] => [
    offset + pos[0],
    offset + pos[1],
  ];
  const diagnostics = [
    ...doc.errors.map((error) => ({
      ...diagnostic(
        'yaml-syntax',
        file,
        shift(error.pos),
        `invalid YAML (${error.code}): ${error.message}`
      ),
      yamlCode: error.code,
    })),
    ...doc.warnings.map((warning) => ({
      ...diagnostic(
        'yaml-warning',
        file,
        shift(warning.pos),
        `YAML (${warning.code}): ${warning.message}`
      ),
      yamlCode: warning.code,
    })),
  ];
  if (doc.errors.length > 0) return { diagnostics };
  try {
    const source = yamlSource(doc, yaml, offset, fallback);
    return { data: doc.toJS(), source, diagnostics };
  } catch (error) {
    // toJS refuses documents that expand aliases excessively.
    const message = (error as Error).message;
    return {
      diagnostics: [
        ...diagnostics,
        diagnostic('yaml-syntax', file, fallback, message),
      ],
    };
  }
};

interface RunbookYmlResult {
  config?: RunbookYml;
  source?: YamlSource;
  /** Route names, known whenever runbook.yml parsed, even with other errors. */
  routes?: string[];
  diagnostics: Diagnostic[];
}

const loadRunbookYml = (file: RunbookFile | undefined): RunbookYmlResult => {
  if (file === undefined) {
    return {
      diagnostics: [
        diagnostic(
          'missing-runbook-yml',
          RUNBOOK_YML,
          [0, 0],
          'missing runbook.yml: the runbook folder needs one with at least title and links'
        ),
      ],
    };
  }
  const problem = textProblem(file);
  if (problem !== undefined) return { diagnostics: [problem] };
  const { data, source, diagnostics } = parseYaml(
    file.path,
    file.content,
    0,
    lineRange(file.content, 1)
  );
  if (source === undefined) return { diagnostics };
  const routes =
    isRecord(data) && isRecord(data.alerts) ? Object.keys(data.alerts) : [];
  const parsed = runbookYmlSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const context = {
      file: file.path,
      schema: runbookYmlSchema,
      source,
      subject: RUNBOOK_YML,
    };
    return {
      routes,
      diagnostics: [
        ...diagnostics,
        ...issueDiagnostics(parsed.error.issues, context),
      ],
    };
  }
  return { config: parsed.data, source, routes, diagnostics };
};

const resolveDefaults = (config: RunbookYml | undefined): RunbookDefaults => ({
  graceMs: config?.defaults?.grace ?? BUILT_IN_DEFAULTS.graceMs,
  renotifyMs: config?.defaults?.renotify ?? BUILT_IN_DEFAULTS.renotifyMs,
  timezone: config?.defaults?.timezone ?? BUILT_IN_DEFAULTS.timezone,
});

const toService = (
  front: ServiceFrontMatter,
  file: string,
  body: string,
  sections: Service['sections'],
  defaults: RunbookDefaults
): Service => ({
  id: front.id,
  name: front.name,
  category: front.category,
  tier: front.tier,
  owner: front.owner,
  resources: front.resources,
  backup: {
    schedule: front.backup.schedule,
    startWindowMs: front.backup.startWindow,
    completionWindowMs: front.backup.completionWindow,
    retentionMs: front.backup.retention,
    storage: front.backup.storage,
    automation: front.backup.automation,
    copies: front.backup.copies ?? [],
    ...(front.backup.replication !== undefined && {
      replication: front.backup.replication,
    }),
  },
  recovery: {
    rtoMs: front.recovery.rto,
    rpoMs: front.recovery.rpo,
    ...(front.recovery.restoreTest !== undefined && {
      restoreTestMs: front.recovery.restoreTest,
    }),
    ...(front.recovery.restoreTesting !== undefined && {
      restoreTesting: front.recovery.restoreTesting,
    }),
    ...(front.recovery.phase !== undefined && {
      phase: front.recovery.phase,
    }),
  },
  dependsOn: front.dependsOn ?? [],
  ...(front.alerts !== undefined && { alerts: front.alerts }),
  failureThreshold: front.failureThreshold ?? 1,
  silences: front.silences ?? [],
  graceMs: defaults.graceMs,
  renotifyMs: defaults.renotifyMs,
  timezone: defaults.timezone,
  sections,
  body,
  file,
});

interface ServiceFileResult {
  facts?: ServiceFacts;
  located?: LocatedService;
  diagnostics: Diagnostic[];
}

const factsOf = (
  data: unknown,
  file: string,
  fileId: string,
  source: YamlSource
): ServiceFacts => {
  const record = isRecord(data) ? data : {};
  const dependsOn = Array.isArray(record.dependsOn)
    ? record.dependsOn.flatMap((id: unknown, index) =>
        typeof id === 'string' ? [{ id, index }] : []
      )
    : [];
  const written = isRecord(record.recovery) ? record.recovery.phase : undefined;
  const phase =
    written === undefined
      ? 1
      : Number.isInteger(written) && (written as number) >= 1
        ? (written as number)
        : undefined;
  return {
    file,
    fileId,
    source,
    dependsOn,
    phaseWritten: written !== undefined,
    ...(phase !== undefined && { phase }),
    ...(typeof record.id === 'string' && { id: record.id }),
    ...(typeof record.alerts === 'string' && { alerts: record.alerts }),
  };
};

const loadServiceFile = (
  file: RunbookFile,
  fileId: string,
  defaults: RunbookDefaults
): ServiceFileResult => {
  const problem = textProblem(file);
  if (problem !== undefined) return { diagnostics: [problem] };
  const split = splitFrontMatter(file.path, file.content);
  if (!split.ok) return { diagnostics: [split.diagnostic] };
  const { yaml, yamlOffset, body, bodyOffset, bodyLine } = split.value;
  const sections = parseSections(body, bodyLine);
  const sectionDiagnostics = checkSections(
    file.path,
    file.content,
    sections,
    bodyLine
  );
  const opening = lineRange(file.content, 1);
  const { data, source, diagnostics } = parseYaml(
    file.path,
    yaml,
    yamlOffset,
    opening
  );
  if (source === undefined) {
    return { diagnostics: [...diagnostics, ...sectionDiagnostics] };
  }
  const facts = factsOf(data, file.path, fileId, source);
  const parsed = serviceSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const context = {
      file: file.path,
      schema: serviceSchema,
      source,
      subject: 'the front matter',
    };
    return {
      facts,
      diagnostics: [
        ...diagnostics,
        ...issueDiagnostics(parsed.error.issues, context),
        ...sectionDiagnostics,
      ],
    };
  }
  const service = toService(parsed.data, file.path, body, sections, defaults);
  return {
    facts,
    located: { service, source, bodyOffset, bodyLine },
    diagnostics: [...diagnostics, ...sectionDiagnostics],
  };
};

const checkIds = (facts: ServiceFacts[]): Diagnostic[] => {
  const diagnostics: Diagnostic[] = [];
  const firstFile = new Map<string, string>();
  // The file named after the id owns it, so the copy is the one reported.
  const owners = facts.filter((f) => f.id === f.fileId);
  const others = facts.filter((f) => f.id !== f.fileId);
  for (const { file, fileId, id, source } of [...owners, ...others]) {
    if (id === undefined) continue;
    if (id !== fileId) {
      diagnostics.push(
        diagnostic(
          'id-mismatch',
          file,
          source.valueRange(['id']),
          `id '${id}' must equal the file name '${fileId}': rename the file or the id`
        )
      );
    }
    const first = firstFile.get(id);
    if (first === undefined) firstFile.set(id, file);
    else {
      diagnostics.push(
        diagnostic(
          'duplicate-id',
          file,
          source.valueRange(['id']),
          `duplicate id '${id}': ${first} already uses it`
        )
      );
    }
  }
  return diagnostics;
};

/**
 * @param facts - what each service file says, where it could be read
 * @param fileIds - the id every service file is named after: one whose
 *   front matter cannot be read still exists, and its own error says why
 */
const checkDependencies = (
  facts: ServiceFacts[],
  fileIds: string[]
): Diagnostic[] => {
  const ids = facts.flatMap((f) => (f.id === undefined ? [] : [f.id]));
  const known = new Set([...ids, ...fileIds]);
  const diagnostics = facts.flatMap(({ file, source, dependsOn }) =>
    dependsOn
      .filter((dep) => !known.has(dep.id))
      .map((dep) =>
        diagnostic(
          'unknown-dependency',
          file,
          source.valueRange(['dependsOn', dep.index]),
          `dependsOn names unknown service '${dep.id}'${didYouMean(dep.id, ids)}`
        )
      )
  );
  const nodes = facts.flatMap((f) =>
    f.id === undefined
      ? []
      : [{ id: f.id, dependsOn: f.dependsOn.map((dep) => dep.id) }]
  );
  const cycle = findCycle(nodes);
  if (cycle !== undefined) {
    const [from, to] = cycle;
    for (const at of facts.filter((f) => f.id === from)) {
      const edge = at.dependsOn.find((dep) => dep.id === to);
      if (edge === undefined) continue;
      diagnostics.push(
        diagnostic(
          'dependency-cycle',
          at.file,
          at.source.valueRange(['dependsOn', edge.index]),
          `dependency cycle: ${cycle.join(' -> ')}: no restore order exists`
        )
      );
      break;
    }
  }
  return diagnostics;
};

const checkPhases = (facts: ServiceFacts[]): Diagnostic[] => {
  const phases = new Map<string, number>();
  for (const { id, phase } of facts) {
    if (id !== undefined && phase !== undefined && !phases.has(id)) {
      phases.set(id, phase);
    }
  }
  return facts.flatMap(
    ({ file, source, id, dependsOn, phase, phaseWritten }) =>
      phase === undefined
        ? []
        : dependsOn.flatMap((dep) => {
            const depPhase = phases.get(dep.id);
            if (depPhase === undefined || depPhase <= phase) return [];
            const range = phaseWritten
              ? source.keyRange(['recovery', 'phase'])
              : source.valueRange(['dependsOn', dep.index]);
            return [
              diagnostic(
                'phase-before-dependency',
                file,
                range,
                `'${id ?? file}' restores in phase ${phase} but depends on '${dep.id}', restored in phase ${depPhase}: set recovery.phase to ${depPhase} or later, or move '${dep.id}' to an earlier phase`
              ),
            ];
          })
  );
};

const checkRoutes = (facts: ServiceFacts[], routes: string[]): Diagnostic[] =>
  facts.flatMap(({ file, source, alerts }) => {
    if (alerts === undefined || routes.includes(alerts)) return [];
    const defined =
      routes.length === 0
        ? 'runbook.yml defines no alert routes'
        : `routes in runbook.yml: ${routes.join(', ')}`;
    const hint = didYouMean(alerts, routes) || `; ${defined}`;
    return [
      diagnostic(
        'unknown-alert-route',
        file,
        source.valueRange(['alerts']),
        `unknown alert route '${alerts}'${hint}`
      ),
    ];
  });

const toRoutes = (config: RunbookYml): Record<string, AlertRoute> =>
  Object.fromEntries(
    Object.entries(config.alerts ?? {}).map(([name, route]) => [
      name,
      {
        ...(route.pagerduty !== undefined && { pagerduty: route.pagerduty }),
        sns: route.sns ?? false,
      },
    ])
  );

/**
 * Returns the drilled scenarios of runbook.yml's `drills`, each checked
 * against disaster-recovery.md's `##` headings, its services against the
 * runbook, and its route against runbook.yml's; the RTO a drill is measured
 * against is `rto`, else the critical path of its services (the slowest
 * chain of dependencies' RTOs plus the service's own).
 */
const resolveDrills = (
  yml: RunbookYmlResult,
  services: Service[],
  fileIds: string[],
  disasterRecovery: string | undefined
): { drills: Drills; diagnostics: Diagnostic[] } => {
  const config = yml.config?.drills;
  const source = yml.source;
  if (config === undefined || source === undefined) {
    return { drills: { scenarios: [] }, diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  const headings =
    disasterRecovery === undefined
      ? []
      : parseSections(disasterRecovery, 1).filter((h) => h.level === 2);
  const ids = services.map((s) => s.id);
  // A service file with its own errors still exists: say those once.
  const known = new Set([...ids, ...fileIds]);
  if (config.alerts !== undefined && !yml.routes?.includes(config.alerts)) {
    diagnostics.push(
      diagnostic(
        'unknown-alert-route',
        RUNBOOK_YML,
        source.valueRange(['drills', 'alerts']),
        `unknown alert route '${config.alerts}'${didYouMean(config.alerts, yml.routes ?? [])}`
      )
    );
  }
  const scenarios: DrillScenario[] = [];
  for (const [id, scenario] of Object.entries(config.scenarios)) {
    const heading = headings.find((h) => h.slug === id);
    if (heading === undefined) {
      const slugs = headings.map((h) => h.slug);
      diagnostics.push(
        diagnostic(
          'unknown-scenario',
          RUNBOOK_YML,
          source.keyRange(['drills', 'scenarios', id]),
          disasterRecovery === undefined
            ? `unknown scenario '${id}': there is no disaster-recovery.md to name it`
            : `unknown scenario '${id}': not the slug of a '##' heading of disaster-recovery.md${didYouMean(id, slugs) || `; headings: ${slugs.join(', ')}`}`
        )
      );
      continue;
    }
    const drilled = scenario.services ?? ids;
    drilled.forEach((service, index) => {
      if (known.has(service)) return;
      diagnostics.push(
        diagnostic(
          'unknown-service',
          RUNBOOK_YML,
          source.valueRange(['drills', 'scenarios', id, 'services', index]),
          `unknown service '${service}'${didYouMean(service, ids)}`
        )
      );
    });
    const critical = Math.max(
      0,
      ...services
        .filter((s) => drilled.includes(s.id))
        .map((s) => dependencyPathMs(services, s.id).totalMs + s.recovery.rtoMs)
    );
    scenarios.push({
      id,
      title: heading.text,
      everyMs: scenario.every,
      services: drilled.filter((service) => ids.includes(service)),
      rtoMs: scenario.rto ?? critical,
    });
  }
  return {
    drills: {
      ...(config.alerts !== undefined && { alerts: config.alerts }),
      scenarios,
    },
    diagnostics,
  };
};

/**
 * Parses and validates a runbook folder's files, keeping where every service
 * key is so that lint can place its warnings.
 *
 * @param files - the runbook folder's files, as read by `readRunbookDir`
 */
const parseRunbook = (files: RunbookFiles): ParsedRunbook => {
  const byPath = new Map(files.files.map((f) => [f.path, f]));
  const yml = loadRunbookYml(byPath.get(RUNBOOK_YML));
  const defaults = resolveDefaults(yml.config);
  const diagnostics = [...yml.diagnostics];
  const facts: ServiceFacts[] = [];
  const services: LocatedService[] = [];
  const serviceFiles = files.files
    .filter((f) => SERVICE_FILE.test(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const fileIds = serviceFiles.map((f) => SERVICE_FILE.exec(f.path)![1]!);
  for (const [index, file] of serviceFiles.entries()) {
    const fileId = fileIds[index]!;
    const result = loadServiceFile(file, fileId, defaults);
    diagnostics.push(...result.diagnostics);
    if (result.facts !== undefined) facts.push(result.facts);
    if (result.located !== undefined) services.push(result.located);
  }
  if (serviceFiles.length === 0) {
    diagnostics.push(
      diagnostic(
        'no-services',
        'services',
        [0, 0],
        'no services: add one Markdown file per service as services/<id>.md'
      )
    );
  }
  diagnostics.push(
    ...checkIds(facts),
    ...checkDependencies(facts, fileIds),
    ...checkPhases(facts)
  );
  if (yml.routes !== undefined) {
    diagnostics.push(...checkRoutes(facts, yml.routes));
  }
  const disasterRecovery = byPath.get(DISASTER_RECOVERY);
  const drProblem =
    disasterRecovery === undefined ? undefined : textProblem(disasterRecovery);
  if (drProblem !== undefined) diagnostics.push(drProblem);
  const drills = resolveDrills(
    yml,
    services.map((s) => s.service),
    fileIds,
    drProblem === undefined ? disasterRecovery?.content : undefined
  );
  diagnostics.push(...drills.diagnostics);
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  if (hasErrors || yml.config === undefined) {
    return { diagnostics, services };
  }
  const runbook: Runbook = {
    title: yml.config.title,
    links: yml.config.links,
    defaults,
    alerts: toRoutes(yml.config),
    services: services.map((s) => s.service),
    ...(disasterRecovery !== undefined && {
      disasterRecovery: disasterRecovery.content,
    }),
    drills: drills.drills,
  };
  return { runbook, diagnostics, services };
};

/**
 * Returns the runbook described by a folder's files, with every problem
 * found. The runbook is present only when there is no error; warnings do not
 * prevent it. Pure: the caller reads the files.
 *
 * @param files - the runbook folder's files, paths relative to it
 */
const loadRunbook = (files: RunbookFiles): LoadResult => {
  const { runbook, diagnostics } = parseRunbook(files);
  return runbook === undefined ? { diagnostics } : { runbook, diagnostics };
};

export type { LocatedService };
export { loadRunbook, parseRunbook };
