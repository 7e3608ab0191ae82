import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readVeleroBackup } from '../../../src/events/index.js';

const velero = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL(`../../fixtures/velero/${name}`, import.meta.url),
      'utf8'
    )
  );

const withPhase = (phase: string) => {
  const backup = velero('backup.Completed.json');
  return {
    ...backup,
    status: { ...(backup.status as object), phase },
  };
};

describe('readVeleroBackup', () => {
  it('reports a Completed backup as completed, with its items and warnings', () => {
    // Act
    const read = readVeleroBackup(velero('backup.Completed.json'));

    // Assess
    expect(read).toEqual({
      ok: true,
      report: {
        state: 'completed',
        jobId: 'shop-prod-20261106000000',
        startedAt: '2026-11-06T00:00:00Z',
        completedAt: '2026-11-06T00:07:41Z',
        message:
          'Velero backup shop-prod-20261106000000: Completed, 812/812 items, 0 errors, 1 warning',
      },
    });
  });

  it('reports a PartiallyFailed backup as partial, counting its errors and failed plugin operations', () => {
    // Act
    const read = readVeleroBackup(velero('backup.PartiallyFailed.json'));

    // Assess
    expect(read.ok && read.report).toMatchObject({
      state: 'partial',
      message:
        'Velero backup shop-prod-20261106000000: PartiallyFailed, 812/812 items, 2 errors, 5 warnings, 1 failed plugin operation',
    });
  });

  it('reports a Failed backup as failed, with why', () => {
    // Act
    const read = readVeleroBackup(velero('backup.Failed.json'));

    // Assess
    expect(read.ok && read.report).toMatchObject({
      state: 'failed',
      jobId: 'shop-prod-20261106060000',
      message: expect.stringContaining('error getting backup storage location'),
    });
  });

  it('reports a backup in progress as started, with no end', () => {
    // Act
    const read = readVeleroBackup(velero('backup.InProgress.json'));

    // Assess
    expect(read.ok && read.report).toEqual({
      state: 'started',
      jobId: 'shop-prod-20261106120000',
      startedAt: '2026-11-06T12:00:00Z',
      message:
        'Velero backup shop-prod-20261106120000: InProgress, 300/812 items, 0 errors, 0 warnings',
    });
  });

  it('reads the newest Backup of a list, by creation', () => {
    // Act
    const read = readVeleroBackup(velero('backups.List.json'));

    // Assess
    expect(read.ok && read.report.jobId).toBe('shop-prod-20261106060000');
  });

  it.each([
    ['FailedValidation', 'failed'],
    ['Queued', 'started'],
    ['WaitingForPluginOperationsPartiallyFailed', 'started'],
    ['FinalizingPartiallyFailed', 'started'],
  ])('reads the phase %s as %s', (phase, state) => {
    // Act
    const read = readVeleroBackup(withPhase(phase));

    // Assess
    expect(read.ok && read.report.state).toBe(state);
  });

  it.each([
    ['Deleting', /being deleted/],
    ['Exploded', /unknown Velero phase 'Exploded'/],
  ])('refuses the phase %s, saying why', (phase, message) => {
    // Act
    const read = readVeleroBackup(withPhase(phase));

    // Assess
    expect(read).toEqual({
      ok: false,
      issues: [
        { path: 'status.phase', message: expect.stringMatching(message) },
      ],
    });
  });

  it('refuses an object that is not a Velero Backup', () => {
    // Act
    const read = readVeleroBackup({ apiVersion: 'v1', kind: 'Pod' });

    // Assess
    expect(read.ok).toBe(false);
    expect(!read.ok && read.issues.map((i) => i.path)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
    ]);
  });

  it('refuses an empty list', () => {
    // Act
    const read = readVeleroBackup({ kind: 'List', items: [] });

    // Assess
    expect(read).toEqual({
      ok: false,
      issues: [{ path: 'items', message: 'the list holds no Backup' }],
    });
  });

  it('refuses a list whose items are not objects, without throwing', () => {
    // Act
    const read = readVeleroBackup({ kind: 'List', items: [null, 1] });

    // Assess
    expect(read).toEqual({
      ok: false,
      issues: [{ path: '', message: 'expected an object, got null' }],
    });
  });

  it('refuses a count too large to be exact, naming the limit', () => {
    // Prepare
    const backup = velero('backup.Completed.json');
    const raw = {
      ...backup,
      status: { ...(backup.status as object), errors: 2 ** 60 },
    };

    // Act
    const read = readVeleroBackup(raw);

    // Assess
    expect(read).toEqual({
      ok: false,
      issues: [
        {
          path: 'status.errors',
          message: `too large: expected at most 9007199254740991 (Number.MAX_SAFE_INTEGER), got ${2 ** 60}`,
        },
      ],
    });
  });
});
