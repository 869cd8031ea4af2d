import { useMcpServers, useTools } from '../api/queries';
import { StatusBadge } from '../components/StatusBadge';
import { PageTitle, QueryState } from '../components/ui';
import { dateTime } from '../lib/format';

export default function ToolsPage() {
  const tools = useTools();
  const servers = useMcpServers();
  const serverName = new Map((servers.data?.content ?? []).map((s) => [s.id, s.name]));
  return (
    <>
      <PageTitle>Tools</PageTitle>
      <section className="card" aria-labelledby="mcp-title">
        <h2 id="mcp-title">MCP servers</h2>
        <QueryState query={servers} isEmpty={(servers.data?.content ?? []).length === 0} empty="No MCP server is registered.">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Transport</th>
                  <th scope="col">Tools</th>
                  <th scope="col">Checked</th>
                </tr>
              </thead>
              <tbody>
                {servers.data?.content.map((s) => (
                  <tr key={s.id}>
                    <td data-label="Name">
                      <strong>{s.name}</strong>
                      <div className="small muted clamp">{s.url ?? s.command}</div>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={s.status} />
                      {s.statusMessage && <div className="small muted clamp">{s.statusMessage}</div>}
                    </td>
                    <td data-label="Transport">{s.transport ?? '—'}</td>
                    <td data-label="Tools">{s.tools ? s.tools.length : '—'}</td>
                    <td data-label="Checked">{dateTime(s.statusAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </QueryState>
      </section>
      <section className="card" aria-labelledby="tools-title">
        <h2 id="tools-title">Tools</h2>
        <QueryState query={tools} isEmpty={(tools.data?.content ?? []).length === 0} empty="No tool is registered.">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Tool</th>
                  <th scope="col">Status</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {tools.data?.content.map((t) => (
                  <tr key={t.id}>
                    <td data-label="Tool">
                      <code>{t.name}</code>
                      <div className="small muted clamp">{t.description}</div>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={t.enabled === false ? 'DISABLED' : (t.status ?? 'ENABLED')} />
                    </td>
                    <td data-label="Source">
                      {t.mcpServerId ? `MCP: ${serverName.get(t.mcpServerId) ?? t.mcpServerId.slice(0, 8)}` : t.source === 'HTTP' ? `HTTP ${t.endpoint ?? ''}` : t.source === 'BUILTIN' ? 'Built in' : (t.source ?? '—')}
                    </td>
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
