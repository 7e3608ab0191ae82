import { describe, expect, it } from 'vitest';
import { readRestoreTestJob } from '../../../src/events/index.js';
import { fixture } from '../../helpers/eventFixtures.js';

const RESTORE_TEST =
  'aws-backup/restore-job-state-change.COMPLETED.restore-test.rds-instance.BUILT.json';

describe('readRestoreTestJob', () => {
  it('reads what validation needs from a restore test’s COMPLETED event', () => {
    // Act
    const read = readRestoreTestJob(fixture(RESTORE_TEST));

    // Assess
    expect(read).toEqual({
      ok: true,
      value: {
        restoreJobId: 'E9B1C2D3-4F56-7A89-0B1C-2D3E4F5A6B7C',
        resourceType: 'RDS',
        restoreTestingPlanArn:
          'arn:aws:backup:us-east-1:111122223333:restore-testing-plan:weekly_restore_test-3d7e9a1b-5c2f-4e8d-b6a0-1f9c8e7d6b5a',
        status: 'COMPLETED',
        account: '111122223333',
        region: 'us-east-1',
        sourceResourceArn: 'arn:aws:rds:us-east-1:111122223333:db:orders-db',
        createdResourceArn:
          'arn:aws:rds:us-east-1:111122223333:db:awsbackup-restore-test-e9b1c2d3',
        recoveryPointArn:
          'arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-429223d4-273f-4b6c-b983-4eedbc0e58b8',
        backupSizeInBytes: 21474836480,
        creationDate: new Date('2024-05-04T06:02:11.904Z'),
        completionDate: new Date('2024-05-04T06:41:30.266Z'),
      },
    });
  });

  it('refuses a restore that no restore testing plan ran, naming the field', () => {
    // Act
    const read = readRestoreTestJob(
      fixture('aws-backup/restore-job-state-change.COMPLETED.json')
    );

    // Assess
    expect(read).toMatchObject({
      ok: false,
      issues: [{ path: 'detail.restoreTestingPlanArn' }],
    });
  });
});
