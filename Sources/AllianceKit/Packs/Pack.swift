/// A question pack: a Markdown file of questions in sections, with YAML front matter.
public struct Pack: Sendable, Equatable {
    package var id: String
    package var title: String
    package var tags: [String]
    /// When to use it.
    package var forWhen: String?
    package var version: String?
    package var author: String?
    package var origin: String?
    package var intro: String?
    /// The slug of the section `/repair` asks from (front matter `repair:`), when the pack has one;
    /// its questions are repair questions however they are asked.
    package var repairSection: String?
    /// The front matter line of `repair:`, for the error when it names no section.
    package var repairLine = 0
    package var sections: [Section] {
        // What Tab offers is worked out from the sections: a change makes it stale.
        didSet { completionIndex = CompletionIndexSlot() }
    }
    /// Where it was loaded from, and the SHA-256 of the file.
    package var path: String
    package var hash: String
    /// `completions`, worked out once when the pack is parsed.
    var completionIndex = CompletionIndexSlot()

    public struct Section: Sendable, Equatable {
        package var title: String
        /// The section's name for `ask SECTION`: its title as a slug.
        public var slug: String
        package var questions: [Question]
        /// The line of its `##` heading.
        package var line: Int = 0
    }

    public struct Question: Sendable, Equatable {
        /// Stable within the pack: given as `{#id}`, or made from the question's words.
        public var id: String
        package var text: String
        /// The question's own follow-ups, asked by `probe` before the generic ones.
        public var probes: [String]
        package var line: Int
    }

    /// Every question in order.
    public var questions: [(section: Section, question: Question)] {
        sections.flatMap { section in section.questions.map { (section, $0) } }
    }

    public var questionCount: Int { sections.reduce(0) { $0 + $1.questions.count } }

    public func question(id: String) -> (section: Section, question: Question)? {
        for section in sections {
            if let q = section.questions.first(where: { $0.id == id }) { return (section, q) }
        }
        return nil
    }

    package var source: Source { Source(id: id, hash: hash) }

    /// The section `/repair` asks from, when the pack declares one.
    package var repair: Section? {
        repairSection.flatMap { slug in sections.first { $0.slug == slug } }
    }

    /// Whether `question` belongs to the pack's repair section.
    package func isRepairQuestion(_ question: String) -> Bool {
        repair?.questions.contains { $0.id == question } ?? false
    }

    /// What `ask` completes: every question id, then every section's slug, without repeats.
    var completions: CompletionIndex {
        completionIndex.index
            ?? CompletionIndex(sections.flatMap { $0.questions.map(\.id) } + sections.map(\.slug))
    }
}

/// Holds a pack's completion index; derived from the sections, so never part of a pack's equality.
struct CompletionIndexSlot: Sendable, Equatable {
    var index: CompletionIndex?
    static func == (_: Self, _: Self) -> Bool { true }
}
