import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** One import or re-export of a file, type-only ones included. */
interface Edge {
  from: string;
  to: string;
  spec: string;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });

const specifiers = (file: string): string[] => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

/** `src/<module>/…` gives `<module>`, `src/<file>.ts` gives `<file>`, `demo/…` gives `demo`. */
const moduleOf = (file: string): string => {
  const parts = file.split('/');
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.ts$/, '');
};

const resolveSpec = (from: string, spec: string): string =>
  relative(ROOT, resolve(ROOT, dirname(from), spec)).replace(/\.js$/, '.ts');

const edgesOf = (dirs: string[]): Edge[] =>
  dirs.flatMap(sourceFiles).flatMap((from) =>
    specifiers(from).map((spec) => ({
      from,
      spec,
      to: spec.startsWith('.') ? resolveSpec(from, spec) : spec,
    }))
  );

const PRODUCT = edgesOf(['src', 'demo']);

/**
 * Faces other modules may import: each module's index.ts, and these
 * (package.json: the CLI's --version reads the package's own version).
 */
const EXTRA_FACES = new Set(['src/report/senders/index.ts', 'package.json']);

const isFace = (file: string): boolean =>
  EXTRA_FACES.has(file) ||
  /^src\/[^/]+\/index\.ts$/.test(file) ||
  /^src\/[^/]+\.ts$/.test(file) ||
  file === 'demo/index.ts';

/** The AWS SDK and Node's I/O modules: what a pure module must not import. */
const isIo = (spec: string): boolean =>
  spec.startsWith('@aws-sdk/') ||
  /^node:(fs|child_process|http|https|net|dgram|process)(\/|$)/.test(spec);

const crossModule = (edges: Edge[]): Edge[] =>
  edges.filter(
    (e) => e.spec.startsWith('.') && moduleOf(e.from) !== moduleOf(e.to)
  );

/** Returns the module graph's cycles, each as a list of modules. */
const cyclesOf = (edges: Edge[]): string[][] => {
  const next = new Map<string, Set<string>>();
  for (const e of crossModule(edges)) {
    const from = moduleOf(e.from);
    next.set(from, (next.get(from) ?? new Set()).add(moduleOf(e.to)));
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const walk = (node: string, path: string[]): void => {
    state.set(node, 'open');
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'open') {
        cycles.push([...path.slice(path.indexOf(to)), to]);
      } else if (state.get(to) === undefined) walk(to, [...path, to]);
    }
    state.set(node, 'done');
  };
  for (const node of next.keys()) {
    if (state.get(node) === undefined) walk(node, [node]);
  }
  return cycles;
};

const importsOf = (module: string): Set<string> =>
  new Set(
    crossModule(PRODUCT)
      .filter((e) => moduleOf(e.from) === module)
      .map((e) => moduleOf(e.to))
  );

describe('the module graph', () => {
  it('finds every relative import of the product on disk', () => {
    // Act
    const missing = PRODUCT.filter(
      (e) => e.spec.startsWith('.') && !existsSync(join(ROOT, e.to))
    );

    // Assess: a resolver that found nothing would make every rule pass.
    expect(missing).toEqual([]);
    expect(crossModule(PRODUCT).length).toBeGreaterThan(100);
  });

  it('has no cycles between the top-level modules, type imports included', () => {
    // Act & Assess
    expect(cyclesOf(PRODUCT)).toEqual([]);
  });

  it('sees a cycle when there is one', () => {
    // Prepare: the rule's own check, on a made-up graph.
    const edges: Edge[] = [
      { from: 'src/a/x.ts', to: 'src/b/index.ts', spec: '../b/index.js' },
      { from: 'src/b/y.ts', to: 'src/a/index.ts', spec: '../a/index.js' },
    ];

    // Act & Assess
    expect(cyclesOf(edges)).toEqual([['a', 'b', 'a']]);
  });

  it('keeps the model at the bottom: it imports nothing of ours', () => {
    // Act & Assess
    expect([...importsOf('model')]).toEqual([]);
  });

  it('lets the history depend on the model alone', () => {
    // Act & Assess
    expect([...importsOf('history')]).toEqual(['model']);
  });

  it('enters another module only through its face', () => {
    // Act
    const bypasses = crossModule(PRODUCT)
      .filter((e) => !isFace(e.to))
      .map((e) => `${e.from} -> ${e.to}`);

    // Assess
    expect(bypasses).toEqual([]);
  });

  it('lets handlers import only module faces and the Lambda types', () => {
    // Act
    const wrong = edgesOf(['handlers'])
      .filter(
        (e) =>
          !(e.spec === 'aws-lambda' || /^src\/[^/]+\/index\.ts$/.test(e.to))
      )
      .map((e) => `${e.from} -> ${e.spec}`);

    // Assess
    expect(wrong).toEqual([]);
  });

  it.each(['model', 'schedule', 'checks', 'events'])(
    'keeps %s free of the AWS SDK and of Node I/O',
    (module) => {
      // Act
      const io = PRODUCT.filter(
        (e) => moduleOf(e.from) === module && isIo(e.spec)
      ).map((e) => `${e.from} -> ${e.spec}`);

      // Assess
      expect(io).toEqual([]);
    }
  );

  it("keeps the report's pure face free of the AWS SDK and of Node I/O", () => {
    // Act
    const io = PRODUCT.filter(
      (e) =>
        moduleOf(e.from) === 'report' &&
        !e.from.startsWith('src/report/senders/') &&
        isIo(e.spec)
    ).map((e) => `${e.from} -> ${e.spec}`);

    // Assess
    expect(io).toEqual([]);
  });
});
