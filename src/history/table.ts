import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import definition from './table.json' with { type: 'json' };

/**
 * The single table of DESIGN.md, as a CreateTable input without its name:
 * on-demand billing, `PK`/`SK` string keys, and `GSI1` (`GSI1PK`/`GSI1SK`,
 * all attributes projected) for per-service state and active alerts.
 *
 * `table.json` beside this file is the single source, so the tests (through
 * dynalite) and the deployed table cannot drift apart. Its keys are valid
 * `AWS::DynamoDB::Table` properties; serverless.yml reads them one by one:
 *
 * ```yaml
 * BillingMode: ${file(src/history/table.json):BillingMode}
 * AttributeDefinitions: ${file(src/history/table.json):AttributeDefinitions}
 * KeySchema: ${file(src/history/table.json):KeySchema}
 * GlobalSecondaryIndexes: ${file(src/history/table.json):GlobalSecondaryIndexes}
 * TimeToLiveSpecification: { AttributeName: expiresAt, Enabled: true }
 * ```
 *
 * TTL cannot be part of CreateTable: enable it on {@link TTL_ATTRIBUTE}.
 */
const TABLE_DEFINITION = definition as Omit<
  CreateTableCommandInput,
  'TableName'
>;

/** Name of the GSI that holds state items by service and active alerts. */
const GSI1 = 'GSI1';

/** Epoch-seconds attribute DynamoDB TTL deletes event items by. */
const TTL_ATTRIBUTE = 'expiresAt';

/**
 * Returns the CreateTable input for a table called `tableName`.
 *
 * @param tableName - the DynamoDB table name
 */
const tableDefinition = (tableName: string): CreateTableCommandInput => ({
  ...structuredClone(TABLE_DEFINITION),
  TableName: tableName,
});

export { GSI1, TABLE_DEFINITION, TTL_ATTRIBUTE, tableDefinition };
