-- Reads of the statistics engine over live records (modules/statistics/statistics-sources.ts):
-- incidents are chosen by received time (the period's local days), and each incident's first call
-- (its answer time) is found by incident in presented order.
CREATE INDEX incidents_received_idx ON incidents (received_at);
CREATE INDEX calls_incident_idx ON calls (incident_id, presented_at) WHERE incident_id IS NOT NULL;
