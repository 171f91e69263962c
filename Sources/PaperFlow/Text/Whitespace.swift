extension Substring {
    /// The text without leading and trailing Unicode whitespace (the White_Space property: tabs, line ends,
    /// no-break space, U+0085, U+2028, U+2029, …).
    public var trimmingUnicodeWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !Self.isWhitespace($0) }) else { return "" }
        return Substring(scalars[first...last])
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ASCIIByte.isWhitespace(UInt8(scalar.value)) : scalar.properties.isWhitespace
    }
}

extension String {
    /// The text without leading and trailing Unicode whitespace; see ``Substring/trimmingUnicodeWhitespace``.
    public var trimmingUnicodeWhitespace: Substring {
        self[...].trimmingUnicodeWhitespace
    }
}
