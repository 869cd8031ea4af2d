import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useProjects } from '../api/queries';
import type { ProjectStatus } from '../api/types';
import { StatusBadge } from '../components/StatusBadge';
import { PageTitle, Pager, ProgressBar, QueryState } from '../components/ui';
import { dateTime, money, progressOf } from '../lib/format';
import { PROJECT_TONES, statusLabel } from '../lib/status';
import { NewProjectForm } from './NewProjectForm';
import { useAuth } from '../auth/AuthContext';

const STATUSES = Object.keys(PROJECT_TONES) as ProjectStatus[];
const PAGE_SIZE = 20;

export default function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { canWrite } = useAuth();
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? 0);
  const [search, setSearch] = useState('');
  const [showForm, setShowForm] = useState(params.get('new') === '1');
  const projects = useProjects({ status: status || undefined, page, size: PAGE_SIZE });

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = projects.data?.content ?? [];
    return q ? list.filter((p) => p.name.toLowerCase().includes(q) || p.goal?.toLowerCase().includes(q)) : list;
  }, [projects.data, search]);

  return (
    <>
      <PageTitle
        actions={
          canWrite && !showForm ? (
            <button type="button" className="btn btn-primary" onClick={() => setShowForm(true)}>
              New project
            </button>
          ) : null
        }
      >
        Projects
      </PageTitle>

      {showForm && (
        <NewProjectForm onCancel={() => setShowForm(false)} onCreated={(p) => navigate(`/projects/${p.id}`)} />
      )}

      <div className="filters" role="search">
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={status} onChange={(e) => update({ status: e.target.value, page: '' })}>
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="filter-search">Search this page</label>
          <input id="filter-search" type="search" placeholder="Name or goal" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>

      <QueryState query={projects} isEmpty={rows.length === 0} empty={status || search ? 'No project matches these filters.' : 'No projects yet. Create one to get started.'}>
        <div className="table-wrap">
          <table className="table projects-table">
            <caption className="sr-only">Projects, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Cost / budget</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const progress = progressOf(p);
                return (
                  <tr key={p.id} data-project-id={p.id}>
                    <td data-label="Project">
                      <Link to={`/projects/${p.id}`} className="row-title">
                        {p.name}
                      </Link>
                      <div className="muted small clamp">{p.goal}</div>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={p.status} />
                    </td>
                    <td data-label="Progress">
                      <ProgressBar ratio={progress.ratio} label={`${p.name} progress`} />
                      <span className="small muted">
                        {progress.total ? `${progress.done}/${progress.total} tasks` : `${Math.round(progress.ratio * 100)}%`}
                      </span>
                    </td>
                    <td data-label="Cost / budget">
                      {money(p.costUsd)} <span className="muted">/ {p.budgetUsd != null ? money(p.budgetUsd) : 'no limit'}</span>
                    </td>
                    <td data-label="Created">{dateTime(p.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Pager page={page} totalPages={projects.data?.totalPages ?? 1} onPage={(n) => update({ page: n ? String(n) : '' })} />
      </QueryState>
    </>
  );
}
