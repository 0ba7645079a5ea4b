import GRDB

/// The agent's schema, as migrations registered in order.
enum AgentStoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-outbox-delivered-mirror-meta") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      uuid BLOB NOT NULL UNIQUE,
                      key TEXT NOT NULL,
                      value TEXT NOT NULL,
                      wall INTEGER NOT NULL,
                      counter INTEGER NOT NULL,
                      origin TEXT NOT NULL,
                      ttl INTEGER,
                      state TEXT NOT NULL DEFAULT 'pending',
                      reason TEXT,
                      detail TEXT,
                      restamped INTEGER NOT NULL DEFAULT 0,
                      entered_at INTEGER NOT NULL
                    );
                    CREATE TABLE delivered (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      key TEXT NOT NULL,
                      value TEXT NOT NULL,
                      wall INTEGER NOT NULL,
                      counter INTEGER NOT NULL,
                      origin TEXT NOT NULL,
                      status TEXT NOT NULL,
                      town_value TEXT,
                      detail TEXT,
                      delivered_at INTEGER NOT NULL
                    );
                    CREATE TABLE mirror (
                      key TEXT PRIMARY KEY NOT NULL,
                      value TEXT NOT NULL,
                      wall INTEGER,
                      counter INTEGER,
                      origin TEXT,
                      sequence INTEGER NOT NULL
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
