import type { Progress, Project } from '../api/types';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function money(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return usd.format(value);
}

export function tokens(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value < 10_000 ? String(value) : compact.format(value);
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function time(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Progress as done/total, from the {done,total} object or a fraction. */
export function progressOf(project: Pick<Project, 'progress'>): Progress & { ratio: number } {
  const p = project.progress;
  if (typeof p === 'number') {
    const ratio = p > 1 ? p / 100 : p;
    return { done: 0, total: 0, ratio: Math.max(0, Math.min(1, ratio)) };
  }
  if (p && typeof p === 'object') {
    const raw = p as unknown as Record<string, number>;
    const done = raw.done ?? raw.completed ?? 0;
    const total = raw.total ?? 0;
    return { done, total, ratio: total > 0 ? Math.min(1, done / total) : 0 };
  }
  return { done: 0, total: 0, ratio: 0 };
}
