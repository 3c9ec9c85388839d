-- The archive's group roles (docs/archive.md), once per PostgreSQL cluster, by an
-- administrator. Each inspector then gets a login role in vtaudit_inspector:
--   CREATE ROLE anna LOGIN IN ROLE vtaudit_inspector;   -- password: \password anna
CREATE ROLE vtaudit_reader NOLOGIN;
CREATE ROLE vtaudit_inspector NOLOGIN IN ROLE vtaudit_reader;
