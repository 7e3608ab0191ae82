import { describe, expect, it } from 'vitest';
import {
  arnLocation,
  formatBytes,
  oneLine,
} from '../../../src/checks/format.js';
import { formatUtc, shortName } from '../../../src/checks/index.js';

describe('formatUtc', () => {
  it('returns the UTC minute, dropping seconds rather than rounding up', () => {
    // Act & Assess
    expect(formatUtc(new Date('2026-11-05T02:25:59.999Z'))).toBe(
      '2026-11-05 02:25 UTC'
    );
  });

  it('returns UTC whatever offset the instant was written with', () => {
    // Act & Assess
    expect(formatUtc(new Date('2026-11-05T03:25:00+01:00'))).toBe(
      '2026-11-05 02:25 UTC'
    );
  });
});

describe('shortName', () => {
  it.each([
    ['arn:aws:rds:eu-west-1:111122223333:db:orders-prod', 'orders-prod'],
    ['arn:aws:s3:::acme-assets', 'acme-assets'],
    ['arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc', 'vol-0abc'],
    ['arn:aws:dynamodb:eu-west-1:111122223333:table/carts', 'carts'],
    ['arn:aws:s3:::', 'arn:aws:s3:::'],
    // Patterns keep their resource part, so two of them never both read `*`.
    [
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/prod/*',
      'secret:shop/prod/*',
    ],
    [
      'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/prod/*',
      'parameter/shop/prod/*',
    ],
    ['arn:aws:ec2:eu-west-1:111122223333:volume/vol-*abc', 'volume/vol-*abc'],
  ])('returns the short name of %s', (arn, expected) => {
    // Act & Assess
    expect(shortName(arn)).toBe(expected);
  });
});

describe('arnLocation', () => {
  it('returns the region and account of an ARN, undefined when empty', () => {
    // Act & Assess
    expect(
      arnLocation('arn:aws:backup:eu-central-1:222233334444:backup-vault:dr')
    ).toEqual({ region: 'eu-central-1', account: '222233334444' });
    expect(arnLocation('arn:aws:s3:::acme-assets')).toEqual({
      region: undefined,
      account: undefined,
    });
  });
});

describe('oneLine', () => {
  it('joins lines and shortens long AWS messages', () => {
    // Prepare
    const long = `Backup job failed\n\tbecause ${'x'.repeat(300)}`;

    // Act
    const line = oneLine(long);

    // Assess
    expect(line).toMatch(/^Backup job failed because x+…$/);
    expect(line).toHaveLength(160);
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [50 * 1024 ** 3, '50.0 GiB'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    // Act & Assess
    expect(formatBytes(bytes)).toBe(expected);
  });
});
