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
