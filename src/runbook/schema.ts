import { z } from 'zod';
import { AWS_REGION } from '../model/index.js';
import { parseDuration, validateSchedule } from '../schedule/index.js';
import type { DiagnosticCode } from './diagnostics.js';
import { isWebUrl, schemeOf } from './links.js';
import {
  AUTOMATIONS,
  type Automation,
  CATEGORIES,
  RESTORE_TEST_TYPES,
  type RestoreTestType,
  SELF_REPORTED,
  TIERS,
} from './types.js';

// Each schema's `error` is the noun phrase for what the key expects; the
// loader builds "'backup.retention' must be <phrase>, not <what was there>".

/** Params of a custom issue: the lint code, and for schedules where in the text. */
interface CustomIssueParams {
  diagnostic: DiagnosticCode;
  /** Offset of the bad part within the string value. */
  offset?: number;
}

const text = () => z.string({ error: 'a non-empty string' }).min(1);

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.join(', ')}` });

const duration = z
  .string({ error: 'a duration such as 30m, 26h or 7d' })
  .transform((value, ctx) => {
    try {
      return parseDuration(value);
    } catch (cause) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: (cause as Error).message,
        params: { diagnostic: 'invalid-duration' } satisfies CustomIssueParams,
      });
      return z.NEVER;
    }
  });

const schedule = z
  .string({ error: 'an AWS cron() or rate() expression' })
  .superRefine((value, ctx) => {
    const result = validateSchedule(value);
    if (!result.ok) {
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: `invalid schedule '${value}': ${result.message}`,
        params: {
          diagnostic: 'invalid-schedule',
          offset: result.offset,
        } satisfies CustomIssueParams,
      });
    }
  });

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const timezone = z
  .string({ error: 'an IANA time zone such as UTC or Europe/Berlin' })
  .refine(isTimeZone, {
    error: 'an IANA time zone such as UTC or Europe/Berlin',
  });

// Dates alone are allowed and mean midnight UTC; anything else needs an offset
// so a silence never ends at a different moment on another machine.
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

const instant = z
  .string({ error: 'an ISO 8601 time such as 2025-07-01T00:00:00Z' })
  .regex(ISO_INSTANT)
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), {
    error: 'an ISO 8601 time such as 2025-07-01T00:00:00Z',
  });

const list = <T extends z.ZodType>(item: T, phrase: string) =>
  z.array(item, { error: phrase });

const mapping = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, { error: 'a mapping of keys' });

// SSM parameter names: letters, digits and . - _ /, optionally hierarchical.
const SSM_PARAMETER = /^[A-Za-z0-9_.\-/]{1,2048}$/;

// A PagerDuty routing key: 32 letters and digits, both present, no
// separator; a parameter name of that shape would be very odd.
const ROUTING_KEY = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{32}$/;

/** An alert route in runbook.yml. */
const alertRouteSchema = mapping({
  pagerduty: z
    .string({ error: 'an SSM parameter name such as /sentinel/pagerduty' })
    .regex(SSM_PARAMETER)
    .superRefine((value, ctx) => {
      if (!ROUTING_KEY.test(value)) return;
      // The message must not repeat the value: lint output lands in CI logs.
      ctx.addIssue({
        code: 'custom',
        input: value,
        message:
          "'pagerduty' looks like a routing key itself: it must name the SSM parameter that holds the key, such as /sentinel/pagerduty. Delete the key from the repository's history, rotate it in PagerDuty and store the new one in SSM as a SecureString",
        params: { diagnostic: 'invalid-value' } satisfies CustomIssueParams,
      });
    })
    .optional(),
  sns: z.boolean({ error: 'true or false' }).optional(),
}).superRefine((route, ctx) => {
  if (route.pagerduty !== undefined || route.sns === true) return;
  ctx.addIssue({
    code: 'custom',
    input: route,
    message:
      "this route pages nobody: give it 'pagerduty: <SSM parameter name>' or 'sns: true', or both",
    params: { diagnostic: 'invalid-value' } satisfies CustomIssueParams,
  });
});

/** `runbook/runbook.yml`; durations come out in milliseconds. */
const runbookYmlSchema = mapping({
  title: text(),
  links: z
    .string({ error: 'a URL template containing {service}' })
    .refine((value) => value.includes('{service}'), {
      error: 'a URL template containing {service}',
    })
    .superRefine((value, ctx) => {
      if (isWebUrl(value)) return;
      const scheme = schemeOf(value);
      ctx.addIssue({
        code: 'custom',
        input: value,
        message:
          scheme === undefined
            ? "'links' must be an absolute https: or http: URL template, such as https://github.com/acme/shop/blob/main/runbook/services/{service}.md#{section}"
            : `'links' must be an https: or http: URL template, not ${scheme}: alerts, reports and the runbook site make it a link people click`,
        params: { diagnostic: 'invalid-value' } satisfies CustomIssueParams,
      });
    }),
  defaults: mapping({
    grace: duration.optional(),
    renotify: duration.optional(),
    timezone: timezone.optional(),
  }).optional(),
  alerts: z
    .record(z.string(), alertRouteSchema, { error: 'a mapping of routes' })
    .optional(),
  drills: mapping({
    alerts: text().optional(),
    scenarios: z.record(
      z.string(),
      mapping({
        every: duration,
        services: list(text(), 'a list of service ids').optional(),
        rto: duration.optional(),
      }),
      {
        error:
          'a mapping of scenarios, each a disaster-recovery.md heading slug',
      }
    ),
  }).optional(),
});

// File-name safe, so the id can be the file name and a URL path segment.
const SERVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const region = z
  .string({ error: 'an AWS region such as us-west-2' })
  .regex(AWS_REGION);

const copySchema = mapping({
  region: region.optional(),
  account: z
    .string({
      error: "a 12-digit AWS account id in quotes, e.g. '111122223333'",
    })
    .regex(/^\d{12}$/)
    .optional(),
}).refine((copy) => copy.region !== undefined || copy.account !== undefined, {
  error: 'a copy with a region, an account, or both',
});

// S3's bucket naming rules.
const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** One replication rule whose CloudWatch metrics measure the lag. */
const replicationRuleSchema = mapping({
  destination: z
    .string({ error: 'an S3 bucket name' })
    .regex(BUCKET_NAME, { error: 'an S3 bucket name' }),
  region,
  rule: text(),
  source: z
    .string({ error: 'an S3 bucket name' })
    .regex(BUCKET_NAME, { error: 'an S3 bucket name' })
    .optional(),
});

/**
 * The restore metadata keys AWS Backup lets a restore testing selection
 * override, per resource type (AWS Backup developer guide, "Inferred
 * restore metadata"). Cluster engines share one list; AWS Backup reads keys
 * without regard to case.
 */
const CLUSTER_KEYS = [
  'availabilityZones',
  'databaseName',
  'dbClusterParameterGroupName',
  'dbSubnetGroupName',
  'enableCloudwatchLogsExports',
  'enableIamDatabaseAuthentication',
  'engine',
  'engineMode',
  'engineVersion',
  'kmskeyId',
  'port',
  'optionGroupName',
  'scalingConfiguration',
  'vpcSecurityGroupIds',
] as const;

const OVERRIDABLE_METADATA: Readonly<
  Record<RestoreTestType, readonly string[]>
> = {
  Aurora: CLUSTER_KEYS,
  DocumentDB: CLUSTER_KEYS,
  DynamoDB: ['encryptionType', 'kmsMasterKeyArn'],
  EBS: [
    'availabilityZone',
    'iops',
    'kmsKeyId',
    'throughput',
    'volumesize',
    'volumetype',
  ],
  EC2: [
    'iamInstanceProfileName',
    'instanceType',
    'requireImdsV2',
    'securityGroupIds',
    'subnetId',
  ],
  EFS: ['kmsKeyId', 'performanceMode'],
  FSx: [
    'kmsKeyId',
    'lustreConfiguration',
    'ontapConfiguration',
    'openZfsConfiguration',
    'securityGroupIds',
    'subnetIds',
    'windowsConfiguration',
  ],
  Neptune: CLUSTER_KEYS,
  RDS: [
    'allocatedStorage',
    'availabilityZones',
    'dbInstanceClass',
    'dbName',
    'dbParameterGroupName',
    'dbSubnetGroupName',
    'domain',
    'domainIamRoleName',
    'enableCloudwatchLogsExports',
    'enableIamDatabaseAuthentication',
    'iops',
    'licensemodel',
    'multiAz',
    'optionGroupName',
    'port',
    'processorFeatures',
    'publiclyAccessible',
    'storageType',
    'vpcSecurityGroupIds',
  ],
  S3: ['encryptionType', 'kmsKey', 'restoreACLs'],
};

// AWS Backup takes every override as a string: lists and nested settings
// JSON-encoded (`'["sg-1"]'`), as its guide's list-typed overrides show.
const metadataValue = z
  .union(
    [
      z.string(),
      z.number(),
      z.boolean(),
      z.array(z.string()),
      z.record(z.string(), z.unknown()),
    ],
    { error: 'a string, number, true/false, list or mapping' }
  )
  .transform((value) =>
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  );

const metadataFor = (type: RestoreTestType) => {
  const allowed = OVERRIDABLE_METADATA[type];
  const lower = new Set(allowed.map((key) => key.toLowerCase()));
  return z
    .record(z.string(), metadataValue, {
      error: 'a mapping of restore metadata keys',
    })
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!lower.has(key.toLowerCase())) {
          ctx.addIssue({
            code: 'custom',
            input: key,
            path: [key],
            message: `AWS Backup does not let restore tests of ${type} override '${key}'; it takes ${allowed.join(', ')}`,
            params: {
              diagnostic: 'invalid-value',
            } satisfies CustomIssueParams,
          });
        }
      }
    });
};

const PERCENT = /^(\d{1,3}(?:\.\d+)?)\s*%$/;

const tolerance = z
  .string({ error: 'a percentage such as 10%' })
  .regex(PERCENT, { error: 'a percentage such as 10%' })
  .transform((value) => Number(PERCENT.exec(value)?.[1]) / 100)
  .refine((fraction) => fraction <= 1, {
    error: 'a percentage from 0% to 100%',
  });

/** `recovery.restoreTesting`: how AWS Backup restore testing runs. */
const restoreTestingSchema = mapping({
  validate: z.boolean({ error: 'true or false' }).optional(),
  vaults: list(text(), 'a list of backup vault names or ARNs').optional(),
  tolerance: tolerance.optional(),
  tags: z
    .record(z.string(), text(), { error: 'a mapping of tag keys to values' })
    .optional(),
  metadata: mapping(
    Object.fromEntries(
      RESTORE_TEST_TYPES.map((type) => [type, metadataFor(type).optional()])
    ) as Record<RestoreTestType, z.ZodOptional<ReturnType<typeof metadataFor>>>
  ).optional(),
});

const PARTITION = /^aws(-[a-z]+)*$/;
const AWS_SERVICE = /^[a-z0-9-]+$/;
// 12 digits, or `aws` for resources AWS itself owns.
const ACCOUNT = /^(\d{12}|aws)$/;
const EXAMPLE_ARN = 'arn:aws:rds:us-east-1:111122223333:db:orders-prod';

/** What is wrong with a resource ARN pattern, and where in it; undefined when nothing. */
const arnProblem = (
  pattern: string
): { message: string; offset: number } | undefined => {
  const wild = (field: string): boolean => /^\**$/.test(field);
  const fields = pattern.split(':');
  if (
    wild(pattern) ||
    (fields[0] === 'arn' && fields.length > 2 && fields.slice(2).every(wild))
  ) {
    return {
      message: `'${pattern}' would claim every resource of every account: list the resources' ARNs, such as ${EXAMPLE_ARN}`,
      offset: 0,
    };
  }
  if (pattern.includes('?')) {
    return {
      message: `'?' is not a wildcard in ${pattern}: only * matches, any run of characters`,
      offset: pattern.indexOf('?'),
    };
  }
  if (!pattern.startsWith('arn:')) return undefined;
  if (fields.length < 6) {
    return {
      message: `an ARN has six parts, arn:partition:service:region:account:resource (such as ${EXAMPLE_ARN}); this one has ${fields.length}`,
      offset: 0,
    };
  }
  const checks: [RegExp, string][] = [
    [PARTITION, 'a partition such as aws'],
    [AWS_SERVICE, 'a service such as rds or dynamodb'],
    [AWS_REGION, 'a region such as us-east-1, or empty where the ARN has none'],
    [ACCOUNT, 'an account id of 12 digits, or empty where the ARN has none'],
  ];
  let offset = 'arn:'.length;
  for (const [index, [rule, expected]] of checks.entries()) {
    const field = fields[index + 1] ?? '';
    const free = field === '' ? index >= 2 : field.includes('*');
    if (!free && !rule.test(field)) {
      return {
        message: `'${field}' in ${pattern} must be ${expected}`,
        offset,
      };
    }
    offset += field.length + 1;
  }
  if (fields.slice(5).join(':') === '') {
    return {
      message: `${pattern} names no resource after its account`,
      offset,
    };
  }
  return undefined;
};

/** One of a service's resources: an ARN or ARN pattern, or a job's own id. */
const resourcePattern = text().superRefine((value, ctx) => {
  const problem = arnProblem(value);
  if (problem === undefined) return;
  ctx.addIssue({
    code: 'custom',
    input: value,
    message: problem.message,
    params: {
      diagnostic: 'invalid-value',
      offset: problem.offset,
    } satisfies CustomIssueParams,
  });
});

/** The YAML front matter of `runbook/services/<id>.md`; durations come out in milliseconds. */
const serviceSchema = mapping({
  id: z
    .string({ error: 'an id of letters, digits, ".", "_" and "-"' })
    .regex(SERVICE_ID),
  name: text(),
  category: oneOf(CATEGORIES),
  tier: oneOf(TIERS),
  owner: text(),
  // A service that lists nothing would never be checked: refuse it.
  resources: list(resourcePattern, 'a list of ARN patterns').min(1, {
    error:
      'a list of at least one ARN or ARN pattern (the monitor checks only what a service lists)',
  }),
  backup: mapping({
    schedule,
    startWindow: duration,
    completionWindow: duration,
    retention: duration,
    storage: text(),
    automation: oneOf(AUTOMATIONS),
    copies: list(copySchema, 'a list of copies').optional(),
    replication: list(
      replicationRuleSchema,
      'a list of replication rules (destination, region, rule)'
    ).optional(),
  }),
  recovery: mapping({
    rto: duration,
    rpo: duration,
    restoreTest: duration.optional(),
    restoreTesting: restoreTestingSchema.optional(),
    phase: z.int({ error: 'a whole number of at least 1' }).min(1).optional(),
  }),
  dependsOn: list(text(), 'a list of service ids').optional(),
  alerts: text().optional(),
  silences: list(
    mapping({ until: instant, reason: text() }),
    'a list of silences'
  ).optional(),
  failureThreshold: z
    .int({ error: 'a whole number of at least 1' })
    .min(1)
    .optional(),
}).check(
  z.superRefine(
    (service, ctx) => {
      // Runs when other keys are wrong too (see `when`): read it as input.
      const { backup, resources } = service as {
        backup?: { automation?: unknown };
        resources?: unknown;
      };
      const automation = backup?.automation;
      if (
        typeof automation !== 'string' ||
        !AUTOMATIONS.includes(automation as Automation) ||
        SELF_REPORTED.includes(automation as Automation) ||
        !Array.isArray(resources)
      ) {
        return;
      }
      resources.forEach((resource: unknown, index) => {
        // A resource that is wrong in itself is reported once, as that.
        if (
          typeof resource !== 'string' ||
          resource.startsWith('arn:') ||
          arnProblem(resource) !== undefined
        ) {
          return;
        }
        ctx.addIssue({
          code: 'custom',
          input: resource,
          path: ['resources', index],
          message: `'${resource}' is not an ARN: AWS names the resources of ${automation} backups by ARN, such as ${EXAMPLE_ARN}; only script, velero and manual jobs report other ids`,
          params: { diagnostic: 'invalid-value' } satisfies CustomIssueParams,
        });
      });
    },
    // Said with the file's other errors, so one lint run shows them all.
    { when: () => true }
  )
);

/** runbook.yml after validation. */
type RunbookYml = z.output<typeof runbookYmlSchema>;

/** A service's front matter after validation. */
type ServiceFrontMatter = z.output<typeof serviceSchema>;

export type { CustomIssueParams, RunbookYml, ServiceFrontMatter };
export { runbookYmlSchema, serviceSchema };
