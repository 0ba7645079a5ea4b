/// For one village field and year: the sum of this year's figures and of last year's, over the
/// villages that reported both (a growth's numerator and denominator).
struct PairSum: Sendable, Equatable {
    var current: Int64 = 0
    var previous: Int64 = 0
}
