-- A gateway key (e.g. Open-WebUI's) may name the end user it acts for; other keys never can.
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS gateway BOOLEAN DEFAULT FALSE NOT NULL;
