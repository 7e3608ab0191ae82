import { BackupClient } from '@aws-sdk/client-backup';
import { RDSClient } from '@aws-sdk/client-rds';
import { fromIni } from '@aws-sdk/credential-providers';
import type { AuditClientFactory } from '../audit/index.js';

/** Options of {@link awsClientFactory}. */
interface AwsClientOptions {
  /** A profile of the shared config and credentials files (`--profile`). */
  profile?: string;
}

/**
 * Returns a factory of real SDK clients. With a profile the credentials come
 * from it (static keys, SSO, assumed roles: whatever the profile says);
 * without one, from the SDK's default chain (environment, AWS_PROFILE, SSO,
 * container and instance metadata). Credentials are resolved on the first
 * request, so a missing login fails there, as an AuditCredentialsError.
 *
 * @param options - the profile, if any
 */
const awsClientFactory = (options: AwsClientOptions): AuditClientFactory => {
  const credentials =
    options.profile === undefined
      ? undefined
      : fromIni({ profile: options.profile });
  return (region) => ({
    backup: new BackupClient({ region, credentials }),
    rds: new RDSClient({ region, credentials }),
  });
};

/**
 * Returns the region the SDK would use by default (AWS_REGION, or the
 * profile's `region` in the shared config file), or undefined when none is
 * configured.
 *
 * @param options - the profile, if any
 */
const defaultRegion = async (
  options: AwsClientOptions
): Promise<string | undefined> => {
  const client = new BackupClient(
    options.profile === undefined ? {} : { profile: options.profile }
  );
  try {
    return (await client.config.region()) || undefined;
  } catch {
    // The SDK throws when no region is configured anywhere.
    return undefined;
  } finally {
    client.destroy();
  }
};

export type { AwsClientOptions };
export { awsClientFactory, defaultRegion };
