-- Owners are promised they see every use of their cameras; a log that could be edited or emptied
-- would not keep that promise, so camera_access becomes append-only like the audit log.
CREATE TRIGGER camera_access_append_only BEFORE UPDATE OR DELETE ON camera_access FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER camera_access_no_truncate BEFORE TRUNCATE ON camera_access FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
