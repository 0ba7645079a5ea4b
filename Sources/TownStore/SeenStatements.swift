/// The statements of a lookup of seen uuids (``Store/lookUpSeen(_:waiting:runs:statements:into:)``).
struct SeenStatements {
    /// `SELECT key, fingerprint FROM seen_uuid WHERE uuid = ?`
    var table: RawStatement
    /// The block of a run that would hold a uuid: by run and uuid.
    var block: RawStatement
    /// A history row's key and fingerprint, by id.
    var historyRow: RawStatement

    static let tableSQL = "SELECT key, fingerprint FROM seen_uuid WHERE uuid = ?"
    static let blockSQL = "SELECT entries FROM seen_block WHERE run = ?1 AND first <= ?2 ORDER BY first DESC LIMIT 1"
    static let historyRowSQL = "SELECT key, fingerprint FROM history WHERE id = ? AND fingerprint IS NOT NULL"

    func clearBindings() {
        for statement in [table, block, historyRow] { statement.clearBindings() }
    }
}
