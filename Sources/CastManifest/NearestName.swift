/// "Did you mean" suggestions for misspelt keys and names.
public enum NearestName {
    /// The candidate closest to `name` by edit distance (ignoring case), if it is close enough to
    /// be a likely typo: at most a third of the longer name's letters differ, and at least 1.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let lowered = Array(name.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased()))
            let allowed = max(1, max(lowered.count, candidate.count) / 3)
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// " (did you mean 'x'?)" or "".
    public static func hint(for name: String, among candidates: [String]) -> String {
        suggestion(for: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two
    /// neighbouring letters (the commonest typo: "sede" for "seed") as 1 each.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // distance[i][j]: between the first i letters of a and the first j of b.
        var distance = (0...a.count).map { i in (0...b.count).map { j in i == 0 ? j : (j == 0 ? i : 0) } }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(distance[i - 1][j - 1] + cost, distance[i - 1][j] + 1, distance[i][j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, distance[i - 2][j - 2] + 1) }
                distance[i][j] = best
            }
        }
        return distance[a.count][b.count]
    }
}
