-- Runs once, when the bundled PostgreSQL (docker compose, Helm trial install) initialises an empty
-- data directory. One schema per service (docs/conventions.md); each service's Flyway owns what is
-- inside its schema. Harmless when Flyway creates the schemas itself.
CREATE SCHEMA IF NOT EXISTS gateway;
CREATE SCHEMA IF NOT EXISTS project;
CREATE SCHEMA IF NOT EXISTS planning;
CREATE SCHEMA IF NOT EXISTS agent;
CREATE SCHEMA IF NOT EXISTS model;
CREATE SCHEMA IF NOT EXISTS tool;
CREATE SCHEMA IF NOT EXISTS workflow;
