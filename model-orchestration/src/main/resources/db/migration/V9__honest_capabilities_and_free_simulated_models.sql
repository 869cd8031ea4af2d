-- Labels and prices say what Berrys serves: a simulated model costs nothing; no model claims embeddings (there is
-- no embeddings endpoint); only an OPENAI_COMPATIBLE provider's models claim vision (the other adapters send the
-- text of a message, not its images). Capabilities are stored sorted and comma-separated.
UPDATE model m SET input_price_per_million = 0, output_price_per_million = 0
  FROM provider p
 WHERE p.id = m.provider_id AND p.type = 'SIMULATED'
   AND (m.input_price_per_million <> 0 OR m.output_price_per_million <> 0);

UPDATE model SET capabilities = array_to_string(array_remove(string_to_array(capabilities, ','), 'embeddings'), ',')
 WHERE 'embeddings' = ANY (string_to_array(capabilities, ','));

UPDATE model m SET capabilities = array_to_string(array_remove(string_to_array(m.capabilities, ','), 'vision'), ',')
  FROM provider p
 WHERE p.id = m.provider_id AND p.type <> 'OPENAI_COMPATIBLE'
   AND 'vision' = ANY (string_to_array(m.capabilities, ','));

UPDATE routing_policy SET capabilities = capabilities - 'embeddings' WHERE capabilities ? 'embeddings';
