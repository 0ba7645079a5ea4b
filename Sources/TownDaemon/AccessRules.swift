import TownModel
import TownStore
import TownWire

/// DESIGN.md's authorization table and locks.
///
/// - nobody but the daemon writes `/indicator/`;
/// - admin writes everything else; reader nothing;
/// - a village writes its own `/village/<vid>/` and `/agent/<vid>/` keys, and the `status`,
///   `investment_completed` and `progress` of projects registered to it (`/project/<pid>/village`);
/// - a locked village year (`/lock/<vid>/<year>` live) refuses every write to
///   `/village/<vid>/<year>/...`, whatever the stamp, until an admin deletes the lock.
public struct AccessRules: WritePolicy {
    public static let villageProjectFields: Set<String> = ["status", "investment_completed", "progress"]

    public init() {}

    public func check(key: String, body: [UInt8], principal: Principal, lookup: some KeyLookup) -> Rejection? {
        let path = KeyPath(key)
        if let rejection = authorize(path: path, key: key, principal: principal, lookup: lookup) { return rejection }
        if path[0] == "village", path.count >= 3, let vid = path[1], let year = path[2],
            lookup.isLocked(village: vid[...], year: year[...])
        {
            return Rejection(.locked, "\(vid) \(year) is locked (approved); an admin must unlock it first")
        }
        return nil
    }

    /// The same rules for a key the schema has already classified: a village figure (most
    /// writes) is decided without parsing its key again.
    func check(kind: KeyKind, key: String, body: [UInt8], principal: Principal, lookup: some KeyLookup) -> Rejection? {
        guard case .villageFigure(let vid, let year, _) = kind else {
            return check(key: key, body: body, principal: principal, lookup: lookup)
        }
        switch principal {
        case .daemon, .admin: break
        case .village(let writer) where writer == vid: break
        default: return authorize(path: KeyPath(key), key: key, principal: principal, lookup: lookup)
        }
        if lookup.isLocked(village: vid[...], year: String(year)[...]) {
            return Rejection(.locked, "\(vid) \(year) is locked (approved); an admin must unlock it first")
        }
        return nil
    }

    func authorize(path: KeyPath, key: String, principal: Principal, lookup: some KeyLookup) -> Rejection? {
        if path[0] == "indicator" {
            return principal == .daemon ? nil : Rejection(.unauthorized, "indicators are derived by townd only")
        }
        switch principal {
        case .daemon, .admin: return nil
        case .reader: return Rejection(.unauthorized, "a reader may not write")
        case .other(let name): return Rejection(.unauthorized, "'\(name)' is not a known principal")
        case .village(let vid):
            if ["village", "agent"].contains(path[0] ?? ""), path[1] == vid { return nil }
            if path[0] == "project", path.count == 3, let pid = path[1], let field = path[2],
                Self.villageProjectFields.contains(field)
            {
                let owner = lookup.liveText("/project/\(pid)/village")
                if owner == vid { return nil }
                return Rejection(
                    .unauthorized,
                    owner == nil ? "project \(pid) is not registered" : "project \(pid) belongs to \(owner!), not \(vid)")
            }
            return Rejection(.unauthorized, "village \(vid) may not write \(key)")
        }
    }
}
