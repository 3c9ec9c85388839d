-- What the archive's group roles may do (docs/archive.md), in the archive's database after
-- its owner created the schema (`vtaudit archive status --migrate`), and again after a
-- migration that adds tables. Row-level security (in the schema) then lets an inspector
-- write only the rows pushed under their own role.
GRANT USAGE ON SCHEMA vtaudit TO vtaudit_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA vtaudit TO vtaudit_reader;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA vtaudit TO vtaudit_inspector;
REVOKE INSERT, UPDATE, DELETE ON vtaudit.schema_version FROM vtaudit_inspector;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA vtaudit TO vtaudit_inspector;
