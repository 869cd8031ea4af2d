-- Taking access back: disabled users, expiring and budgeted API keys, the tenants a SERVICE key may act for,
-- and the subjects whose tokens issued up to a moment no longer count.
alter table users add column disabled boolean not null default false;

alter table api_keys add column expires_at timestamptz;
alter table api_keys add column budget_usd numeric(14, 4);
-- tenants a SERVICE key may ask tokens for besides its own; '*' is every tenant
alter table api_keys add column tenants text[] not null default '{}';

-- every token of the subject issued at or before revoked_at (to the second, like iat) is refused at the
-- gateway; rows older than the token lifetime no longer matter and are pruned
create table token_revocations (
    subject    varchar(100) primary key,
    revoked_at timestamptz  not null
);
