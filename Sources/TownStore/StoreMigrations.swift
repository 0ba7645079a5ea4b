import GRDB

/// The schema, as migrations registered in order. Never edit a shipped migration: add one.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-kv-history-seen-meta") { db in
            try db.execute(
                sql: """
                    CREATE TABLE kv (
                      key TEXT PRIMARY KEY NOT NULL,
                      body BLOB NOT NULL,
                      wall INTEGER NOT NULL,
                      counter INTEGER NOT NULL,
                      origin TEXT NOT NULL,
                      uuid BLOB NOT NULL,
                      sequence INTEGER NOT NULL,
                      ttl INTEGER,
                      expires_at INTEGER
                    ) WITHOUT ROWID;
                    CREATE TABLE history (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      at INTEGER NOT NULL,
                      key TEXT NOT NULL,
                      status TEXT NOT NULL,
                      reason TEXT,
                      detail TEXT,
                      wall INTEGER,
                      counter INTEGER,
                      origin TEXT,
                      principal TEXT NOT NULL,
                      uuid BLOB NOT NULL,
                      body BLOB NOT NULL,
                      sequence INTEGER NOT NULL,
                      channel TEXT NOT NULL
                    );
                    CREATE INDEX history_by_key ON history (key, id);
                    CREATE TABLE seen_uuid (
                      uuid BLOB PRIMARY KEY NOT NULL,
                      key TEXT NOT NULL,
                      fingerprint INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE meta (
                      name TEXT PRIMARY KEY NOT NULL,
                      value INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        // Each key's history as a chain, newest first: the key's last history row is kept in its
        // `kv` row (`history_head` for keys that have no value, such as refused writes to unknown
        // keys) and each history row names the key's previous one. It replaces the index on
        // (key, id), whose insert touched a page at random for every write: 2.76 -> 1.36 WAL pages
        // per write at 20 writes a commit over 10,000 keys (a model of the schema in Python's sqlite3).
        migrator.registerMigration("v2-history-chain") { db in
            try db.execute(
                sql: """
                    ALTER TABLE kv ADD COLUMN history_last INTEGER;
                    ALTER TABLE history ADD COLUMN previous INTEGER;
                    CREATE TABLE history_head (
                      key TEXT PRIMARY KEY NOT NULL,
                      last INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    UPDATE history SET previous = chain.previous
                      FROM (SELECT id, LAG(id) OVER (PARTITION BY key ORDER BY id) AS previous FROM history) AS chain
                      WHERE history.id = chain.id AND chain.previous IS NOT NULL;
                    UPDATE kv SET history_last = (SELECT MAX(id) FROM history WHERE history.key = kv.key);
                    INSERT INTO history_head (key, last)
                      SELECT key, MAX(id) FROM history WHERE key NOT IN (SELECT key FROM kv) GROUP BY key;
                    DROP INDEX history_by_key;
                    """)
        }
        // Values written to `kv` after their history rows (see `DeferredValues`): a history row
        // keeps the write's ttl, so the value it set can be read back from it, and `kv_through`
        // names the row through which `kv` holds every key's newest state (all of it, here).
        migrator.registerMigration("v3-values-from-history") { db in
            try db.execute(
                sql: """
                    ALTER TABLE history ADD COLUMN ttl INTEGER;
                    INSERT OR REPLACE INTO meta (name, value) SELECT 'kv_through', COALESCE(MAX(id), 0) FROM history;
                    """)
        }
        // Seen uuids written to a table after their history rows (see `DeferredSeen`): a history
        // row keeps the fingerprint of a write that was the first of its uuid; runs of them, sorted,
        // go to `seen_block` as blocks of 24-byte entries (the uuid, then its history row's id,
        // little-endian), each block keyed by its run and first uuid, the runs listed in `seen_run`
        // (`writing` until whole; runs of a size are merged into one as the store runs, the merged
        // ones `retired` until their blocks are deleted); `seen_through` names the row
        // through which every seen uuid is in `seen_uuid` or `seen_block` (all of them, here).
        migrator.registerMigration("v4-seen-from-history") { db in
            try db.execute(
                sql: """
                    ALTER TABLE history ADD COLUMN fingerprint INTEGER;
                    CREATE TABLE seen_run (
                      run INTEGER PRIMARY KEY NOT NULL,
                      entries INTEGER NOT NULL,
                      state TEXT NOT NULL CHECK (state IN ('writing', 'whole', 'retired'))
                    );
                    CREATE TABLE seen_block (
                      run INTEGER NOT NULL,
                      first BLOB NOT NULL,
                      entries BLOB NOT NULL,
                      PRIMARY KEY (run, first)
                    ) WITHOUT ROWID;
                    INSERT OR REPLACE INTO meta (name, value) SELECT 'seen_through', COALESCE(MAX(id), 0) FROM history;
                    """)
        }
        return migrator
    }
}
