// libFuzzer entry point: bytes of a letter file → decode and parse header and body.
import MissiveIndex

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLetter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = LetterParser.parse(bytes: Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz.txt")
    return 0
}
