import { formatUtc, sectionFor, shortName } from '../checks/index.js';
import { drillResource } from '../events/index.js';
import { type BackupEvent, DRILLS_SERVICE } from '../model/index.js';
import type { AlertRoute, Runbook, Service } from '../runbook/index.js';
import { disasterRecoveryUrl, runbookUrl } from '../runbook/index.js';
import { formatAgainst, formatDuration } from '../schedule/index.js';
import type { ChangeNotice } from './channels/index.js';
import { channelsForRoute } from './settle.js';
import type { AlertDeps } from './types.js';

/** `orders-db (orders-prod)`, or the id alone when the name says nothing more. */
const subject = (service: Service, resourceArn: string): string => {
  const short = shortName(resourceArn);
  return short === service.id ? service.id : `${service.id} (${short})`;
};

/**
 * Returns the Change Event of a recorded event that belongs on its
 * service's timeline without paging anyone: a restore test that completed
 * (how long it took, against the RTO); undefined for any other event. DR
 * drills have their own (drillNotice).
 *
 * @param event - a newly recorded event
 * @param service - the service that claims its resource
 * @param links - runbook.yml's `links` template
 */
const changeNotice = (
  event: BackupEvent,
  service: Service,
  links: string
): ChangeNotice | undefined => {
  if (
    event.kind !== 'restore' ||
    event.state !== 'completed' ||
    event.restoreTest !== true
  ) {
    return undefined;
  }
  const completed = event.completedAt ?? event.occurredAt;
  const { rtoMs } = service.recovery;
  const tookMs =
    event.startedAt === undefined
      ? undefined
      : completed.getTime() - event.startedAt.getTime();
  return {
    summary: `${subject(service, event.resourceArn)}: restore test passed at ${formatUtc(completed)}${tookAgainst(tookMs, rtoMs)}`,
    source: event.resourceArn,
    at: completed,
    details: {
      service: `${service.name} (${service.id})`,
      job_id: event.jobId ?? null,
      ...(event.startedAt !== undefined && {
        started: event.startedAt.toISOString(),
      }),
      completed: completed.toISOString(),
      ...(tookMs !== undefined && { took: formatDuration(tookMs) }),
      rto: formatDuration(rtoMs),
    },
    links: [
      {
        href: runbookUrl(links, service.id, sectionFor('restore-failed')),
        text: `Runbook: recovery (${service.name})`,
      },
    ],
  };
};

/** How long a job took against its RTO, for a notice's summary. */
const tookAgainst = (tookMs: number | undefined, rtoMs: number): string =>
  tookMs === undefined
    ? ''
    : tookMs > rtoMs
      ? `, took ${formatAgainst(tookMs, rtoMs, 'RTO')}`
      : `, took ${formatDuration(tookMs)} (RTO ${formatDuration(rtoMs)})`;

/**
 * Returns the Change Event of a completed DR drill, for the timeline of the
 * route runbook.yml's `drills` names; undefined for any other event.
 */
const drillNotice = (
  event: BackupEvent,
  runbook: Runbook
): ChangeNotice | undefined => {
  if (event.kind !== 'drill' || event.state !== 'completed') return undefined;
  const scenario = runbook.drills.scenarios.find(
    (s) => drillResource(s.id) === event.resourceArn
  );
  if (scenario === undefined) return undefined;
  const completed = event.completedAt ?? event.occurredAt;
  const tookMs =
    event.startedAt === undefined
      ? undefined
      : completed.getTime() - event.startedAt.getTime();
  return {
    summary: `DR drill passed: ${scenario.title} at ${formatUtc(completed)}${tookAgainst(tookMs, scenario.rtoMs)}`,
    source: event.resourceArn,
    at: completed,
    details: {
      scenario: scenario.id,
      completed: completed.toISOString(),
      ...(tookMs !== undefined && { took: formatDuration(tookMs) }),
      rto: formatDuration(scenario.rtoMs),
      every: formatDuration(scenario.everyMs),
    },
    links: [
      {
        href: disasterRecoveryUrl(runbook.links, scenario.id),
        text: `Runbook: ${scenario.title}`,
      },
    ],
  };
};

/** The notice of an event and the route whose timeline it goes on, if any. */
const noticeOf = (
  runbook: Runbook,
  event: BackupEvent,
  serviceId: string | undefined
): { notice: ChangeNotice; route: AlertRoute } | undefined => {
  if (serviceId === DRILLS_SERVICE) {
    const route =
      runbook.drills.alerts === undefined
        ? undefined
        : runbook.alerts[runbook.drills.alerts];
    const notice = drillNotice(event, runbook);
    return route && notice && { notice, route };
  }
  const service = runbook.services.find((s) => s.id === serviceId);
  const route =
    service?.alerts === undefined ? undefined : runbook.alerts[service.alerts];
  const notice = service && changeNotice(event, service, runbook.links);
  return route && notice && { notice, route };
};

/**
 * Sends the Change Events of newly recorded events (see
 * {@link changeNotice} and drillNotice) to the channels of each service's route that keep
 * a timeline (PagerDuty). Nothing is owed: a change that fails to go out
 * is logged and dropped, since it pages nobody.
 *
 * @param deps - the runbook, the channels and a logger
 * @param events - newly recorded events, each with the service that claims its resource
 * @returns how many change events were accepted
 */
const announceChanges = async (
  deps: Pick<
    AlertDeps,
    'runbook' | 'channels' | 'logger' | 'routeChannels' | 'deadline'
  >,
  events: { event: BackupEvent; service: string | undefined }[]
): Promise<number> => {
  const { runbook } = deps;
  let sent = 0;
  for (const { event, service: id } of events) {
    const found = noticeOf(runbook, event, id);
    if (found === undefined) continue;
    const { notice, route } = found;
    const names = (deps.routeChannels ?? channelsForRoute)(route);
    for (const channel of deps.channels) {
      if (channel.announce === undefined || !names.includes(channel.name)) {
        continue;
      }
      try {
        await channel.announce(notice, route, deps.deadline);
        sent += 1;
      } catch (error) {
        deps.logger?.warn(
          'change event not sent; it pages nobody, so it is dropped',
          {
            channel: channel.name,
            source: notice.source,
            error: error instanceof Error ? error.message : String(error),
          }
        );
      }
    }
  }
  return sent;
};

export { announceChanges, changeNotice };
