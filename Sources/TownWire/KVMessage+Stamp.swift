import TownMerge

extension KVMessage {
    /// The value's stamp from the `stamp` and `origin` properties; nil when neither is present.
    public func stamp() throws(WireError) -> Stamp? {
        let text = properties[PropertyName.stamp]
        let origin = properties[PropertyName.origin]
        if text == nil && origin == nil { return nil }
        guard let text else { throw .missingProperty(PropertyName.stamp) }
        guard let origin else { throw .missingProperty(PropertyName.origin) }
        do {
            return try Stamp(parsing: text, origin: origin)
        } catch {
            throw .propertyValueInvalid(name: PropertyName.stamp, value: "\(text) from \(origin): \(error)")
        }
    }

    /// The `ttl` property in seconds; nil when absent.
    public func ttlSeconds() throws(WireError) -> UInt32? {
        guard let text = properties[PropertyName.ttl] else { return nil }
        guard let value = UInt32(text), String(value) == text else {
            throw .propertyValueInvalid(name: PropertyName.ttl, value: text)
        }
        return value
    }

    /// Sets `stamp` and `origin` from a stamp.
    public mutating func setStamp(_ stamp: Stamp) {
        properties[PropertyName.stamp] = stamp.text
        properties[PropertyName.origin] = stamp.origin
    }
}
