import { describe, expect, it } from 'vitest';
import { formatDiagnostic, summarise } from '../../../src/runbook/folder.js';

describe('formatDiagnostic', () => {
  it('prints path:line:col: severity: message [code]', () => {
    // Prepare
    const diagnostic = {
      path: 'runbook/services/orders-db.md',
      line: 14,
      column: 3,
      severity: 'error' as const,
      code: 'unknown-key' as const,
      message:
        "unknown key 'retension' in 'backup' — did you mean 'retention'?",
    };

    // Act
    const line = formatDiagnostic(diagnostic);

    // Assess
    expect(line).toBe(
      "runbook/services/orders-db.md:14:3: error: unknown key 'retension' in 'backup' — did you mean 'retention'? [unknown-key]"
    );
  });
});

describe('summarise', () => {
  it('counts errors, warnings and files', () => {
    // Prepare
    const linted = (errors: number, warnings: number, files: number) => ({
      files: {
        root: 'r',
        files: Array.from({ length: files }, () => ({
          path: 'x',
          content: '',
        })),
      },
      diagnostics: [],
      errors,
      warnings,
    });

    // Act & Assess
    expect(summarise(linted(0, 0, 1))).toBe('no problems (1 file checked)');
    expect(summarise(linted(1, 2, 3))).toBe(
      '1 error, 2 warnings (3 files checked)'
    );
  });
});
