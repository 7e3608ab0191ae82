/**
 * What the validation function read about a restored resource (and, where
 * the comparison needs it, about its source), by kind. Fields are
 * undefined when AWS did not say.
 */
type Observed =
  | {
      kind: 'db-instance' | 'db-cluster';
      id: string;
      status?: string;
      endpoint?: string;
    }
  | {
      kind: 'table';
      id: string;
      status?: string;
      /** Counted with a Scan of the restored table. */
      itemCount?: number;
      /** DynamoDB's own count of the source table (refreshed about every six hours). */
      sourceItemCount?: number;
    }
  | {
      kind: 'volume';
      id: string;
      state?: string;
      sizeGiB?: number;
      /** The size restore metadata asked for, else the source volume's. */
      expectedSizeGiB?: number;
    }
  | { kind: 'instance'; id: string; state?: string }
  | { kind: 'file-system'; id: string; state?: string; sizeBytes?: number }
  | {
      kind: 'bucket';
      id: string;
      objects: number;
      bytes: number;
      /** The listing stopped at its limit: there are more objects. */
      truncated: boolean;
    }
  /** The restored resource does not exist (any more). */
  | { kind: 'missing'; id: string; what: string };

/** What validation reports to AWS Backup (`PutRestoreValidationResult`). */
interface ValidationOutcome {
  status: 'SUCCESSFUL' | 'FAILED';
  /** One line a person understands: what was checked, with the figures. */
  message: string;
}

export type { Observed, ValidationOutcome };
