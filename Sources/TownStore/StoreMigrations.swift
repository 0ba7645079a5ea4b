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
        return migrator
    }
}
