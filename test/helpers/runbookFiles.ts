import { stringify } from 'yaml';
import type { RunbookFile, RunbookFiles } from '../../src/runbook/index.js';

/** A runbook.yml with one alert route and explicit defaults. */
const RUNBOOK_YML = `title: Test shop runbook
links: https://example.com/runbook/services/{service}.md#{section}
defaults: { grace: 15m, renotify: 12h, timezone: UTC }
alerts:
  payments-oncall:
    pagerduty: /sentinel/pagerduty/payments
    sns: true
  email-only:
    sns: true
`;

/** A body with every required section, at the required levels. */
const BODY = `
# Title

## Backup

### Manual backup

Run an on-demand job.

## Recovery

### Steps

Restore the latest recovery point.

### Validation

Count the rows.

## Failover

Promote the replica.
`;

/** Front matter of a valid service; its schedule runs daily. */
const frontMatter = (id: string): Record<string, unknown> => ({
  id,
  name: `Service ${id}`,
  category: 'database',
  tier: 'high',
  owner: 'payments',
  resources: [`arn:aws:rds:us-east-1:111122223333:db:${id}`],
  backup: {
    schedule: 'cron(0 2 * * ? *)',
    startWindow: '1h',
    completionWindow: '2h',
    retention: '7d',
    storage: 'AWS Backup vault Default',
    automation: 'aws-backup',
  },
  recovery: { rto: '30m', rpo: '27h' },
  dependsOn: [],
  alerts: 'payments-oncall',
});

/** Returns a service file: the front matter as YAML between fences, then the body. */
const serviceMd = (front: Record<string, unknown>, body = BODY): string =>
  `---\n${stringify(front)}---\n${body}`;

/** Returns a service file entry at services/<id>.md. */
const serviceFile = (
  id: string,
  front: Record<string, unknown> = frontMatter(id),
  body = BODY
): RunbookFile => ({
  path: `services/${id}.md`,
  content: serviceMd(front, body),
});

/** Returns a runbook folder: runbook.yml (left out for null) plus the files. */
const runbookFiles = (
  files: RunbookFile[],
  yml: string | null = RUNBOOK_YML
): RunbookFiles => ({
  root: 'runbook',
  files: [
    ...(yml === null ? [] : [{ path: 'runbook.yml', content: yml }]),
    ...files,
  ],
});

/** Returns the [start, end] range of the nth occurrence of a text in a file. */
const rangeOf = (content: string, text: string, nth = 0): [number, number] => {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = content.indexOf(text, start + 1);
  if (start === -1) throw new Error(`'${text}' is not in the file`);
  return [start, start + text.length];
};

/** Returns the range of the value in the first `key: value` line of a file. */
const valueRange = (
  content: string,
  key: string,
  value: string
): [number, number] => {
  const [start] = rangeOf(content, `${key}: ${value}`);
  const from = start + key.length + 2;
  return [from, from + value.length];
};

/** Returns the range of the value of the first `- item` line of a file. */
const itemRange = (content: string, item: string): [number, number] => {
  const [start] = rangeOf(content, `- ${item}\n`);
  return [start + 2, start + 2 + item.length];
};

export {
  BODY,
  frontMatter,
  itemRange,
  RUNBOOK_YML,
  rangeOf,
  runbookFiles,
  serviceFile,
  serviceMd,
  valueRange,
};
