/** Positions of an ARN's colon-separated fields. */
const ARN_REGION = 3;
const ARN_ACCOUNT = 4;

/**
 * Returns the field of an ARN at `index` (`ARN_REGION`, `ARN_ACCOUNT`), or
 * '' when the ARN has no such field.
 *
 * @param arn - e.g. `arn:aws:rds:eu-west-1:111122223333:db:orders`
 * @param index - the field's position
 */
const arnField = (arn: string, index: number): string =>
  arn.split(':')[index] ?? '';

export { ARN_ACCOUNT, ARN_REGION, arnField };
