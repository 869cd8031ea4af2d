-- Providers seeded from the deployment's environment (OPENAI_*, ANTHROPIC_*, OLLAMA_*) are bound to the URL
-- and key configured there: no tenant may change their address or key, or delete them.
ALTER TABLE provider ADD COLUMN configured boolean NOT NULL DEFAULT false;
UPDATE provider SET configured = true WHERE api_key_env IS NOT NULL OR (name = 'ollama' AND type = 'OLLAMA');
