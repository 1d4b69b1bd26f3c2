-- A stream's own SRT passphrase: libsrt derives its keys from it and needs it in clear, so it is stored as given and
-- never returned by the API. NULL = the server-wide passphrase (or none) applies.
ALTER TABLE inlet_stream ADD COLUMN srt_passphrase VARCHAR(79);
