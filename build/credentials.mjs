// Stands in for @aws-sdk/credential-provider-node in the bundles. Lambda
// hands the execution role's credentials to the function as environment
// variables, so the rest of the default chain (SSO, INI files, web identity,
// process, IMDS, with their nested STS/SSO clients: ~90 KB) never runs there.
import { fromEnv } from '@aws-sdk/credential-provider-env';

const defaultProvider = (init) => fromEnv(init);

export { defaultProvider };
