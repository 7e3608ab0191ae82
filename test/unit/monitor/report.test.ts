import { describe, expect, it } from 'vitest';
import { InMemoryHistoryStore } from '../../../src/history/index.js';
import { runWeeklyReport } from '../../../src/monitor/index.js';
import type { ReportMessage, ReportSender } from '../../../src/report/index.js';
import { ReportDeliveryError } from '../../../src/report/index.js';
import { aRunbook, DAY } from '../../helpers/builders.js';
import {
  aJob,
  aTransition,
  dueOn,
  NOW,
  WEEK,
} from '../../helpers/reportBuilders.js';

const LAST_WEEK = {
  start: new Date(WEEK.start.getTime() - 7 * DAY),
  end: WEEK.start,
};

class RecordingSender implements ReportSender {
  readonly sent: ReportMessage[] = [];

  constructor(
    readonly name: string,
    private readonly failure?: Error
  ) {}

  async send(message: ReportMessage): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.sent.push(message);
  }
}

/** A store with two weeks of orders-db: all fine the week before, then a failure and a miss. */
const aStore = async (): Promise<InMemoryHistoryStore> => {
  const store = new InMemoryHistoryStore();
  const events = [
    ...[0, 1, 2, 3, 4, 5, 6].map((d) => aJob(dueOn(d, LAST_WEEK))),
    aJob(dueOn(0)),
    aJob(dueOn(1), { state: 'failed', message: 'Access denied' }),
    ...[3, 4, 5, 6].map((d) => aJob(dueOn(d))),
  ];
  for (const event of events) {
    await store.recordEvent(event, 'orders-db', event.occurredAt);
  }
  await store.recordTransitions([
    aTransition('new', 'open', new Date('2026-11-03T06:00:00Z')),
  ]);
  return store;
};

describe('runWeeklyReport', () => {
  it('sends the last complete week to every sender', async () => {
    // Prepare
    const sns = new RecordingSender('sns');
    const ses = new RecordingSender('ses');
    const deps = {
      store: await aStore(),
      runbook: aRunbook(),
      send: [sns, ses],
    };

    // Act
    const summary = await runWeeklyReport(deps, NOW);

    // Assess
    expect(summary).toMatchObject({
      week: WEEK,
      weekLabel: '2026-W45',
      sent: ['sns', 'ses'],
    });
    expect(sns.sent).toHaveLength(1);
    expect(ses.sent).toEqual(sns.sent);
    const [message] = sns.sent;
    expect(message?.subject).toBe(summary.subject);
    expect(message?.subject).toMatch(
      /^Acme shop: backup and recovery: backups 2026-W45: score [\d.]+ \(-[\d.]+\), 1 failed, 1 missed$/
    );
    expect(message?.text).toContain('\n    .FM....\n');
    expect(message?.text).toContain('1 opened, 0 resolved');
    expect(message?.html.match(/<td data-status="/g)).toHaveLength(7);
  });

  it('compares the score with the week before', async () => {
    // Prepare
    const sender = new RecordingSender('sns');
    const deps = { store: await aStore(), runbook: aRunbook(), send: [sender] };

    // Act
    const summary = await runWeeklyReport(deps, NOW);

    // Assess: the week before was perfect.
    expect(sender.sent[0]?.text).toMatch(
      new RegExp(
        `Compliance score: ${summary.score}/100 \\(-[\\d.]+ on the week before\\)`
      )
    );
    expect(summary.score).toBeLessThan(100);
  });

  it('still sends through the others when one sender fails, then throws', async () => {
    // Prepare
    const broken = new RecordingSender('sns', new Error('throttled'));
    const ses = new RecordingSender('ses');
    const deps = {
      store: await aStore(),
      runbook: aRunbook(),
      send: [broken, ses],
    };

    // Act
    const run = runWeeklyReport(deps, NOW);

    // Assess
    await expect(run).rejects.toThrow(ReportDeliveryError);
    await expect(run).rejects.toMatchObject({
      senders: ['sns'],
      message: expect.stringContaining('throttled'),
    });
    expect(ses.sent).toHaveLength(1);
  });

  it('reports on the week in the given zone', async () => {
    // Prepare: Monday 08:00 UTC is still Sunday 22:00 in Honolulu.
    const sender = new RecordingSender('sns');
    const deps = {
      store: await aStore(),
      runbook: aRunbook(),
      send: [sender],
      timezone: 'Pacific/Honolulu',
    };

    // Act
    const summary = await runWeeklyReport(deps, NOW);

    // Assess
    expect(summary.weekLabel).toBe('2026-W44');
    expect(summary.week.start).toEqual(new Date('2026-10-26T10:00:00Z'));
    expect(sender.sent[0]?.text).toContain('(Pacific/Honolulu)');
  });

  it('keeps the scores it sent, and the next week compares with them', async () => {
    // Prepare
    const store = await aStore();
    const first = await runWeeklyReport(
      { store, runbook: aRunbook(), send: [new RecordingSender('sns')] },
      new Date(NOW.getTime() - 7 * DAY)
    );
    const kept = await store.getWeekScores(LAST_WEEK.start);
    // What the week before's report said now stands for that week, even
    // where its history says otherwise.
    await store.saveWeekScores(
      LAST_WEEK.start,
      { score: 42, services: [{ service: 'orders-db', score: 40 }] },
      NOW
    );
    const sender = new RecordingSender('sns');

    // Act
    const summary = await runWeeklyReport(
      { store, runbook: aRunbook(), send: [sender] },
      NOW
    );

    // Assess
    expect(first.score).toBe(100);
    expect(kept).toEqual({
      score: 100,
      services: [{ service: 'orders-db', score: 100 }],
    });
    const change = Math.round(((summary.score ?? 0) - 42) * 10) / 10;
    expect(sender.sent[0]?.text).toContain(
      `Compliance score: ${summary.score}/100 (+${change} on the week before)`
    );
    expect(await store.getWeekScores(WEEK.start)).toEqual({
      score: summary.score,
      services: [{ service: 'orders-db', score: summary.score }],
    });
  });

  it('sends nothing when the scores cannot be kept, so a retry sends once', async () => {
    // Prepare
    const store = await aStore();
    store.saveWeekScores = async () => {
      throw new Error('table unavailable');
    };
    const sender = new RecordingSender('sns');

    // Act
    const run = runWeeklyReport(
      { store, runbook: aRunbook(), send: [sender] },
      NOW
    );

    // Assess
    await expect(run).rejects.toThrow('table unavailable');
    expect(sender.sent).toEqual([]);
  });
});
