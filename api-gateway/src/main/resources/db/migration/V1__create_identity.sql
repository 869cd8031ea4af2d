-- Built-in identity: people (password) and machines (API key). Secrets are bcrypt hashes only.
create table users (
    id            uuid         primary key,
    username      varchar(100) not null,
    password_hash varchar(100) not null,
    roles         text[]       not null,
    tenant        varchar(64)  not null,
    created_at    timestamptz  not null default now(),
    constraint users_username_unique unique (username)
);

create index users_tenant_idx on users (tenant, username);

create table api_keys (
    id          uuid         primary key,
    client_id   varchar(100) not null,
    secret_hash varchar(100) not null,
    roles       text[]       not null,
    tenant      varchar(64)  not null,
    name        varchar(200) not null,
    created_at  timestamptz  not null default now(),
    created_by  varchar(100) not null,
    constraint api_keys_client_id_unique unique (client_id)
);

create index api_keys_tenant_idx on api_keys (tenant, created_at);
