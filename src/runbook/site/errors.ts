import { SentinelError } from '../../model/index.js';

/** Thrown by `buildSite` for a service id that cannot be used as a file name. */
class UnsafeServiceIdError extends SentinelError {
  readonly service: string;

  constructor(service: string, options?: ErrorOptions) {
    super(
      `service id '${service}' cannot name a page: use letters, digits, '.', '_' and '-', starting with a letter or digit`,
      options
    );
    this.name = 'UnsafeServiceIdError';
    this.service = service;
  }
}

export { UnsafeServiceIdError };
