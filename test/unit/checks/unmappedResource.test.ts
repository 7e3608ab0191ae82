import { describe, expect, it } from 'vitest';
import { checkUnmappedResource } from '../../../src/checks/index.js';
import { runbookIndexUrl } from '../../../src/runbook/index.js';
import { aBackupFact, aResourceState, LINKS } from '../../helpers/builders.js';

const NOW = new Date('2026-11-05T12:00:00Z');
const LEGACY_ARN = 'arn:aws:dynamodb:eu-west-1:111122223333:table/legacy-carts';

describe('checkUnmappedResource', () => {
  it('returns unmapped-resource for a resource no service claims', () => {
    // Prepare
    const state = aResourceState({
      resourceArn: LEGACY_ARN,
      resourceType: 'DynamoDB',
      service: undefined,
      firstSeenAt: new Date('2026-11-04T02:10:00Z'),
      lastBackup: aBackupFact({ createdAt: new Date('2026-11-05T02:05:00Z') }),
    });

    // Act
    const findings = checkUnmappedResource(state, LINKS, NOW);

    // Assess
    expect(findings).toEqual([
      {
        service: 'unmapped',
        resource: LEGACY_ARN,
        check: 'unmapped-resource',
        severity: 'warning',
        status: 'open',
        since: new Date('2026-11-04T02:10:00Z'),
        summary:
          'legacy-carts (DynamoDB, account 111122223333, eu-west-1): backups seen since 2026-11-04 02:10 UTC but no runbook service claims it',
        detail: {
          resourceArn: LEGACY_ARN,
          resourceType: 'DynamoDB',
          account: '111122223333',
          region: 'eu-west-1',
          firstSeenAt: '2026-11-04T02:10:00.000Z',
          lastBackupCreatedAt: '2026-11-05T02:05:00.000Z',
        },
        runbookUrl: 'https://github.com/acme/shop/blob/main/runbook/',
      },
    ]);
  });

  it.each([
    [
      'arn:aws:rds:us-east-1:111122223333:snapshot:orders-keep-2024',
      'orders-keep-2024',
      'RDS snapshot',
    ],
    [
      'arn:aws:rds:us-east-1:111122223333:cluster-snapshot:catalog-keep',
      'catalog-keep',
      'RDS cluster snapshot',
    ],
    [
      'arn:aws:ec2:us-east-1::snapshot/snap-0f1e2d3c4b5a69788',
      'snap-0f1e2d3c4b5a69788',
      'EBS snapshot',
    ],
    [
      'arn:aws:ec2:us-east-1::image/ami-0888b126e2170b98e',
      'ami-0888b126e2170b98e',
      'AMI',
    ],
    [
      'arn:aws:backup:us-east-1:111122223333:recovery-point:42bb8260',
      '42bb8260',
      'recovery point',
    ],
  ])('names %s for what it is', (resourceArn, _short, kind) => {
    // Prepare
    const state = aResourceState({
      resourceArn,
      service: undefined,
      firstSeenAt: new Date('2026-11-04T02:10:00Z'),
    });

    // Act
    const [finding] = checkUnmappedResource(state, LINKS, NOW);

    // Assess
    expect(finding?.summary).toContain(
      `: ${kind} seen since 2026-11-04 02:10 UTC that no recorded backup job names, and no runbook service claims it`
    );
    expect(finding?.summary).not.toContain('backups seen');
  });

  it('returns [] for a resource a service claims', () => {
    // Prepare
    const state = aResourceState({ service: 'orders-db' });

    // Act & Assess
    expect(checkUnmappedResource(state, LINKS, NOW)).toEqual([]);
  });
});

describe('runbookIndexUrl', () => {
  it.each([
    [LINKS, 'https://github.com/acme/shop/blob/main/runbook/'],
    [
      'https://runbook.acme.example/services/{service}.html#{section}',
      'https://runbook.acme.example/',
    ],
    [
      'https://wiki.acme.example/backup/{service}#{section}',
      'https://wiki.acme.example/backup/',
    ],
    [
      'https://runbook.acme.example/index.html#{section}',
      'https://runbook.acme.example/index.html',
    ],
  ])('returns the front page of %s', (links, expected) => {
    // Act & Assess
    expect(runbookIndexUrl(links)).toBe(expected);
  });
});
