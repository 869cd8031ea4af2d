import { useSystemHealth } from '../api/queries';
import { StatusBadge } from '../components/StatusBadge';
import { PageTitle, QueryState } from '../components/ui';

export default function SystemPage() {
  const health = useSystemHealth();
  const services = health.data?.services ?? [];
  const down = services.filter((s) => s.status !== 'UP').length;
  return (
    <>
      <PageTitle>System</PageTitle>
      {health.data?.fallback && (
        <div className="alert alert-warn" role="status">
          The service health overview is unavailable right now; only the gateway&apos;s own health is shown.
        </div>
      )}
      <QueryState query={health} isEmpty={services.length === 0} empty="No service reported its health.">
        <p className="muted" role="status">
          {down === 0 ? `All ${services.length} services are up.` : `${down} of ${services.length} services need attention.`}
        </p>
        <ul className="health-grid">
          {services.map((s) => (
            <li
              key={`${s.service}-${s.replica ?? 1}`}
              className="card health-card"
              data-service={s.service}
              data-status={s.status}
            >
              <span>
                <span className="health-name">{s.service}</span>
                {services.filter((o) => o.service === s.service).length > 1 && (
                  <span className="small muted"> · replica {s.replica}</span>
                )}
                {s.latencyMs !== undefined && <span className="small muted"> · {s.latencyMs} ms</span>}
              </span>
              <StatusBadge status={s.status} />
            </li>
          ))}
        </ul>
      </QueryState>
    </>
  );
}
