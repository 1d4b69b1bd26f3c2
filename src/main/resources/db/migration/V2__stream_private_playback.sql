-- A private stream's readers need a play token (issued by the API, signed with inlet.play.token-secret).
ALTER TABLE inlet_stream ADD COLUMN private_playback BOOLEAN DEFAULT FALSE NOT NULL;
