/** Positions of an ARN's colon-separated fields. */
const ARN_REGION = 3;
const ARN_ACCOUNT = 4;

/** An AWS region: `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`. */
const AWS_REGION = /^[a-z]{2,}(-[a-z]+)+-\d+$/;
/** An AWS account id. */
const AWS_ACCOUNT = /^\d{12}$/;

/**
 * Returns the field of an ARN at `index` (`ARN_REGION`, `ARN_ACCOUNT`), or
 * '' when the ARN has no such field.
 *
 * @param arn - e.g. `arn:aws:rds:eu-west-1:111122223333:db:orders`
 * @param index - the field's position
 */
const arnField = (arn: string, index: number): string =>
  arn.split(':')[index] ?? '';

// AWS Backup's names for the resource types it protects, by ARN service.
const TYPE_BY_ARN_SERVICE = new Map([
  ['dynamodb', 'DynamoDB'],
  ['elasticfilesystem', 'EFS'],
  ['fsx', 'FSx'],
  ['s3', 'S3'],
  ['storagegateway', 'Storage Gateway'],
]);

/**
 * Returns the resource type an ARN names, in AWS Backup's words where it
 * has some (`RDS`, `Aurora`, `EBS`, `EC2`, `DynamoDB`, `S3`), else the ARN's
 * service in capitals (`EKS`, `SSM`); `Custom` for an id that is no ARN
 * (a job outside AWS may name what it backs up as it likes).
 *
 * @param resource - an ARN, or any other resource id
 */
const resourceTypeOf = (resource: string): string => {
  if (!resource.startsWith('arn:')) return 'Custom';
  const [, , service = '', , , kind = ''] = resource.split(':');
  if (service === 'rds') return kind === 'cluster' ? 'Aurora' : 'RDS';
  if (service === 'ec2') return kind.startsWith('volume/') ? 'EBS' : 'EC2';
  return TYPE_BY_ARN_SERVICE.get(service) ?? service.toUpperCase();
};

export {
  ARN_ACCOUNT,
  ARN_REGION,
  AWS_ACCOUNT,
  AWS_REGION,
  arnField,
  resourceTypeOf,
};
