import { SentinelError } from '../model/index.js';

/** Thrown when the audit cannot read the account: the audit did not run. */
class AuditError extends SentinelError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AuditError';
  }
}

/**
 * Why credentials did not work: none configured, a session that ran out, or
 * keys AWS does not recognise.
 */
type CredentialsProblem = 'missing' | 'expired' | 'invalid';

/** Thrown when no credentials can be found, or AWS refuses them. */
class AuditCredentialsError extends AuditError {
  readonly reason: CredentialsProblem;

  constructor(
    reason: CredentialsProblem,
    message: string,
    options?: ErrorOptions
  ) {
    super(message, options);
    this.name = 'AuditCredentialsError';
    this.reason = reason;
  }
}

/** Thrown when the credentials lack a permission the audit needs. */
class AuditAccessDeniedError extends AuditError {
  /** The IAM action that was refused, e.g. `backup:ListBackupJobs`. */
  readonly action: string;
  readonly region: string;

  constructor(
    action: string,
    region: string,
    message: string,
    options?: ErrorOptions
  ) {
    super(message, options);
    this.name = 'AuditAccessDeniedError';
    this.action = action;
    this.region = region;
  }
}

export type { CredentialsProblem };
export { AuditAccessDeniedError, AuditCredentialsError, AuditError };
