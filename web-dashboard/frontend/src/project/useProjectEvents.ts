import { useEffect, useRef, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { followEvents, type StreamState } from '../api/sse';
import type { ProjectEvent } from '../api/types';

const MAX_EVENTS = 300;
const REFRESH_MS = 400;

/** Refetches everything shown about one project (query keys are listed in api/queries.ts). */
function refreshProject(client: QueryClient, projectId: string) {
  void client.invalidateQueries({
    predicate: (q) => {
      const [kind, arg] = q.queryKey as [string, string];
      if (['project', 'plans', 'agents', 'usage', 'result'].includes(kind)) return arg === projectId;
      return kind === 'plan' || kind === 'executions' || kind === 'execution';
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

  return { events, state };
}
