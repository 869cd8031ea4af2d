-- Routing policies: for a task type (the X-Berrys-Purpose of a call to model "auto"), which capabilities a
-- model must have, a ceiling on its output price, models to try first, and what to prefer among the rest.
CREATE TABLE routing_policy (
    id                           uuid          PRIMARY KEY,
    tenant                       text          NOT NULL,
    task_type                    text          NOT NULL,
    preferred_models             jsonb         NOT NULL DEFAULT '[]',
    capabilities                 jsonb         NOT NULL DEFAULT '[]',
    max_output_price_per_million numeric(18,6),
    strategy                     text          NOT NULL,
    created_at                   timestamptz   NOT NULL DEFAULT now(),
    updated_at                   timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (tenant, task_type)
);
