import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { getPage } from '../api/client';
import { followEvents, type StreamState } from '../api/sse';
import type { ProjectEvent } from '../api/types';

const MAX_EVENTS = 300;
const REFRESH_MS = 400;
const HISTORY = 200;

/** The newest stored events (GET /api/projects/{id}/timeline is paged oldest first). */
async function timelineOf(projectId: string): Promise<ProjectEvent[]> {
  const path = `/api/projects/${projectId}/timeline`;
  let page = await getPage<ProjectEvent>(path, { size: HISTORY });
  if (page.totalPages > 1) page = await getPage<ProjectEvent>(path, { size: HISTORY, page: page.totalPages - 1 });
  return page.content;
}

/** Newest first, each event once. */
export function mergeEvents(live: ProjectEvent[], history: ProjectEvent[]): ProjectEvent[] {
  const seen = new Set<string>();
  return [...live, ...history]
    .filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)))
    .sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''))
    .slice(0, MAX_EVENTS);
}


/** Refetches everything shown about one project (query keys are listed in api/queries.ts). */
function refreshProject(client: QueryClient, projectId: string) {
  void client.invalidateQueries({
    predicate: (q) => {
      const [kind, arg] = q.queryKey as [string, string];
      if (['project', 'plans', 'agents', 'usage', 'result', 'questions'].includes(kind)) return arg === projectId;
      return kind === 'executions' || kind === 'execution';
    },
  });
}

/**
 * Follows the project's event stream, keeps the newest events for the timeline and refetches the
 * project's data after each event (coalesced, so a burst of task events costs one round of GETs).
 * While the stream is down the same refresh runs on a timer.
 */
export function useProjectEvents(projectId: string, active: boolean) {
  const client = useQueryClient();
  const [events, setEvents] = useState<ProjectEvent[]>([]);
  const [state, setState] = useState<StreamState>('connecting');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setEvents([]);
    const refresh = () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        refreshProject(client, projectId);
      }, REFRESH_MS);
    };
    const stop = followEvents(`/api/projects/${projectId}/events`, {
      onState: setState,
      onEvent: (event) => {
        // the stream opens with a snapshot of the project: fresh data, not a timeline entry
        if (event.type === 'snapshot') {
          if (event.data && typeof event.data === 'object' && 'id' in event.data) client.setQueryData(['project', projectId], event.data);
          return;
        }
        setEvents((list) => (list.some((e) => e.id === event.id) ? list : [event, ...list].slice(0, MAX_EVENTS)));
        refresh();
      },
    });
    return () => {
      stop();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [client, projectId]);

  useEffect(() => {
    if (state === 'open' || !active) return;
    const poll = setInterval(() => refreshProject(client, projectId), 5000);
    return () => clearInterval(poll);
  }, [client, projectId, state, active]);

  // Earlier events, from before this page was opened. Optional: without it the timeline starts now.
  const history = useQuery({ queryKey: ['timeline', projectId], queryFn: () => timelineOf(projectId), staleTime: Infinity, retry: false });
  const merged = useMemo(() => mergeEvents(events, history.data ?? []), [events, history.data]);

  return { events: merged, state };
}
