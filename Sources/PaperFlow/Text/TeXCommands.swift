/// Step 3 of the title key (DESIGN §4): TeX accent commands and control words in a title.
///
/// An accent command (`\"`, `\'`, `` \` ``, `\^`, `\~`, `\=`, `\.`) followed by a letter or by `{letter}` becomes
/// the bare letter; any other control word (a backslash and ASCII letters) is deleted, and its braced argument stays.
/// One left-to-right pass: `\\` followed by an accent is read as a backslash, then the accent command.
enum TeXCommands {
    /// Resolves the TeX commands in ASCII bytes; `isLetter` says which bytes an accent may sit on.
    static func resolving(_ bytes: [UInt8], isLetter: (UInt8) -> Bool) -> [UInt8] {
        resolving(bytes, code: { UInt32($0) }, isLetter: isLetter)
    }

    /// Resolves the TeX commands in `scalars`; `isLetter` says which scalars an accent may sit on.
    static func resolving(
        _ scalars: String.UnicodeScalarView, isLetter: (Unicode.Scalar) -> Bool
    ) -> [Unicode.Scalar] {
        resolving(Array(scalars), code: { $0.value }, isLetter: isLetter)
    }

    private static func resolving<Element>(
        _ input: [Element], code: (Element) -> UInt32, isLetter: (Element) -> Bool
    ) -> [Element] {
        var output: [Element] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let element = input[index]
            guard code(element) == UInt32(ASCIIByte.backslash), index + 1 < input.count else {
                output.append(element)
                index += 1
                continue
            }
            let next = code(input[index + 1])
            if isAccentMark(next) {
                if index + 2 < input.count, isLetter(input[index + 2]) {
                    output.append(input[index + 2])
                    index += 3
                    continue
                }
                if index + 4 < input.count, code(input[index + 2]) == UInt32(ASCIIByte.openingBrace),
                    isLetter(input[index + 3]), code(input[index + 4]) == UInt32(ASCIIByte.closingBrace)
                {
                    output.append(input[index + 3])
                    index += 5
                    continue
                }
            }
            if isASCIILetter(next) {
                index += 2
                while index < input.count, isASCIILetter(code(input[index])) {
                    index += 1
                }
                continue
            }
            output.append(element)
            index += 1
        }
        return output
    }

    private static func isAccentMark(_ code: UInt32) -> Bool {
        switch code {
        case 0x22, 0x27, 0x60, 0x5E, 0x7E, 0x3D, 0x2E: true  // " ' ` ^ ~ = .
        default: false
        }
    }

    private static func isASCIILetter(_ code: UInt32) -> Bool {
        code < 0x80 && ASCIIByte.isLetter(UInt8(code))
    }
}
