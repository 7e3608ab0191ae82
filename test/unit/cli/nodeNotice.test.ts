import { describe, expect, it } from 'vitest';
import { nodeVersionNotice } from '../../../src/cli/nodeNotice.js';

describe('nodeVersionNotice', () => {
  it('says in one line what the SDK says in nine, and what to do', () => {
    // Act
    const notice = nodeVersionNotice('v20.20.2');

    // Assess
    expect(notice).toBe(
      'sentinel: note: AWS SDK releases after the first week of January 2027 need Node 22 or later; this is Node v20.20.2. Upgrade Node (e.g. nvm install 22) to keep getting SDK fixes.\n'
    );
    expect(notice?.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each(['v22.0.0', 'v24.3.1', 'not a version'])(
    'says nothing on %s',
    (version) => {
      // Act & Assess
      expect(nodeVersionNotice(version)).toBeUndefined();
    }
  );
});
