import { describe, expect, it } from 'vitest';
import { loadAwsOperations } from '../../../src/cli/awsOperations.js';
import { runbookFiles, serviceFile } from '../../helpers/runbookFiles.js';

describe('loadAwsOperations', () => {
  it('loads the installed clients of the services the code blocks call, and only those', async () => {
    // Prepare
    const body = [
      '## Backup',
      '',
      '```sh',
      'aws rds describe-db-instances',
      'aws dynamodb wait table-exists --table-name t',
      'aws s3 ls',
      '```',
      '',
    ].join('\n');
    const files = runbookFiles([
      serviceFile('a', undefined, body),
      {
        path: 'disaster-recovery.md',
        content: '```sh\naws ssm get-parameter --name x\n```\n',
      },
    ]);

    // Act
    const operations = await loadAwsOperations(files);

    // Assess
    expect([...operations.keys()].sort()).toEqual(['dynamodb', 'rds', 'ssm']);
    const rds = operations.get('rds')!;
    expect(rds.client).toBe('@aws-sdk/client-rds');
    expect([...rds.operations.values()]).toContain('describe-db-instances');
    expect([...rds.waiters.values()]).toContain('db-instance-available');
    expect([...operations.get('dynamodb')!.waiters.values()]).toContain(
      'table-exists'
    );
  });
});
