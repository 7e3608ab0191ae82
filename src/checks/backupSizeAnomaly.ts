import type { Finding } from '../model/index.js';
import { claimedCheck } from './define.js';
import { openFinding } from './finding.js';
import { formatBytes, formatUtc } from './format.js';
import type { CheckAbout, CheckInput } from './types.js';

/** Backups compared with the newest one. */
const BASELINE_SIZE = 7;
/** Fewer earlier backups than this say nothing about a normal size. */
const MIN_BASELINE = 3;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const ABOUT: CheckAbout<'backup-size-anomaly'> = {
  id: 'backup-size-anomaly',
  title: 'Backup far smaller than usual',
  section: 'manual-backup',
  impact: 'at-risk',
};

/**
 * Returns one backup-size-anomaly finding when the newest completed backup is
 * under half the median size of the up to 7 before it (at least 3 needed),
 * else []: the job that succeeded but saved nothing, which schedule-only
 * monitors miss. `since` is that backup; a newer normal one resolves it.
 *
 * @param input - the service, the resource's state and the link template
 * @param _now - the evaluation instant (the facts carry their own times)
 */
const checkBackupSizeAnomaly = (input: CheckInput, _now: Date): Finding[] => {
  // Newest first, as the store keeps them; sorted again so that order is
  // never a premise.
  const [latest, ...earlier] = [...input.state.recentBackups].sort(
    (a, b) => b.at.getTime() - a.at.getTime()
  );
  const baseline = earlier.slice(0, BASELINE_SIZE);
  if (latest === undefined || baseline.length < MIN_BASELINE) return [];
  const medianBytes = median(baseline.map((sample) => sample.sizeBytes));
  if (latest.sizeBytes >= medianBytes / 2) return [];
  return [
    openFinding(
      input,
      ABOUT,
      latest.at,
      `backup of ${formatUtc(latest.at)} is ${formatBytes(latest.sizeBytes)}, under half the usual ${formatBytes(medianBytes)} (median of the ${baseline.length} before)`,
      {
        backupAt: latest.at.toISOString(),
        sizeBytes: latest.sizeBytes,
        medianBytes,
        samples: baseline.length,
      }
    ),
  ];
};

/** The backup-size-anomaly check, as the registry runs it. */
const backupSizeAnomaly = claimedCheck(ABOUT, checkBackupSizeAnomaly);

export { backupSizeAnomaly, checkBackupSizeAnomaly };
