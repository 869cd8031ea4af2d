import { useState, type FormEvent } from 'react';
import { useCreateProvider } from '../api/queries';
import { problemOf } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';

export const PROVIDER_TYPES = [
  { value: 'OPENAI_COMPATIBLE', label: 'OpenAI or OpenAI-compatible (vLLM, LM Studio, Ollama /v1)' },
  { value: 'ANTHROPIC', label: 'Anthropic' },
  { value: 'OLLAMA', label: 'Ollama (native API)' },
];

type Errors = Partial<Record<'name' | 'baseUrl', string>>;

export function ProviderForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState('OPENAI_COMPATIBLE');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateProvider();

  const validate = (): Errors => {
    const e: Errors = {};
    if (!name.trim()) e.name = 'Give the provider a name.';
    else if (!/^[A-Za-z0-9._-]+$/.test(name.trim())) e.name = "Use letters, digits, '.', '_' and '-' only.";
    if (baseUrl.trim() && !/^https?:\/\/[^\s]+$/i.test(baseUrl.trim())) e.baseUrl = 'Enter a URL starting with http:// or https://.';
    return e;
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) return;
    create.mutate(
      { name: name.trim(), type, enabled, ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}), ...(apiKey ? { apiKey } : {}) },
      { onSuccess: onDone },
    );
  };

  const server = create.error ? problemOf(create.error).fieldErrors : [];
  const err = (f: 'name' | 'baseUrl') => errors[f] ?? server.find((s) => s.field === f)?.message;

  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-labelledby="provider-form-title">
      <h2 id="provider-form-title">Add a provider</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="provider-name">Name</label>
          <input id="provider-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!err('name')} aria-describedby={err('name') ? 'provider-name-error' : undefined} />
          {err('name') && <p className="field-error" id="provider-name-error">{err('name')}</p>}
        </div>
        <div className="field">
          <label htmlFor="provider-type">Type</label>
          <select id="provider-type" value={type} onChange={(e) => setType(e.target.value)}>
            {PROVIDER_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="provider-url">Base URL</label>
          <input id="provider-url" type="url" placeholder="https://api.openai.com/v1" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} aria-invalid={!!err('baseUrl')} aria-describedby={err('baseUrl') ? 'provider-url-error' : undefined} />
          {err('baseUrl') && <p className="field-error" id="provider-url-error">{err('baseUrl')}</p>}
        </div>
        <div className="field">
          <label htmlFor="provider-key">API key</label>
          <input id="provider-key" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} aria-describedby="provider-key-hint" />
          <p className="hint" id="provider-key-hint">Stored encrypted; it is never shown again.</p>
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
      </label>
      {create.error ? <ProblemAlert error={create.error} title="The provider was not added" /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add provider'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
