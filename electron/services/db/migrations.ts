/**
 * Schema migrations, applied in order. Each entry is append-only once shipped: change the
 * schema by adding a migration, never by editing one, because installed databases have
 * already run the old text.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Reference data of the cycle, loaded from seeds/ at set-up.
      CREATE TABLE cycle (
        code   TEXT PRIMARY KEY,
        label  TEXT NOT NULL,
        source TEXT NOT NULL
      ) STRICT;

      CREATE TABLE region (
        code     TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        position INTEGER NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE objective (
        code     TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        position INTEGER NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE outcome (
        code               TEXT PRIMARY KEY,
        title              TEXT NOT NULL,
        objective_code     TEXT NOT NULL REFERENCES objective(code),
        position           INTEGER NOT NULL UNIQUE,
        comparable         INTEGER NOT NULL CHECK (comparable IN (0, 1)),
        comparability_note TEXT
      ) STRICT;

      -- Office role: the office's own plan. country '' is the whole-office figure of an outcome.
      CREATE TABLE entry (
        outcome_code  TEXT NOT NULL REFERENCES outcome(code),
        country       TEXT NOT NULL DEFAULT '' CHECK (country = '' OR country GLOB '[A-Z][A-Z][A-Z]'),
        demand        INTEGER CHECK (demand IS NULL OR demand >= 0),
        target        INTEGER CHECK (target IS NULL OR target >= 0),
        justification TEXT NOT NULL DEFAULT '',
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (outcome_code, country)
      ) STRICT;

      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        outcome   TEXT NOT NULL,
        country   TEXT NOT NULL,
        field     TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
      ) STRICT;

      CREATE TABLE export (
        revision       INTEGER PRIMARY KEY CHECK (revision >= 1),
        exported_at    TEXT NOT NULL,
        payload_sha256 TEXT NOT NULL,
        file_sha256    TEXT NOT NULL,
        file_name      TEXT NOT NULL
      ) STRICT;

      -- Headquarters role: trusted offices and their keys.
      CREATE TABLE office (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        region     TEXT NOT NULL REFERENCES region(code),
        added_at   TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE office_key (
        id          INTEGER PRIMARY KEY,
        office_id   TEXT NOT NULL REFERENCES office(id),
        fingerprint TEXT NOT NULL UNIQUE,
        public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
        added_at    TEXT NOT NULL,
        retired_at  TEXT
      ) STRICT;
      CREATE UNIQUE INDEX office_key_one_active ON office_key(office_id) WHERE retired_at IS NULL;

      -- Every file offered for import, with its verdict. raw is NULL only for files too large to keep.
      CREATE TABLE received_file (
        id             INTEGER PRIMARY KEY,
        file_name      TEXT NOT NULL,
        received_at    TEXT NOT NULL,
        size           INTEGER NOT NULL,
        file_sha256    TEXT,
        payload_sha256 TEXT,
        raw            BLOB,
        office_id      TEXT,
        revision       INTEGER,
        signed_at      TEXT,
        verdict        TEXT NOT NULL,
        reason         TEXT NOT NULL,
        flagged        INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1))
      ) STRICT;

      -- The last accepted bundle of each office, which the consolidated table sums.
      CREATE TABLE contribution (
        office_id        TEXT PRIMARY KEY REFERENCES office(id),
        revision         INTEGER NOT NULL CHECK (revision >= 1),
        received_file_id INTEGER NOT NULL REFERENCES received_file(id),
        payload_sha256   TEXT NOT NULL,
        signed_at        TEXT NOT NULL,
        imported_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE contribution_entry (
        office_id     TEXT NOT NULL REFERENCES contribution(office_id) ON DELETE CASCADE,
        outcome_code  TEXT NOT NULL REFERENCES outcome(code),
        country       TEXT NOT NULL DEFAULT '',
        demand        INTEGER CHECK (demand IS NULL OR demand >= 0),
        target        INTEGER CHECK (target IS NULL OR target >= 0),
        justification TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (office_id, outcome_code, country)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'trust events and revisions per key',
    sql: `
      -- Who changed the trust store, when and how: additions, revocations and key replacements.
      CREATE TABLE trust_event (
        id              INTEGER PRIMARY KEY,
        at              TEXT NOT NULL,
        actor           TEXT NOT NULL,
        office_id       TEXT NOT NULL REFERENCES office(id),
        action          TEXT NOT NULL CHECK (action IN ('added', 'revoked', 'key-replaced')),
        old_fingerprint TEXT,
        new_fingerprint TEXT
      ) STRICT;

      INSERT INTO trust_event (at, actor, office_id, action, new_fingerprint)
        SELECT k.added_at, 'unknown', k.office_id, 'added', k.fingerprint FROM office_key k;
      INSERT INTO trust_event (at, actor, office_id, action)
        SELECT revoked_at, 'unknown', id, 'revoked' FROM office WHERE revoked_at IS NOT NULL;

      -- Revisions count per signing key: an office that had to make a new key starts again at 1.
      -- Before this version an office could have only one key, so that key signed everything.
      ALTER TABLE received_file ADD COLUMN key_fingerprint TEXT;
      ALTER TABLE contribution ADD COLUMN key_fingerprint TEXT;
      UPDATE received_file SET key_fingerprint =
        (SELECT k.fingerprint FROM office_key k WHERE k.office_id = received_file.office_id)
        WHERE office_id IS NOT NULL;
      UPDATE contribution SET key_fingerprint =
        (SELECT k.fingerprint FROM office_key k WHERE k.office_id = contribution.office_id);

      -- A digest of the entries each export signed, so a printed summary can tell whether the
      -- plan has changed since. Exports made before this version have none.
      ALTER TABLE export ADD COLUMN entries_sha256 TEXT;
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

// A gap or repeat in the version numbers would skip or re-run a migration on some installations.
MIGRATIONS.forEach((migration, index) => {
  if (migration.version !== index + 1) {
    throw new Error(`Migration "${migration.name}" has version ${migration.version}; versions must run 1, 2, 3… without gaps.`);
  }
});
