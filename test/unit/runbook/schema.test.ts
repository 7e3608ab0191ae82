import { describe, expect, it } from 'vitest';
import {
  runbookYmlSchema,
  serviceSchema,
} from '../../../src/runbook/schema.js';
import { frontMatter } from '../../helpers/runbookFiles.js';

const parse = (value: unknown) =>
  serviceSchema.safeParse(value, { reportInput: true });

describe('serviceSchema', () => {
  it('returns durations in milliseconds', () => {
    // Act
    const result = parse(frontMatter('a'));

    // Assess
    expect(result.success).toBe(true);
    expect(result.data?.backup).toMatchObject({
      startWindow: 3_600_000,
      completionWindow: 7_200_000,
      retention: 604_800_000,
    });
    expect(result.data?.recovery).toEqual({ rto: 1_800_000, rpo: 97_200_000 });
  });

  it('rejects an unknown key', () => {
    // Act
    const result = parse({ ...frontMatter('a'), teir: 'high' });

    // Assess
    expect(result.error?.issues).toMatchObject([
      { code: 'unrecognized_keys', keys: ['teir'], path: [] },
    ]);
  });

  it('reports a bad duration as invalid-duration', () => {
    // Act
    const result = parse({
      ...frontMatter('a'),
      recovery: { rto: '1y', rpo: '1h' },
    });

    // Assess
    expect(result.error?.issues).toMatchObject([
      {
        code: 'custom',
        path: ['recovery', 'rto'],
        params: { diagnostic: 'invalid-duration' },
      },
    ]);
  });

  it('reports an invalid schedule with the offset of the bad field', () => {
    // Prepare
    const front = frontMatter('a');
    const backup = {
      ...(front.backup as object),
      schedule: 'cron(0 25 * * ? *)',
    };

    // Act
    const result = parse({ ...front, backup });

    // Assess
    expect(result.error?.issues).toMatchObject([
      {
        code: 'custom',
        path: ['backup', 'schedule'],
        params: { diagnostic: 'invalid-schedule', offset: 7 },
      },
    ]);
  });

  it.each([
    ['an ARN', 'arn:aws:rds:us-east-1:111122223333:db:orders-prod'],
    ['an S3 bucket, whose ARN has no region or account', 'arn:aws:s3:::logs'],
    ['a pattern', 'arn:aws:dynamodb:*:111122223333:table/carts*'],
    [
      'a GovCloud ARN',
      'arn:aws-us-gov:ec2:us-gov-west-1:111122223333:volume/*',
    ],
  ])('accepts %s as a resource', (_, resource) => {
    // Act
    const result = parse({ ...frontMatter('a'), resources: [resource] });

    // Assess
    expect(result.error?.issues).toBeUndefined();
  });

  it.each([
    [
      'a pattern that claims everything',
      '*',
      0,
      /would claim every resource of every account/,
    ],
    [
      'an ARN with every field a wildcard',
      'arn:aws:*:*:*:*',
      0,
      /would claim every resource/,
    ],
    [
      'an ARN without its account',
      'arn:aws:dynamodb:us-east-1:table/carts',
      0,
      /six parts.*this one has 5/,
    ],
    [
      'a misspelt region',
      'arn:aws:dynamodb:us-east1:111122223333:table/carts',
      17,
      /'us-east1' in .* must be a region such as us-east-1/,
    ],
    [
      'an account of 11 digits',
      'arn:aws:dynamodb:us-east-1:11112222333:table/carts',
      27,
      /'11112222333' .* must be an account id of 12 digits/,
    ],
    [
      'an ARN that names no resource',
      'arn:aws:rds:us-east-1:111122223333:',
      35,
      /names no resource after its account/,
    ],
    [
      "a '?', which matches nothing",
      'arn:aws:rds:us-east-1:111122223333:db:orders-?',
      45,
      /'\?' is not a wildcard in .*: only \* matches/,
    ],
    [
      'a bare name for an AWS Backup service',
      'shop-carts-prod',
      undefined,
      /'shop-carts-prod' is not an ARN: AWS names the resources of aws-backup backups by ARN/,
    ],
  ])(
    'rejects %s as a resource, where it is wrong',
    (_, resource, offset, message) => {
      // Act
      const result = parse({ ...frontMatter('a'), resources: [resource] });

      // Assess
      const issues = result.error?.issues ?? [];
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({
        path: ['resources', 0],
        params: {
          diagnostic: 'invalid-value',
          ...(offset !== undefined && { offset }),
        },
      });
      expect(issues[0]?.message).toMatch(message);
    }
  );

  it('says a resource is no ARN even when the file has other errors', () => {
    // Act
    const result = parse({
      ...frontMatter('a'),
      tier: 'crtical',
      resources: ['shop-carts-prod'],
    });

    // Assess: both at once, so one lint run shows them all.
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      ['tier'],
      ['resources', 0],
    ]);
  });

  it('accepts a region of the European Sovereign Cloud', () => {
    // Act
    const result = parse({
      ...frontMatter('a'),
      resources: ['arn:aws-eusc:rds:eusc-de-east-1:111122223333:db:orders'],
    });

    // Assess
    expect(result.error?.issues).toBeUndefined();
  });

  it('lets a job that reports itself name a resource by its own id', () => {
    // Prepare
    const front = frontMatter('a');
    const backup = { ...(front.backup as object), automation: 'script' };

    // Act
    const result = parse({ ...front, backup, resources: ['shop-config'] });

    // Assess
    expect(result.error?.issues).toBeUndefined();
  });

  it('accepts a rate() schedule', () => {
    // Prepare
    const front = frontMatter('a');
    const backup = { ...(front.backup as object), schedule: 'rate(4 hours)' };

    // Act
    const result = parse({ ...front, backup });

    // Assess
    expect(result.success).toBe(true);
  });

  it.each([0, 1.5, '2'])('rejects recovery.phase %j', (phase) => {
    // Act
    const result = parse({
      ...frontMatter('a'),
      recovery: { rto: '1h', rpo: '27h', phase },
    });

    // Assess
    expect(result.error?.issues[0]?.path).toEqual(['recovery', 'phase']);
  });

  it.each([0, 1.5, '2'])('rejects failureThreshold %j', (failureThreshold) => {
    // Act
    const result = parse({ ...frontMatter('a'), failureThreshold });

    // Assess
    expect(result.error?.issues[0]?.path).toEqual(['failureThreshold']);
  });

  it('returns silence ends as dates, a bare date meaning midnight UTC', () => {
    // Prepare
    const silences = [
      { until: '2026-07-01', reason: 'migration' },
      { until: '2026-07-01T12:00:00+02:00', reason: 'test' },
    ];

    // Act
    const result = parse({ ...frontMatter('a'), silences });

    // Assess
    expect(result.data?.silences?.map((s) => s.until.toISOString())).toEqual([
      '2026-07-01T00:00:00.000Z',
      '2026-07-01T10:00:00.000Z',
    ]);
  });

  it.each(['next week', '2026-07-01T12:00:00', '2026-13-45'])(
    'rejects the silence end %j',
    (until) => {
      // Act
      const result = parse({
        ...frontMatter('a'),
        silences: [{ until, reason: 'x' }],
      });

      // Assess
      expect(result.error?.issues[0]?.path).toEqual(['silences', 0, 'until']);
    }
  );

  it('rejects an empty copy and an unquoted account id', () => {
    // Prepare
    const front = frontMatter('a');
    const backup = {
      ...(front.backup as object),
      copies: [{}, { account: 111122223333 }],
    };

    // Act
    const result = parse({ ...front, backup });

    // Assess
    expect(result.error?.issues.map((i) => [i.code, i.path])).toEqual([
      ['custom', ['backup', 'copies', 0]],
      ['invalid_type', ['backup', 'copies', 1, 'account']],
    ]);
  });

  it('accepts every key of the format at once', () => {
    // Prepare
    const front = frontMatter('a');
    const full = {
      ...front,
      backup: {
        ...(front.backup as object),
        copies: [
          { region: 'us-west-2' },
          { account: '444455556666', region: 'eu-west-1' },
        ],
      },
      recovery: { rto: '1h', rpo: '26h', restoreTest: '30d' },
      dependsOn: ['network'],
      silences: [{ until: '2026-07-01T00:00:00Z', reason: 'migration' }],
      failureThreshold: 2,
    };

    // Act
    const result = parse(full);

    // Assess
    expect(result.error?.issues).toBeUndefined();
  });
});

describe('runbookYmlSchema', () => {
  const yml = {
    title: 'Shop',
    links: 'https://x/{service}.md#{section}',
    defaults: { grace: '30m', renotify: '24h', timezone: 'Europe/Berlin' },
    alerts: { oncall: { pagerduty: '/sentinel/pd', sns: true } },
  };

  it('accepts the documented keys', () => {
    // Act
    const result = runbookYmlSchema.safeParse(yml);

    // Assess
    expect(result.data?.defaults).toEqual({
      grace: 1_800_000,
      renotify: 86_400_000,
      timezone: 'Europe/Berlin',
    });
  });

  it.each([
    [
      'an unknown time zone',
      { defaults: { timezone: 'Europe/Atlantis' } },
      ['defaults', 'timezone'],
    ],
    ['links without {service}', { links: 'https://x/' }, ['links']],
    [
      'a javascript: links template',
      { links: 'javascript:{service}' },
      ['links'],
    ],
    [
      'a relative links template',
      { links: '/runbook/{service}.md' },
      ['links'],
    ],
    [
      'a PagerDuty value that is not a parameter name',
      { alerts: { x: { pagerduty: 'a key!' } } },
      ['alerts', 'x', 'pagerduty'],
    ],
    [
      'a non-boolean sns',
      { alerts: { x: { sns: 'yes' } } },
      ['alerts', 'x', 'sns'],
    ],
    [
      'a routing key in place of its parameter name',
      { alerts: { x: { pagerduty: 'R0123456789abcdef0123456789abcde' } } },
      ['alerts', 'x', 'pagerduty'],
    ],
    ['a route that pages nobody', { alerts: { x: {} } }, ['alerts', 'x']],
    [
      'a route whose only channel is off',
      { alerts: { x: { sns: false } } },
      ['alerts', 'x'],
    ],
  ])('rejects %s', (_, change, path) => {
    // Act
    const result = runbookYmlSchema.safeParse({ ...yml, ...change });

    // Assess
    expect(result.error?.issues.map((i) => i.path)).toEqual([path]);
  });

  it('accepts a flat parameter name that only looks long', () => {
    // Act
    const result = runbookYmlSchema.safeParse({
      ...yml,
      alerts: { x: { pagerduty: 'ShopProdPagerdutyRoutingKey2' } },
    });

    // Assess
    expect(result.success).toBe(true);
  });

  it('never repeats a routing key pasted in place of its parameter name', () => {
    // Prepare
    const key = 'R0123456789abcdef0123456789abcde';

    // Act
    const result = runbookYmlSchema.safeParse({
      ...yml,
      alerts: { x: { pagerduty: key } },
    });

    // Assess
    const [issue] = result.error?.issues ?? [];
    expect(issue?.message).toMatch(/looks like a routing key itself/);
    expect(issue?.message).not.toContain(key);
  });
});
