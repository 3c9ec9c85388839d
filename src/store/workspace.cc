#include "workspace.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "escape.h"
#include "workspace_internal.h"

namespace vtaudit {
namespace internal {

const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> kMigrations = {
      // 1: organisations and frameworks.
      R"sql(
CREATE TABLE organisation (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  region      TEXT NOT NULL DEFAULT '',
  size_weight REAL NOT NULL DEFAULT 1 CHECK (size_weight > 0)
);
CREATE TABLE framework (
  sha256    TEXT PRIMARY KEY,
  id        TEXT NOT NULL,
  version   TEXT NOT NULL,
  title     TEXT NOT NULL,
  path      TEXT NOT NULL,
  content   BLOB NOT NULL,
  loaded_at TEXT NOT NULL
);
)sql",
      // 2: registration extracts and their cases. Event times are ISO text
      // (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS): readable in any SQLite tool.
      R"sql(
CREATE TABLE extract_file (
  id          INTEGER PRIMARY KEY,
  org         TEXT NOT NULL REFERENCES organisation(code),
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  rows        INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  unchanged   INTEGER NOT NULL
);
CREATE INDEX extract_file_org ON extract_file(org, sha256);
CREATE TABLE case_file (
  org                     TEXT NOT NULL REFERENCES organisation(code),
  case_id                 TEXT NOT NULL,
  kind                    TEXT NOT NULL CHECK (kind IN ('melding', 'advies')),
  violence                TEXT NOT NULL DEFAULT '',
  received                TEXT NOT NULL,
  triaged                 TEXT,
  safety_assessed         TEXT,
  outcome                 TEXT NOT NULL DEFAULT '',
  investigation_decided   TEXT,
  investigation_started   TEXT,
  investigation_completed TEXT,
  rvdk                    INTEGER NOT NULL DEFAULT 0,
  disclosure              INTEGER NOT NULL DEFAULT 0,
  extract_id              INTEGER NOT NULL REFERENCES extract_file(id),
  PRIMARY KEY (org, case_id)
) WITHOUT ROWID;
)sql",
      // 3: audits, their samples and the score trail. Scores are append-only events;
      // the current score is a view, so nothing is overwritten without a trace.
      R"sql(
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY,
  org        TEXT NOT NULL REFERENCES organisation(code),
  period     INTEGER NOT NULL CHECK (period BETWEEN 1900 AND 9999),
  framework  TEXT NOT NULL REFERENCES framework(sha256),
  status     TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'concept', 'final')),
  created_at TEXT NOT NULL
);
CREATE TABLE audit_inspector (
  audit INTEGER NOT NULL REFERENCES audit(id),
  name  TEXT NOT NULL,
  PRIMARY KEY (audit, name)
) WITHOUT ROWID;
CREATE TABLE sample_draw (
  id                INTEGER PRIMARY KEY,
  audit             INTEGER NOT NULL REFERENCES audit(id),
  seed              TEXT NOT NULL,
  method            TEXT NOT NULL CHECK (method IN ('simple', 'stratified')),
  stratify          TEXT NOT NULL DEFAULT '',
  where_condition   TEXT NOT NULL DEFAULT '',
  population        INTEGER NOT NULL,
  population_sha256 TEXT NOT NULL,
  size              INTEGER NOT NULL,
  strata            TEXT NOT NULL DEFAULT '',  -- stratified: 'key TAB population TAB allocated' lines
  drawn_at          TEXT NOT NULL,
  replaced_by       INTEGER REFERENCES sample_draw(id)
);
CREATE INDEX sample_draw_audit ON sample_draw(audit);
CREATE TABLE sample_case (
  draw       INTEGER NOT NULL REFERENCES sample_draw(id),
  case_id    TEXT NOT NULL,
  stratum    TEXT NOT NULL DEFAULT '',
  draw_order INTEGER NOT NULL,
  PRIMARY KEY (draw, case_id)
) WITHOUT ROWID;
CREATE TABLE score_event (
  id         INTEGER PRIMARY KEY,
  audit      INTEGER NOT NULL REFERENCES audit(id),
  case_id    TEXT NOT NULL DEFAULT '',
  criterion  TEXT NOT NULL,
  inspector  TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('set', 'reconcile')),
  old_result TEXT,
  new_result TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  at         TEXT NOT NULL
);
CREATE INDEX score_event_key ON score_event(audit, case_id, criterion, inspector);
CREATE TRIGGER score_event_append_only_update BEFORE UPDATE ON score_event
BEGIN SELECT RAISE(ABORT, 'score events are append-only'); END;
CREATE TRIGGER score_event_append_only_delete BEFORE DELETE ON score_event
BEGIN SELECT RAISE(ABORT, 'score events are append-only'); END;
CREATE TRIGGER score_event_final_audit BEFORE INSERT ON score_event
WHEN (SELECT status FROM audit WHERE id = NEW.audit) = 'final'
BEGIN SELECT RAISE(ABORT, 'the audit is final: its scores can no longer change'); END;
CREATE VIEW score_current AS
SELECT e.audit, e.case_id, e.criterion, e.inspector, e.new_result AS result, e.note, e.at
FROM score_event e
WHERE e.kind = 'set' AND e.id = (
  SELECT MAX(x.id) FROM score_event x
  WHERE x.audit = e.audit AND x.case_id = e.case_id AND x.criterion = e.criterion
    AND x.inspector = e.inspector AND x.kind = 'set');
CREATE VIEW score_reconciled AS
SELECT e.audit, e.case_id, e.criterion, e.inspector, e.new_result AS result, e.note, e.at
FROM score_event e
WHERE e.kind = 'reconcile' AND e.id = (
  SELECT MAX(x.id) FROM score_event x
  WHERE x.audit = e.audit AND x.case_id = e.case_id AND x.criterion = e.criterion
    AND x.kind = 'reconcile');
)sql",
      // 4: cases keep their event times as integers, so that an import and a timeliness
      // run neither format nor parse text: seconds since 1970-01-01T00:00 times two, plus
      // one when the extract gave a time of day (EncodeEvent in case_store.h). `kind` is
      // 1 for an advies. The view case_file shows the ISO text of version 2 and accepts
      // inserts in it, so the workspace stays readable and writable in any SQLite tool.
      R"sql(
CREATE TABLE case_data (
  org                     TEXT NOT NULL REFERENCES organisation(code),
  case_id                 TEXT NOT NULL,
  advies                  INTEGER NOT NULL CHECK (advies IN (0, 1)),
  violence                TEXT NOT NULL DEFAULT '',
  received                INTEGER NOT NULL,
  triaged                 INTEGER,
  safety_assessed         INTEGER,
  outcome                 TEXT NOT NULL DEFAULT '',
  investigation_decided   INTEGER,
  investigation_started   INTEGER,
  investigation_completed INTEGER,
  rvdk                    INTEGER NOT NULL DEFAULT 0,
  disclosure              INTEGER NOT NULL DEFAULT 0,
  extract_id              INTEGER NOT NULL REFERENCES extract_file(id),
  PRIMARY KEY (org, case_id)
) WITHOUT ROWID;
INSERT INTO case_data
SELECT org, case_id, kind = 'advies', violence,
  CASE WHEN received IS NULL THEN NULL WHEN length(received) = 10 THEN CAST(strftime('%s', received) AS INTEGER) * 2 ELSE CAST(strftime('%s', received) AS INTEGER) * 2 + 1 END,
  CASE WHEN triaged IS NULL THEN NULL WHEN length(triaged) = 10 THEN CAST(strftime('%s', triaged) AS INTEGER) * 2 ELSE CAST(strftime('%s', triaged) AS INTEGER) * 2 + 1 END,
  CASE WHEN safety_assessed IS NULL THEN NULL WHEN length(safety_assessed) = 10 THEN CAST(strftime('%s', safety_assessed) AS INTEGER) * 2 ELSE CAST(strftime('%s', safety_assessed) AS INTEGER) * 2 + 1 END,
  outcome,
  CASE WHEN investigation_decided IS NULL THEN NULL WHEN length(investigation_decided) = 10 THEN CAST(strftime('%s', investigation_decided) AS INTEGER) * 2 ELSE CAST(strftime('%s', investigation_decided) AS INTEGER) * 2 + 1 END,
  CASE WHEN investigation_started IS NULL THEN NULL WHEN length(investigation_started) = 10 THEN CAST(strftime('%s', investigation_started) AS INTEGER) * 2 ELSE CAST(strftime('%s', investigation_started) AS INTEGER) * 2 + 1 END,
  CASE WHEN investigation_completed IS NULL THEN NULL WHEN length(investigation_completed) = 10 THEN CAST(strftime('%s', investigation_completed) AS INTEGER) * 2 ELSE CAST(strftime('%s', investigation_completed) AS INTEGER) * 2 + 1 END,
  rvdk, disclosure, extract_id
FROM case_file;
DROP TABLE case_file;
CREATE VIEW case_file AS
SELECT org, case_id, CASE advies WHEN 1 THEN 'advies' ELSE 'melding' END AS kind, violence,
  CASE WHEN received IS NULL THEN NULL WHEN received & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', received >> 1, 'unixepoch') ELSE date(received >> 1, 'unixepoch') END AS received,
  CASE WHEN triaged IS NULL THEN NULL WHEN triaged & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', triaged >> 1, 'unixepoch') ELSE date(triaged >> 1, 'unixepoch') END AS triaged,
  CASE WHEN safety_assessed IS NULL THEN NULL WHEN safety_assessed & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', safety_assessed >> 1, 'unixepoch') ELSE date(safety_assessed >> 1, 'unixepoch') END AS safety_assessed,
  outcome,
  CASE WHEN investigation_decided IS NULL THEN NULL WHEN investigation_decided & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', investigation_decided >> 1, 'unixepoch') ELSE date(investigation_decided >> 1, 'unixepoch') END AS investigation_decided,
  CASE WHEN investigation_started IS NULL THEN NULL WHEN investigation_started & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', investigation_started >> 1, 'unixepoch') ELSE date(investigation_started >> 1, 'unixepoch') END AS investigation_started,
  CASE WHEN investigation_completed IS NULL THEN NULL WHEN investigation_completed & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', investigation_completed >> 1, 'unixepoch') ELSE date(investigation_completed >> 1, 'unixepoch') END AS investigation_completed,
  rvdk, disclosure, extract_id
FROM case_data;
CREATE TRIGGER case_file_insert INSTEAD OF INSERT ON case_file
BEGIN
  INSERT INTO case_data VALUES (NEW.org, NEW.case_id,
    CASE NEW.kind WHEN 'advies' THEN 1 WHEN 'melding' THEN 0 END, coalesce(NEW.violence, ''),
    CASE WHEN NEW.received IS NULL THEN NULL WHEN length(NEW.received) = 10 THEN CAST(strftime('%s', NEW.received) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.received) AS INTEGER) * 2 + 1 END,
    CASE WHEN NEW.triaged IS NULL THEN NULL WHEN length(NEW.triaged) = 10 THEN CAST(strftime('%s', NEW.triaged) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.triaged) AS INTEGER) * 2 + 1 END,
    CASE WHEN NEW.safety_assessed IS NULL THEN NULL WHEN length(NEW.safety_assessed) = 10 THEN CAST(strftime('%s', NEW.safety_assessed) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.safety_assessed) AS INTEGER) * 2 + 1 END,
    coalesce(NEW.outcome, ''),
    CASE WHEN NEW.investigation_decided IS NULL THEN NULL WHEN length(NEW.investigation_decided) = 10 THEN CAST(strftime('%s', NEW.investigation_decided) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.investigation_decided) AS INTEGER) * 2 + 1 END,
    CASE WHEN NEW.investigation_started IS NULL THEN NULL WHEN length(NEW.investigation_started) = 10 THEN CAST(strftime('%s', NEW.investigation_started) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.investigation_started) AS INTEGER) * 2 + 1 END,
    CASE WHEN NEW.investigation_completed IS NULL THEN NULL WHEN length(NEW.investigation_completed) = 10 THEN CAST(strftime('%s', NEW.investigation_completed) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.investigation_completed) AS INTEGER) * 2 + 1 END,
    coalesce(NEW.rvdk, 0), coalesce(NEW.disclosure, 0), NEW.extract_id);
END;
)sql",
      // 5: the record. Score events get a stable id (uid, for exchange between laptops),
      // the note they replace, and a third kind, `clear` (a withdrawn score, no result).
      // A reconciliation keeps the scores it settled (score_basis). The current score of
      // an inspector is their latest set or clear, when it is a set; a reconciliation
      // counts while no score of that case criterion changed after it. audit_event keeps
      // what happened to the audit itself (inspectors added or removed, later states).
      R"sql(
DROP VIEW score_current;
DROP VIEW score_reconciled;
CREATE TABLE score_event_v5 (
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE,
  audit      INTEGER NOT NULL REFERENCES audit(id),
  case_id    TEXT NOT NULL DEFAULT '',
  criterion  TEXT NOT NULL,
  inspector  TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('set', 'clear', 'reconcile')),
  old_result TEXT,
  new_result TEXT CHECK ((kind = 'clear') = (new_result IS NULL)),
  old_note   TEXT,
  note       TEXT NOT NULL DEFAULT '',
  at         TEXT NOT NULL
);
INSERT INTO score_event_v5
SELECT e.id, lower(hex(randomblob(16))), e.audit, e.case_id, e.criterion, e.inspector, e.kind,
  e.old_result, e.new_result,
  (SELECT p.note FROM score_event p
   WHERE p.audit = e.audit AND p.case_id = e.case_id AND p.criterion = e.criterion
     AND p.kind = e.kind AND (e.kind = 'reconcile' OR p.inspector = e.inspector) AND p.id < e.id
   ORDER BY p.id DESC LIMIT 1),
  e.note, e.at
FROM score_event e;
DROP TABLE score_event;
ALTER TABLE score_event_v5 RENAME TO score_event;
CREATE INDEX score_event_key ON score_event(audit, case_id, criterion, inspector);
CREATE TABLE score_basis (
  event     INTEGER NOT NULL REFERENCES score_event(id),
  inspector TEXT NOT NULL,
  result    TEXT NOT NULL,
  PRIMARY KEY (event, inspector)
) WITHOUT ROWID;
CREATE TRIGGER score_event_append_only_update BEFORE UPDATE ON score_event
BEGIN SELECT RAISE(ABORT, 'score events are append-only'); END;
CREATE TRIGGER score_event_append_only_delete BEFORE DELETE ON score_event
BEGIN SELECT RAISE(ABORT, 'score events are append-only'); END;
CREATE TRIGGER score_event_final_audit BEFORE INSERT ON score_event
WHEN (SELECT status FROM audit WHERE id = NEW.audit) = 'final'
BEGIN SELECT RAISE(ABORT, 'the audit is final: its scores can no longer change'); END;
CREATE TRIGGER score_basis_append_only_update BEFORE UPDATE ON score_basis
BEGIN SELECT RAISE(ABORT, 'score events are append-only'); END;
CREATE TRIGGER score_basis_append_only_delete BEFORE DELETE ON score_basis
BEGIN SELECT RAISE(ABORT, 'score events are append-only'); END;
CREATE VIEW score_current AS
SELECT e.audit, e.case_id, e.criterion, e.inspector, e.new_result AS result, e.note, e.at,
  e.id AS event
FROM score_event e
WHERE e.kind = 'set' AND e.id = (
  SELECT MAX(x.id) FROM score_event x
  WHERE x.audit = e.audit AND x.case_id = e.case_id AND x.criterion = e.criterion
    AND x.inspector = e.inspector AND x.kind IN ('set', 'clear'));
CREATE VIEW score_reconciled AS
SELECT e.audit, e.case_id, e.criterion, e.inspector, e.new_result AS result, e.note, e.at,
  e.id AS event
FROM score_event e
WHERE e.kind = 'reconcile' AND e.id = (
  SELECT MAX(x.id) FROM score_event x
  WHERE x.audit = e.audit AND x.case_id = e.case_id AND x.criterion = e.criterion);
CREATE TABLE audit_event (
  id        INTEGER PRIMARY KEY,
  uid       TEXT NOT NULL UNIQUE,
  audit     INTEGER NOT NULL REFERENCES audit(id),
  kind      TEXT NOT NULL,
  detail    TEXT NOT NULL DEFAULT '',
  reason    TEXT NOT NULL DEFAULT '',
  actor     TEXT NOT NULL DEFAULT '',
  at        TEXT NOT NULL
);
CREATE INDEX audit_event_audit ON audit_event(audit);
CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
)sql",
      // 6: from working draft to signed report. The audit keeps its peildatum (as_of; NULL
      // in audits of earlier versions: the default rule applies). At concept an audit is
      // frozen into a snapshot: the organisation's cases as they were (snapshot_case, the
      // columns of case_data; later snapshots of the audit share the first one's rows through
      // cases_from), the delivery they came from, the calendar, the judgement and
      // timeliness as JSON; each snapshot is a numbered version, and the reports written from
      // it are kept byte for byte (report_version). The organisation's responses to a concept
      // (hoor en wederhoor) and the inspectors' decisions on them; a score changed because of
      // a response names it.
      R"sql(
ALTER TABLE audit ADD COLUMN as_of TEXT;
CREATE TABLE audit_snapshot (
  id               INTEGER PRIMARY KEY,
  audit            INTEGER NOT NULL REFERENCES audit(id),
  version          INTEGER NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('concept', 'final')),
  as_of            TEXT NOT NULL,
  cases_from       INTEGER REFERENCES audit_snapshot(id),  -- NULL: its own snapshot_case rows
  extract_id       INTEGER REFERENCES extract_file(id),
  extract_sha256   TEXT NOT NULL DEFAULT '',
  framework_sha256 TEXT NOT NULL,
  calendar         TEXT NOT NULL,
  inspectors       TEXT NOT NULL,
  judgement        TEXT NOT NULL,
  timeliness       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL DEFAULT '',
  UNIQUE (audit, version)
);
CREATE TABLE snapshot_case (
  snapshot                INTEGER NOT NULL REFERENCES audit_snapshot(id),
  case_id                 TEXT NOT NULL,
  advies                  INTEGER NOT NULL,
  violence                TEXT NOT NULL,
  received                INTEGER NOT NULL,
  triaged                 INTEGER,
  safety_assessed         INTEGER,
  outcome                 TEXT NOT NULL,
  investigation_decided   INTEGER,
  investigation_started   INTEGER,
  investigation_completed INTEGER,
  rvdk                    INTEGER NOT NULL,
  disclosure              INTEGER NOT NULL,
  missing_since           INTEGER,
  PRIMARY KEY (snapshot, case_id)
) WITHOUT ROWID;
CREATE TABLE report_version (
  audit      INTEGER NOT NULL REFERENCES audit(id),
  version    INTEGER NOT NULL,
  format     TEXT NOT NULL,
  lang       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  content    BLOB NOT NULL,
  written_at TEXT NOT NULL,
  PRIMARY KEY (audit, version, format, lang)
) WITHOUT ROWID;
CREATE TABLE audit_response (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  audit       INTEGER NOT NULL REFERENCES audit(id),
  criterion   TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT '',
  received    TEXT NOT NULL,
  version     INTEGER NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL
);
CREATE TABLE response_decision (
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE,
  response   INTEGER NOT NULL REFERENCES audit_response(id),
  decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
  reason     TEXT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  at         TEXT NOT NULL
);
ALTER TABLE score_event ADD COLUMN response INTEGER REFERENCES audit_response(id);
CREATE TRIGGER audit_snapshot_append_only_update BEFORE UPDATE ON audit_snapshot
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
CREATE TRIGGER audit_snapshot_append_only_delete BEFORE DELETE ON audit_snapshot
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
CREATE TRIGGER snapshot_case_append_only_update BEFORE UPDATE ON snapshot_case
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
CREATE TRIGGER snapshot_case_append_only_delete BEFORE DELETE ON snapshot_case
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
CREATE TRIGGER report_version_append_only_update BEFORE UPDATE ON report_version
BEGIN SELECT RAISE(ABORT, 'report versions are append-only'); END;
CREATE TRIGGER report_version_append_only_delete BEFORE DELETE ON report_version
BEGIN SELECT RAISE(ABORT, 'report versions are append-only'); END;
CREATE TRIGGER audit_response_append_only_update BEFORE UPDATE ON audit_response
BEGIN SELECT RAISE(ABORT, 'responses are append-only'); END;
CREATE TRIGGER audit_response_append_only_delete BEFORE DELETE ON audit_response
BEGIN SELECT RAISE(ABORT, 'responses are append-only'); END;
CREATE TRIGGER audit_response_final BEFORE INSERT ON audit_response
WHEN (SELECT status FROM audit WHERE id = NEW.audit) = 'final'
BEGIN SELECT RAISE(ABORT, 'the audit is final: its responses can no longer change'); END;
CREATE TRIGGER response_decision_append_only_update BEFORE UPDATE ON response_decision
BEGIN SELECT RAISE(ABORT, 'responses are append-only'); END;
CREATE TRIGGER response_decision_append_only_delete BEFORE DELETE ON response_decision
BEGIN SELECT RAISE(ABORT, 'responses are append-only'); END;
CREATE TRIGGER response_decision_final BEFORE INSERT ON response_decision
WHEN (SELECT a.status FROM audit a JOIN audit_response r ON r.audit = a.id
      WHERE r.id = NEW.response) = 'final'
BEGIN SELECT RAISE(ABORT, 'the audit is final: its responses can no longer change'); END;
CREATE TRIGGER score_event_frozen_audit BEFORE INSERT ON score_event
WHEN (SELECT status FROM audit WHERE id = NEW.audit) = 'concept'
BEGIN SELECT RAISE(ABORT, 'the audit is a concept: set it back to draft to change scores'); END;
)sql",
      // 7: a case that a newer delivery of its organisation lacks stays, so that no sample
      // loses a case file under it; missing_since names the delivery (extract_file.id) that
      // first lacked it, NULL while the latest delivery has it. extract_file.missing counts
      // the cases of the previous delivery that one lacked. The case_file view and its
      // insert trigger list case_data's columns, so they are made again with the new one.
      R"sql(
ALTER TABLE case_data ADD COLUMN missing_since INTEGER REFERENCES extract_file(id);
ALTER TABLE extract_file ADD COLUMN missing INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER case_file_insert;
DROP VIEW case_file;
CREATE VIEW case_file AS
SELECT org, case_id, CASE advies WHEN 1 THEN 'advies' ELSE 'melding' END AS kind, violence,
  CASE WHEN received IS NULL THEN NULL WHEN received & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', received >> 1, 'unixepoch') ELSE date(received >> 1, 'unixepoch') END AS received,
  CASE WHEN triaged IS NULL THEN NULL WHEN triaged & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', triaged >> 1, 'unixepoch') ELSE date(triaged >> 1, 'unixepoch') END AS triaged,
  CASE WHEN safety_assessed IS NULL THEN NULL WHEN safety_assessed & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', safety_assessed >> 1, 'unixepoch') ELSE date(safety_assessed >> 1, 'unixepoch') END AS safety_assessed,
  outcome,
  CASE WHEN investigation_decided IS NULL THEN NULL WHEN investigation_decided & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', investigation_decided >> 1, 'unixepoch') ELSE date(investigation_decided >> 1, 'unixepoch') END AS investigation_decided,
  CASE WHEN investigation_started IS NULL THEN NULL WHEN investigation_started & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', investigation_started >> 1, 'unixepoch') ELSE date(investigation_started >> 1, 'unixepoch') END AS investigation_started,
  CASE WHEN investigation_completed IS NULL THEN NULL WHEN investigation_completed & 1 THEN strftime('%Y-%m-%dT%H:%M:%S', investigation_completed >> 1, 'unixepoch') ELSE date(investigation_completed >> 1, 'unixepoch') END AS investigation_completed,
  rvdk, disclosure, extract_id, missing_since
FROM case_data;
CREATE TRIGGER case_file_insert INSTEAD OF INSERT ON case_file
BEGIN
  INSERT INTO case_data VALUES (NEW.org, NEW.case_id,
    CASE NEW.kind WHEN 'advies' THEN 1 WHEN 'melding' THEN 0 END, coalesce(NEW.violence, ''),
    CASE WHEN NEW.received IS NULL THEN NULL WHEN length(NEW.received) = 10 THEN CAST(strftime('%s', NEW.received) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.received) AS INTEGER) * 2 + 1 END,
    CASE WHEN NEW.triaged IS NULL THEN NULL WHEN length(NEW.triaged) = 10 THEN CAST(strftime('%s', NEW.triaged) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.triaged) AS INTEGER) * 2 + 1 END,
    CASE WHEN NEW.safety_assessed IS NULL THEN NULL WHEN length(NEW.safety_assessed) = 10 THEN CAST(strftime('%s', NEW.safety_assessed) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.safety_assessed) AS INTEGER) * 2 + 1 END,
    coalesce(NEW.outcome, ''),
    CASE WHEN NEW.investigation_decided IS NULL THEN NULL WHEN length(NEW.investigation_decided) = 10 THEN CAST(strftime('%s', NEW.investigation_decided) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.investigation_decided) AS INTEGER) * 2 + 1 END,
    CASE WHEN NEW.investigation_started IS NULL THEN NULL WHEN length(NEW.investigation_started) = 10 THEN CAST(strftime('%s', NEW.investigation_started) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.investigation_started) AS INTEGER) * 2 + 1 END,
    CASE WHEN NEW.investigation_completed IS NULL THEN NULL WHEN length(NEW.investigation_completed) = 10 THEN CAST(strftime('%s', NEW.investigation_completed) AS INTEGER) * 2 ELSE CAST(strftime('%s', NEW.investigation_completed) AS INTEGER) * 2 + 1 END,
    coalesce(NEW.rvdk, 0), coalesce(NEW.disclosure, 0), NEW.extract_id, NEW.missing_since);
END;
)sql",
      // 8: audited redaction. A note that should never have been written (a BSN, a name)
      // can be replaced by "[verwijderd: REASON]", and only so: the redaction is an
      // audit_event (kind 'note_redacted', detail the uid of the event named, reason, actor)
      // and the event's note_redaction (or old_note_redaction, for the copy a later event
      // kept as its old note) names it. The UPDATE trigger allows exactly that change: no
      // other column moves, the field was not redacted before, the new text is the marker
      // of the latest audit_event (so the record is written in the same transaction), which
      // is a redaction of this audit naming an event of the same case criterion whose note,
      // not yet redacted, is the text replaced. The named event is redacted last, after
      // which no other field can match its text: the window closes with the transaction.
      // Kept report files that may hold the note are withdrawn: a report_withdrawn row keeps
      // their key, SHA-256 and time, and the DELETE trigger allows removing exactly the
      // files the latest redaction recorded.
      R"sql(
ALTER TABLE score_event ADD COLUMN note_redaction INTEGER REFERENCES audit_event(id);
ALTER TABLE score_event ADD COLUMN old_note_redaction INTEGER REFERENCES audit_event(id);
DROP TRIGGER score_event_append_only_update;
CREATE TRIGGER score_event_append_only_update BEFORE UPDATE ON score_event
WHEN NOT (
  NEW.id IS OLD.id AND NEW.uid IS OLD.uid AND NEW.audit IS OLD.audit
  AND NEW.case_id IS OLD.case_id AND NEW.criterion IS OLD.criterion
  AND NEW.inspector IS OLD.inspector AND NEW.kind IS OLD.kind
  AND NEW.old_result IS OLD.old_result AND NEW.new_result IS OLD.new_result
  AND NEW.at IS OLD.at AND NEW.response IS OLD.response
  AND (NEW.note_redaction IS NOT OLD.note_redaction
       OR NEW.old_note_redaction IS NOT OLD.old_note_redaction)
  AND ((NEW.note IS OLD.note AND NEW.note_redaction IS OLD.note_redaction)
       OR (OLD.note_redaction IS NULL AND EXISTS (
         SELECT 1 FROM audit_event r JOIN score_event n ON n.uid = r.detail
         WHERE r.id = NEW.note_redaction AND r.id = (SELECT MAX(id) FROM audit_event)
           AND r.kind = 'note_redacted' AND r.audit = OLD.audit
           AND n.audit = OLD.audit AND n.case_id = OLD.case_id AND n.criterion = OLD.criterion
           AND n.note_redaction IS NULL AND n.note <> '' AND n.note = OLD.note
           AND NEW.note = '[verwijderd: ' || r.reason || ']')))
  AND ((NEW.old_note IS OLD.old_note AND NEW.old_note_redaction IS OLD.old_note_redaction)
       OR (OLD.old_note_redaction IS NULL AND EXISTS (
         SELECT 1 FROM audit_event r JOIN score_event n ON n.uid = r.detail
         WHERE r.id = NEW.old_note_redaction AND r.id = (SELECT MAX(id) FROM audit_event)
           AND r.kind = 'note_redacted' AND r.audit = OLD.audit
           AND n.audit = OLD.audit AND n.case_id = OLD.case_id AND n.criterion = OLD.criterion
           AND n.note_redaction IS NULL AND n.note <> '' AND n.note = OLD.old_note
           AND NEW.old_note = '[verwijderd: ' || r.reason || ']'))))
BEGIN SELECT RAISE(ABORT, 'score events are append-only: only a recorded redaction (vtaudit score redact) may replace a note'); END;
CREATE TABLE report_withdrawn (
  id         INTEGER PRIMARY KEY,
  audit      INTEGER NOT NULL REFERENCES audit(id),
  version    INTEGER NOT NULL,
  format     TEXT NOT NULL,
  lang       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  written_at TEXT NOT NULL,
  redaction  INTEGER NOT NULL REFERENCES audit_event(id)
);
CREATE INDEX report_withdrawn_audit ON report_withdrawn(audit, version);
CREATE TRIGGER report_withdrawn_append_only_update BEFORE UPDATE ON report_withdrawn
BEGIN SELECT RAISE(ABORT, 'withdrawn reports are append-only'); END;
CREATE TRIGGER report_withdrawn_append_only_delete BEFORE DELETE ON report_withdrawn
BEGIN SELECT RAISE(ABORT, 'withdrawn reports are append-only'); END;
DROP TRIGGER report_version_append_only_delete;
CREATE TRIGGER report_version_append_only_delete BEFORE DELETE ON report_version
WHEN NOT EXISTS (
  SELECT 1 FROM report_withdrawn w JOIN audit_event r ON r.id = w.redaction
  WHERE w.audit = OLD.audit AND w.version = OLD.version AND w.format = OLD.format
    AND w.lang = OLD.lang AND w.sha256 = OLD.sha256 AND w.written_at = OLD.written_at
    AND r.kind = 'note_redacted' AND r.audit = OLD.audit
    AND r.id = (SELECT MAX(id) FROM audit_event))
BEGIN SELECT RAISE(ABORT, 'report versions are append-only: only a recorded redaction (vtaudit score redact) may withdraw one'); END;
)sql",
      // 9: audit bundles between laptops (docs/bundles.md). What a merge must recognise
      // gets a stable uid (32 hex digits, as the events have since version 5): the audit,
      // each sample draw and each snapshot; an inserted row without one gets a fresh one.
      // A draw keeps the delivery it was drawn from (SHA-256 and file name; backfilled with
      // the organisation's latest delivery imported by then), so that a workspace lacking it
      // can say which to import. A snapshot that came in a bundle holds the sampled cases
      // only (partial = 1), so the figures measured over the whole delivery travel with it:
      // snapshot_measure keeps them per deadline. Snapshots stay append-only: the backfill
      // runs with the update trigger dropped, and the trigger comes back unchanged.
      R"sql(
ALTER TABLE audit ADD COLUMN uid TEXT;
UPDATE audit SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX audit_uid ON audit(uid);
CREATE TRIGGER audit_uid_default AFTER INSERT ON audit WHEN NEW.uid IS NULL
BEGIN UPDATE audit SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
ALTER TABLE sample_draw ADD COLUMN uid TEXT;
ALTER TABLE sample_draw ADD COLUMN extract_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE sample_draw ADD COLUMN extract_file TEXT NOT NULL DEFAULT '';
UPDATE sample_draw SET uid = lower(hex(randomblob(16))),
  extract_sha256 = coalesce((SELECT e.sha256 FROM extract_file e JOIN audit a ON a.org = e.org
    WHERE a.id = sample_draw.audit AND e.imported_at <= sample_draw.drawn_at
    ORDER BY e.id DESC LIMIT 1), ''),
  extract_file = coalesce((SELECT e.file_name FROM extract_file e JOIN audit a ON a.org = e.org
    WHERE a.id = sample_draw.audit AND e.imported_at <= sample_draw.drawn_at
    ORDER BY e.id DESC LIMIT 1), '');
CREATE UNIQUE INDEX sample_draw_uid ON sample_draw(uid);
CREATE TRIGGER sample_draw_uid_default AFTER INSERT ON sample_draw WHEN NEW.uid IS NULL
BEGIN UPDATE sample_draw SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
DROP TRIGGER audit_snapshot_append_only_update;
ALTER TABLE audit_snapshot ADD COLUMN uid TEXT;
ALTER TABLE audit_snapshot ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1));
UPDATE audit_snapshot SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX audit_snapshot_uid ON audit_snapshot(uid);
CREATE TRIGGER audit_snapshot_append_only_update BEFORE UPDATE ON audit_snapshot
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
CREATE TRIGGER audit_snapshot_uid_required BEFORE INSERT ON audit_snapshot WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'a snapshot needs its uid'); END;
CREATE TABLE snapshot_measure (
  snapshot INTEGER NOT NULL REFERENCES audit_snapshot(id),
  deadline TEXT NOT NULL,
  on_time  INTEGER NOT NULL,
  counted  INTEGER NOT NULL,
  norm     REAL NOT NULL,
  share    REAL,
  PRIMARY KEY (snapshot, deadline)
) WITHOUT ROWID;
CREATE TRIGGER snapshot_measure_append_only_update BEFORE UPDATE ON snapshot_measure
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
CREATE TRIGGER snapshot_measure_append_only_delete BEFORE DELETE ON snapshot_measure
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
)sql",
      // 10: the inspectors' written findings (bevindingen), per criterion or standard, with
      // the evidence they rest on (finding.h). Append-only like score_event: the latest row
      // per (audit, subject) counts, the earlier ones are its history.
      R"sql(
CREATE TABLE finding (
  id        INTEGER PRIMARY KEY,
  uid       TEXT NOT NULL UNIQUE,
  audit     INTEGER NOT NULL REFERENCES audit(id),
  subject   TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('criterion', 'standard')),
  text      TEXT NOT NULL CHECK (text <> ''),
  evidence  TEXT NOT NULL DEFAULT '',
  inspector TEXT NOT NULL,
  at        TEXT NOT NULL
);
CREATE INDEX finding_audit ON finding(audit, subject);
CREATE TRIGGER finding_append_only_update BEFORE UPDATE ON finding
BEGIN SELECT RAISE(ABORT, 'findings are append-only: write a new one (vtaudit finding set)'); END;
CREATE TRIGGER finding_append_only_delete BEFORE DELETE ON finding
BEGIN SELECT RAISE(ABORT, 'findings are append-only: write a new one (vtaudit finding set)'); END;
)sql",
      // 11: the profile that shaped each delivery (docs/extract.md, "Profiles"): its id and
      // the SHA-256 of its file; 'native' with no SHA-256 for the native format. A delivery
      // imported before this was recorded has profile ''.
      R"sql(
ALTER TABLE extract_file ADD COLUMN profile TEXT NOT NULL DEFAULT '';
ALTER TABLE extract_file ADD COLUMN profile_sha256 TEXT NOT NULL DEFAULT '';
)sql",
      // 12: a draw records which population it was drawn from (sample_draw.h: 'case_criteria',
      // the cases a case criterion applies to, or 'all'; earlier draws took every case, and a
      // draw merged from a bundle, which does not carry it, has ''), and its reserve list:
      // the cases the draw gives after the sample, in the order to use them.
      R"sql(
ALTER TABLE sample_draw ADD COLUMN population_rule TEXT NOT NULL DEFAULT '';
UPDATE sample_draw SET population_rule = 'all';
CREATE TABLE sample_reserve (
  draw          INTEGER NOT NULL REFERENCES sample_draw(id),
  case_id       TEXT NOT NULL,
  stratum       TEXT NOT NULL,
  reserve_order INTEGER NOT NULL,
  PRIMARY KEY (draw, case_id)
) WITHOUT ROWID;
)sql",
  };
  return kMigrations;
}

Status MigrateTo(Database* db, int target) {
  Result<Statement> q = db->Prepare("PRAGMA user_version");
  if (!q.ok()) return q.status();
  q->Step();
  const int have = static_cast<int>(q->Int(0));
  q->Reset();  // a pending statement would lock the tables a migration drops
  const auto& migrations = Migrations();
  if (have > static_cast<int>(migrations.size())) {
    return Status::Conflict(db->path() + ": workspace schema version " + std::to_string(have) +
                            " is newer than this vtaudit understands (" +
                            std::to_string(migrations.size()) + "); use a newer vtaudit");
  }
  for (int v = have; v < target; ++v) {
    Transaction tx(db);
    if (!tx.status().ok()) return tx.status();
    if (Status s = db->Exec(migrations[static_cast<size_t>(v)]); !s.ok()) return s;
    if (Status s = db->Exec("PRAGMA user_version = " + std::to_string(v + 1)); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace internal

namespace {

Status MakeDirectories(const std::string& dir) {
  if (dir.empty()) return Status::Ok();
  std::string partial;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    partial = dir.substr(0, pos);
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::IoError(partial + ": cannot create directory: " + std::strerror(errno));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string Workspace::DefaultPath() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  std::string base;
  if (xdg && *xdg) {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = std::string(home ? home : ".") + "/.local/share";
  }
  return base + "/vtaudit/workspace.sqlite";
}

int Workspace::LatestSchemaVersion() { return static_cast<int>(internal::Migrations().size()); }

Result<std::unique_ptr<Workspace>> Workspace::Open(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash != std::string::npos) {
    if (Status s = MakeDirectories(path.substr(0, slash)); !s.ok()) return s;
  }
  Result<std::unique_ptr<Database>> db = Database::Open(path, /*create=*/true);
  if (!db.ok()) return db.status();
  if (Status s = internal::MigrateTo(db->get(), LatestSchemaVersion()); !s.ok()) return s;
  return std::unique_ptr<Workspace>(new Workspace(std::move(*db)));
}

int Workspace::schema_version() {
  Result<Statement> q = db_->Prepare("PRAGMA user_version");
  if (!q.ok() || !q->Step()) return -1;
  return static_cast<int>(q->Int(0));
}

Status Workspace::AddOrganisation(const Organisation& org) {
  if (org.code.empty()) return Status::Invalid("an organisation needs a code");
  // Codes travel into file names, URLs and HTTP headers: capitals, digits and '-' only.
  const bool plain =
      org.code.size() <= 16 && std::all_of(org.code.begin(), org.code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      });
  if (!plain) {
    return Status::Invalid("organisation code '" + EscapeControl(org.code) +
                           "' must be 1 to 16 capitals, digits or '-' (like VT07)");
  }
  if (org.name.empty()) return Status::Invalid("organisation " + org.code + " needs a name");
  if (Result<Organisation> have = FindOrganisation(org.code); have.ok()) {
    return Status::Conflict("organisation " + org.code + " exists already (" + have->name + ")");
  }
  Result<Statement> q = db_->Prepare(
      "INSERT INTO organisation (code, name, region, size_weight) VALUES (?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  return q->Bind(1, org.code).Bind(2, org.name).Bind(3, org.region).Bind(4, org.size_weight).Run();
}

Result<std::vector<Organisation>> Workspace::Organisations() {
  Result<Statement> q =
      db_->Prepare("SELECT code, name, region, size_weight FROM organisation ORDER BY code");
  if (!q.ok()) return q.status();
  std::vector<Organisation> out;
  while (q->Step()) out.push_back({q->Text(0), q->Text(1), q->Text(2), q->Double(3)});
  if (!q->status().ok()) return q->status();
  return out;
}

Result<Organisation> Workspace::FindOrganisation(const std::string& code) {
  Result<Statement> q =
      db_->Prepare("SELECT code, name, region, size_weight FROM organisation WHERE code = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, code);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return Status::NotFound("no organisation with code '" + code +
                            "' in this workspace (see `vtaudit org list`)");
  }
  return Organisation{q->Text(0), q->Text(1), q->Text(2), q->Double(3)};
}

Result<bool> Workspace::StoreFramework(const Framework& f, std::string_view content,
                                       const std::string& path) {
  Result<Statement> q = db_->Prepare(
      "INSERT OR IGNORE INTO framework (sha256, id, version, title, path, content, loaded_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->Bind(1, f.sha256).Bind(2, f.id).Bind(3, f.version).Bind(4, f.title).Bind(5, path);
  q->Bind(6, content).Bind(7, UtcNowIso());
  if (Status s = q->Run(); !s.ok()) return s;
  return db_->Changes() > 0;
}

Result<std::vector<StoredFramework>> Workspace::Frameworks() {
  Result<Statement> q = db_->Prepare(
      "SELECT sha256, id, version, title, path FROM framework ORDER BY id, version, loaded_at");
  if (!q.ok()) return q.status();
  std::vector<StoredFramework> out;
  while (q->Step()) out.push_back({q->Text(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4)});
  if (!q->status().ok()) return q->status();
  return out;
}

Result<Framework> Workspace::LoadFramework(const std::string& sha256) {
  Result<Statement> q = db_->Prepare("SELECT content, path FROM framework WHERE sha256 = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, sha256);
  if (!q->Step())
    return Status::NotFound("no framework with SHA-256 " + sha256 + " in this workspace");
  return ParseFramework(q->Text(0), q->Text(1), FrameworkOrigin::kStored);
}

}  // namespace vtaudit
