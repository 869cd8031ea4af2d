-- RS256 signing keys of the built-in issuer. The unique slot makes replicas that start together
-- agree on one key: each inserts its own candidate if absent, then all read the row that won.
create table signing_keys (
    kid         varchar(100) primary key,
    slot        varchar(20)  not null,
    algorithm   varchar(10)  not null,
    -- base64 PKCS#8; AES-GCM sealed (nonce || ciphertext) when encrypted is true
    private_key text         not null,
    encrypted   boolean      not null,
    created_at  timestamptz  not null default now(),
    constraint signing_keys_slot_unique unique (slot)
);
