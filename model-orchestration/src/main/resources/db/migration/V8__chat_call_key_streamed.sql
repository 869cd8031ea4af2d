-- a streamed call's answer is kept as the Server-Sent Events it sent (ending with data: [DONE]), so that a
-- repeated key is answered with the same stream; a key names either a streamed or a plain call
ALTER TABLE chat_call_key ADD COLUMN streamed boolean NOT NULL DEFAULT false;
