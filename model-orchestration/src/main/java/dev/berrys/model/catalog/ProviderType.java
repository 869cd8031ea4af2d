package dev.berrys.model.catalog;

/** The wire format a provider speaks. */
public enum ProviderType {
    /** OpenAI and every server speaking its chat completions API (Ollama's /v1, vLLM, LM Studio, llama.cpp). */
    OPENAI_COMPATIBLE,
    /** Anthropic's Messages API. */
    ANTHROPIC,
    /** Ollama's native {@code /api/chat}. */
    OLLAMA,
    /** Berrys' deterministic model, no network. */
    SIMULATED
}
