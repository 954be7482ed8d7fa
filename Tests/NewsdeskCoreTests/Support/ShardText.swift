/// Shard lines' numbers spelled and read independently of `PostingList.writeText`, for
/// expectations: unsigned base64 VLQ, five bits of the number a digit, lowest first, 32 added
/// to a digit that another follows (source maps' digits, without their sign bit).
enum ShardText {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    static func digits(_ number: Int) -> String {
        var rest = number
        var text = ""
        repeat {
            let low = rest % 32
            rest /= 32
            text.append(alphabet[rest > 0 ? low + 32 : low])
        } while rest > 0
        return text
    }

    static func text(_ numbers: [Int]) -> String { numbers.map(digits).joined() }

    static func numbers(_ text: some StringProtocol) -> [Int] {
        var numbers: [Int] = []
        var value = 0
        var shift = 0
        for character in text {
            let digit = alphabet.firstIndex(of: character)!
            value += (digit % 32) << shift
            if digit >= 32 {
                shift += 5
            } else {
                numbers.append(value)
                (value, shift) = (0, 0)
            }
        }
        return numbers
    }
}
