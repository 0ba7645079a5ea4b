import Foundation
import TownAgent
import TownModel
import TownWire

/// The fuzz targets. `wire`: the input as a ZMTP-framed byte stream, every message decoded for
/// every channel; what decodes must re-encode to itself. `csv`: the input as a village's CSV file;
/// the importer must answer with figures that pass the key schema, or an error.
enum FuzzTarget: String {
    case wire, csv

    /// From `$FUZZ_TARGET` (default `wire`).
    static let selected: FuzzTarget = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "wire") ?? .wire

    func run(_ bytes: [UInt8]) {
        switch self {
        case .wire: Self.wire(bytes)
        case .csv: Self.csv(bytes)
        }
    }

    static func wire(_ bytes: [UInt8]) {
        var decoder = FrameStreamDecoder(maximumFrameBytes: 1 << 17)
        guard let messages = try? decoder.feed(bytes) else { return }
        for frames in messages {
            for channel in WireChannel.allCases {
                guard let message = try? WireMessage.decode(frames, channel: channel) else { continue }
                let again = try? WireMessage.decode(message.encode(), channel: channel)
                precondition(again == message, "re-encoding changed a \(channel) message")
            }
        }
    }

    static let schema = KeySchema()

    static func csv(_ bytes: [UInt8]) {
        guard let figures = try? CSVImport(village: "luli", schema: schema).figures(fromFileBytes: bytes) else { return }
        for figure in figures {
            precondition((try? schema.validate(key: figure.key, body: Array(figure.value.utf8))) != nil, "imported an invalid figure")
        }
    }
}

/// libFuzzer's callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func townsyncFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    FuzzTarget.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
