import { describe, expect, it } from 'vitest';
import {
  awsCliCalls,
  awsServiceModel,
  checkAwsCommands,
} from '../../../src/runbook/awsCommands.js';
import { markdownText } from '../../../src/runbook/markdownText.js';
import { rangeOf } from '../../helpers/runbookFiles.js';

/** The one code block of a Markdown text. */
const blockOf = (markdown: string) => {
  const [block] = markdownText(markdown, 0, 1).code;
  if (block === undefined) throw new Error('no code block');
  return block;
};

const fence = (shell: string): string =>
  `Run:\n\n\`\`\`bash\n${shell}\n\`\`\`\n`;

/** A client with two operations and one waiter, as the SDK exports them. */
const RDS = awsServiceModel('@aws-sdk/client-rds', {
  DescribeDBInstancesCommand: class {},
  RestoreDBInstanceToPointInTimeCommand: class {},
  $Command: class {},
  RDSClient: class {},
  waitUntilDBInstanceAvailable: () => undefined,
  paginateDescribeDBInstances: () => undefined,
});
const MODELS = new Map([['rds', RDS]]);

describe('awsServiceModel', () => {
  it("reads the client's commands and waiters as the CLI names them", () => {
    // Assess
    expect([...RDS.operations.values()]).toEqual([
      'describe-db-instances',
      'restore-db-instance-to-point-in-time',
    ]);
    expect([...RDS.waiters.values()]).toEqual(['db-instance-available']);
  });
});

describe('awsCliCalls', () => {
  it('finds a call whose options continue on the next lines, at its operation', () => {
    // Prepare
    const markdown = fence(
      'aws rds describe-db-instances \\\n  --region us-east-1 \\\n  --db-instance-identifier orders-prod'
    );

    // Act
    const calls = awsCliCalls(blockOf(markdown));

    // Assess
    expect(calls).toEqual([
      {
        service: 'rds',
        operation: 'describe-db-instances',
        operationRange: rangeOf(markdown, 'describe-db-instances'),
      },
    ]);
  });

  it('finds calls in $(...) and <(...), after pipes, &&, ; and do, after assignments and global options', () => {
    // Prepare
    const markdown = fence(
      [
        'ARN=$(aws rds describe-a --query X --output text)',
        'echo "$ARN" | aws rds describe-b && aws rds describe-c; aws rds describe-d',
        'for f in a b; do aws --region us-east-1 --debug rds describe-e; done',
        'AWS_PAGER="" aws --output=json rds describe-f',
        'if ! aws rds describe-g; then exit 1; fi',
        'diff <(aws rds describe-h) <(aws rds describe-i | sort)',
      ].join('\n')
    );

    // Act
    const calls = awsCliCalls(blockOf(markdown));

    // Assess
    expect(calls.map((c) => c.operation)).toEqual([
      'describe-a',
      'describe-b',
      'describe-c',
      'describe-d',
      'describe-e',
      'describe-f',
      'describe-g',
      'describe-h',
      'describe-i',
    ]);
  });

  it('skips comments, quoted text, arguments, here-documents and shell expansions', () => {
    // Prepare
    const markdown = fence(
      [
        '# aws rds not-a-call',
        'echo "aws rds not-a-call" aws rds not-either',
        'cat > x.sh <<EOF',
        'aws rds in-a-heredoc',
        'EOF',
        'aws "$SERVICE" describe-x',
        'aws rds "$OPERATION"',
        'aws rds describe-after-heredoc',
      ].join('\n')
    );

    // Act
    const calls = awsCliCalls(blockOf(markdown));

    // Assess
    expect(calls.map((c) => c.operation)).toEqual(['describe-after-heredoc']);
  });

  it('reads past escaped quotes inside double quotes', () => {
    // Prepare
    const markdown = fence(
      [
        'aws rds describe-a --data "{\\"ImageId\\":\\"$AMI\\"}" --version \'$Latest\'',
        'aws rds describe-b',
      ].join('\n')
    );

    // Act
    const calls = awsCliCalls(blockOf(markdown));

    // Assess
    expect(calls.map((c) => c.operation)).toEqual(['describe-a', 'describe-b']);
  });

  it('finds the waiter of aws <service> wait', () => {
    // Prepare
    const markdown = fence(
      'aws rds wait db-instance-available --db-instance-identifier x'
    );

    // Act
    const [call] = awsCliCalls(blockOf(markdown));

    // Assess
    expect(call?.waiter).toEqual({
      name: 'db-instance-available',
      range: rangeOf(markdown, 'db-instance-available'),
    });
  });
});

describe('checkAwsCommands', () => {
  it('warns at an operation the client does not have, with the closest one', () => {
    // Prepare
    const markdown = fence(
      'aws rds describe-db-instance --db-instance-identifier x'
    );

    // Act
    const diagnostics = checkAwsCommands(
      'services/a.md',
      [blockOf(markdown)],
      MODELS
    );

    // Assess
    expect(diagnostics).toEqual([
      {
        code: 'unknown-aws-operation',
        severity: 'warning',
        file: 'services/a.md',
        range: rangeOf(markdown, 'describe-db-instance'),
        message:
          "'aws rds describe-db-instance': @aws-sdk/client-rds has no such operation — did you mean 'describe-db-instances'?",
      },
    ]);
  });

  it('accepts operations whatever the hyphens between acronym letters', () => {
    // Prepare
    const markdown = fence(
      'aws rds describe-db-instances\naws rds describe-d-b-instances\naws rds restore-db-instance-to-point-in-time'
    );

    // Act
    const diagnostics = checkAwsCommands('a.md', [blockOf(markdown)], MODELS);

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it("accepts the CLI's own commands that no client has", () => {
    // Prepare
    const markdown = fence(
      'aws rds help\naws rds generate-db-auth-token --hostname h --port 3306 --username u'
    );

    // Act
    const diagnostics = checkAwsCommands('a.md', [blockOf(markdown)], MODELS);

    // Assess
    expect(diagnostics).toEqual([]);
  });

  it('checks the waiter of aws <service> wait', () => {
    // Prepare
    const markdown = fence(
      'aws rds wait db-instance-available\naws rds wait db-instance-availabel'
    );

    // Act
    const diagnostics = checkAwsCommands('a.md', [blockOf(markdown)], MODELS);

    // Assess
    expect(diagnostics).toMatchObject([
      {
        code: 'unknown-aws-operation',
        range: rangeOf(markdown, 'db-instance-availabel'),
        message:
          "'aws rds wait db-instance-availabel': @aws-sdk/client-rds has no such waiter — did you mean 'db-instance-available'?",
      },
    ]);
  });

  it('leaves services without a client alone', () => {
    // Prepare
    const markdown = fence('aws s3api no-such-thing\naws s3 cp a b');

    // Act
    const diagnostics = checkAwsCommands('a.md', [blockOf(markdown)], MODELS);

    // Assess
    expect(diagnostics).toEqual([]);
  });
});
