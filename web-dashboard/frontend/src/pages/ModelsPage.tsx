import { lazy, Suspense, useMemo, useState } from 'react';
import { useModelCalls, useModels, useProviders, useUsage } from '../api/queries';
import { useAuth } from '../auth/AuthContext';
import { StatusBadge } from '../components/StatusBadge';
import { PageTitle, QueryState, Spinner } from '../components/ui';
import { money, tokens } from '../lib/format';
import { summarizeUsage } from '../lib/usage';
import { ProviderForm } from './ProviderForm';

const UsageCharts = lazy(() => import('./UsageCharts'));

export default function ModelsPage() {
  const providers = useProviders();
  const models = useModels();
  const usageQuery = useUsage();
  const calls = useModelCalls();
  const { canWrite } = useAuth();
  const [adding, setAdding] = useState(false);
  const usage = useMemo(() => (usageQuery.data ? summarizeUsage(usageQuery.data) : undefined), [usageQuery.data]);
  const providerName = new Map((providers.data?.content ?? []).map((p) => [p.id, p.name]));

  return (
    <>
      <PageTitle
        actions={
          canWrite && !adding ? (
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
              Add provider
            </button>
          ) : null
        }
      >
        Models
      </PageTitle>
      {adding && <ProviderForm onDone={() => setAdding(false)} />}

      <section className="card" aria-labelledby="usage-title">
        <h2 id="usage-title">Usage and cost</h2>
        <QueryState query={usageQuery} isEmpty={!usage || usage.calls === 0} empty="No model calls recorded yet.">
          {usage && (
            <>
              <div className="stats">
                <div><span className="stat-value">{money(usage.costUsd)}</span><span className="stat-label">total cost</span></div>
                <div><span className="stat-value">{usage.calls}</span><span className="stat-label">model calls</span></div>
                <div><span className="stat-value">{tokens(usage.inputTokens)}</span><span className="stat-label">input tokens</span></div>
                <div><span className="stat-value">{tokens(usage.outputTokens)}</span><span className="stat-label">output tokens</span></div>
              </div>
              <Suspense fallback={<Spinner label="Loading charts" />}>
                <UsageCharts usage={usage} calls={calls.data?.content ?? usage.records} />
              </Suspense>
            </>
          )}
        </QueryState>
      </section>

      <section className="card" aria-labelledby="providers-title">
        <h2 id="providers-title">Providers</h2>
        <QueryState query={providers} isEmpty={(providers.data?.content ?? []).length === 0} empty="No provider configured: the simulated provider answers.">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Base URL</th>
                  <th scope="col">Key</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {providers.data?.content.map((p) => (
                  <tr key={p.id} data-provider={p.name}>
                    <td data-label="Name"><strong>{p.name}</strong></td>
                    <td data-label="Type">{p.type}</td>
                    <td data-label="Base URL"><span className="clamp">{p.baseUrl ?? '—'}</span></td>
                    <td data-label="Key">{p.hasApiKey ? (p.apiKeySource === 'ENV' ? 'From environment' : 'Stored') : 'None'}</td>
                    <td data-label="State"><StatusBadge status={p.enabled ? 'ENABLED' : 'DISABLED'} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </QueryState>
      </section>

      <section className="card" aria-labelledby="models-title">
        <h2 id="models-title">Models</h2>
        <QueryState query={models} isEmpty={(models.data?.content ?? []).length === 0} empty="No model in the catalog.">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Context</th>
                  <th scope="col">Price in / out (per 1M)</th>
                  <th scope="col">Capabilities</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {models.data?.content.map((m) => (
                  <tr key={m.id}>
                    <td data-label="Model"><code>{m.name}</code></td>
                    <td data-label="Provider">{m.providerName ?? (m.providerId && providerName.get(m.providerId)) ?? '—'}</td>
                    <td data-label="Context">{tokens(m.contextWindow)}</td>
                    <td data-label="Price in / out">{money(m.inputPricePerMillion)} / {money(m.outputPricePerMillion)}</td>
                    <td data-label="Capabilities">{(m.capabilities ?? []).join(', ') || '—'}</td>
                    <td data-label="State"><StatusBadge status={m.enabled === false ? 'DISABLED' : 'ENABLED'} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </QueryState>
      </section>
    </>
  );
}
