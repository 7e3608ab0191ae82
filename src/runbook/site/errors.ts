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

/** Thrown by `writeUnder` for a path that would leave its folder. */
class UnsafePathError extends SentinelError {
  readonly path: string;

  constructor(path: string, root: string, options?: ErrorOptions) {
    super(`refusing to write ${path} outside ${root}`, options);
    this.name = 'UnsafePathError';
    this.path = path;
  }
}

export { UnsafePathError, UnsafeServiceIdError };
