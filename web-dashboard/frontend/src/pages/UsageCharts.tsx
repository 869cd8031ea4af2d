import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, AreaChart, Area } from 'recharts';
import type { UsageRecord } from '../api/types';
import type { UsageSummary } from '../lib/usage';

/** Cost per model and cost per hour; recharts is only loaded with this page. */
export default function UsageCharts({ usage, calls }: { usage: UsageSummary; calls: UsageRecord[] }) {
  const byModel = usage.byModel.map((m) => ({ model: m.model, cost: Number(m.costUsd.toFixed(4)), input: m.inputTokens, output: m.outputTokens }));
  const byHour = new Map<string, number>();
  for (const r of calls) {
    if (!r.createdAt) continue;
    const hour = r.createdAt.slice(0, 13) + ':00';
    byHour.set(hour, (byHour.get(hour) ?? 0) + (r.costUsd ?? 0));
  }
  const overTime = [...byHour.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hour, cost]) => ({ hour: hour.slice(5).replace('T', ' '), cost: Number(cost.toFixed(4)) }));

  return (
    <div className="charts">
      <figure className="chart">
        <figcaption>Cost by model (USD)</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={byModel} margin={{ top: 8, right: 8, left: 0, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="model" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} width={56} />
            <Tooltip />
            <Bar dataKey="cost" name="Cost (USD)" fill="#6d4ad6" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart">
        <figcaption>Tokens by model</figcaption>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={byModel} margin={{ top: 8, right: 8, left: 0, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="model" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} width={56} />
            <Tooltip />
            <Legend />
            <Bar dataKey="input" name="Input" stackId="t" fill="#3b82f6" isAnimationActive={false} />
            <Bar dataKey="output" name="Output" stackId="t" fill="#c04cc2" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      {overTime.length > 1 && (
        <figure className="chart chart-wide">
          <figcaption>Cost per hour (UTC, USD)</figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <AreaChart data={overTime} margin={{ top: 8, right: 8, left: 0, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="hour" tick={{ fontSize: 12 }} />
              <YAxis tick={{ fontSize: 12 }} width={56} />
              <Tooltip />
              <Area dataKey="cost" name="Cost (USD)" stroke="#6d4ad6" fill="#e6defc" isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        </figure>
      )}
    </div>
  );
}
