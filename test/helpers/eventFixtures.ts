import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/events/', import.meta.url));

/** Returns the raw text of a fixture, by path under test/fixtures/events. */
const fixtureText = (path: string): string =>
  readFileSync(join(FIXTURES, path), 'utf8');

/** Returns a parsed fixture, by path under test/fixtures/events. */
const fixture = (path: string): unknown => JSON.parse(fixtureText(path));

/** Every JSON fixture, as paths under test/fixtures/events, sorted. */
const fixturePaths = (): string[] =>
  readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.json'))
    .map((path) => relative(FIXTURES, join(FIXTURES, path)))
    .sort();

export { fixture, fixturePaths, fixtureText };
