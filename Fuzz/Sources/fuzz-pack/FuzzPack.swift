// libFuzzer target: pack files (Markdown question packs) through `Pack.parse(bytes:path:)`.
// Any input may be refused with an error; none may crash.
import AllianceKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPack(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do throws(AllianceError) {
        let (pack, warnings) = try Pack.parse(bytes: bytes, path: "packs/fuzz-pack.md")
        // What the shell and `alliance packs` do with a loaded pack.
        var sink = warnings.map(\.description).joined().utf8.count
        let library = PackLibrary(packs: [pack])
        sink &+= library.ids.count &+ pack.questionCount
        for (section, question) in pack.questions {
            sink &+= section.slug.utf8.count &+ question.probes.count
            sink &+= pack.question(id: question.id) == nil ? 1 : 0
        }
        blackHole(sink)
    } catch {
        blackHole(error.description.utf8.count)
    }
    return 0
}

@inline(never) func blackHole(_ value: Int) { if value == -1 { print("", terminator: "") } }
