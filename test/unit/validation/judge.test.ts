import { describe, expect, it } from 'vitest';
import { judgeRestore } from '../../../src/validation/index.js';

describe('judgeRestore', () => {
  it.each([
    [900, 'SUCCESSFUL'],
    [899, 'FAILED'],
    [1100, 'SUCCESSFUL'],
    [1101, 'FAILED'],
  ] as const)(
    'holds a table of %d items to 10 %% of the source’s 1,000: %s',
    (itemCount, status) => {
      // Act
      const outcome = judgeRestore(
        {
          kind: 'table',
          id: 't',
          status: 'ACTIVE',
          itemCount,
          sourceItemCount: 1000,
        },
        0.1,
        undefined
      );

      // Assess
      expect(outcome.status).toBe(status);
    }
  );

  it('fails a table that is not ACTIVE, whatever it holds', () => {
    // Act & Assess
    expect(
      judgeRestore(
        {
          kind: 'table',
          id: 't',
          status: 'CREATING',
          itemCount: 5,
          sourceItemCount: 5,
        },
        0.1,
        undefined
      )
    ).toEqual({ status: 'FAILED', message: 'table t is CREATING, not ACTIVE' });
  });

  it('passes a truncated listing that already holds the backup’s bytes', () => {
    // Act & Assess
    expect(
      judgeRestore(
        {
          kind: 'bucket',
          id: 'b',
          objects: 1_000_000,
          bytes: 5e9,
          truncated: true,
        },
        0.1,
        4e9
      ).status
    ).toBe('SUCCESSFUL');
  });

  it('fails a truncated listing short of the backup, saying it was too large to list', () => {
    // Act
    const outcome = judgeRestore(
      {
        kind: 'bucket',
        id: 'b',
        objects: 1_000_000,
        bytes: 1e9,
        truncated: true,
      },
      0.1,
      4e9
    );

    // Assess
    expect(outcome).toMatchObject({
      status: 'FAILED',
      message: expect.stringContaining('too large to validate by listing'),
    });
  });

  it('lets a file system hold more than its backup, not less than the tolerance allows', () => {
    // Act & Assess
    expect(
      judgeRestore(
        { kind: 'file-system', id: 'fs', state: 'available', sizeBytes: 2e9 },
        0.1,
        1e9
      ).status
    ).toBe('SUCCESSFUL');
    expect(
      judgeRestore(
        {
          kind: 'file-system',
          id: 'fs',
          state: 'available',
          sizeBytes: 0.89e9,
        },
        0.1,
        1e9
      ).status
    ).toBe('FAILED');
  });

  it('passes a volume in use, but not one in error', () => {
    // Act & Assess
    expect(
      judgeRestore(
        {
          kind: 'volume',
          id: 'v',
          state: 'in-use',
          sizeGiB: 8,
          expectedSizeGiB: 8,
        },
        0.1,
        undefined
      ).status
    ).toBe('SUCCESSFUL');
    expect(
      judgeRestore(
        { kind: 'volume', id: 'v', state: 'error', sizeGiB: 8 },
        0.1,
        undefined
      )
    ).toEqual({ status: 'FAILED', message: 'volume v is error' });
  });
});
